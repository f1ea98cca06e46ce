package org.rtspkit.api;

/**
 * Counters of one session, summed over its medias.
 *
 * @param inboundBytes                   RTP and RTCP bytes received from the client
 * @param inboundRtpPackets              RTP packets received from a publisher
 * @param inboundRtpPacketsLost          RTP packets of a publisher that never arrived, by sequence number
 * @param inboundRtpPacketsInError       RTP packets received that could not be decoded
 * @param inboundRtcpPackets             RTCP packets received from the client
 * @param inboundRtcpPacketsInError      RTCP packets received that could not be decoded
 * @param outboundBytes                  RTP and RTCP bytes sent to the client
 * @param outboundRtpPackets             RTP packets sent to a reader
 * @param outboundRtpPacketsDropped      RTP packets a reader lost because its write queue was full
 * @param outboundRtpPacketsReportedLost RTP packets lost, as the reader's latest receiver report counts them (cumulative)
 * @param outboundRtcpPackets            RTCP packets sent to the client
 */
public record SessionStats(long inboundBytes, long inboundRtpPackets, long inboundRtpPacketsLost,
                           long inboundRtpPacketsInError, long inboundRtcpPackets, long inboundRtcpPacketsInError,
                           long outboundBytes, long outboundRtpPackets, long outboundRtpPacketsDropped,
                           long outboundRtpPacketsReportedLost, long outboundRtcpPackets) {
}
