package org.rtspkit.api;

/**
 * Counters of one session, summed over its medias. Every RTP packet its stream offers a reader is
 * either queued for it ({@code outboundRtpPackets}) or refused by its full queue
 * ({@code outboundRtpPacketsDropped}).
 *
 * @param inboundBytes                   RTP and RTCP bytes received from the client
 * @param inboundRtpPackets              RTP packets received from a publisher
 * @param inboundRtpPacketsLost          RTP packets of a publisher that never arrived, by sequence number
 * @param inboundRtpPacketsInError       RTP packets received that could not be decoded
 * @param inboundRtcpPackets             RTCP packets received from the client
 * @param inboundRtcpPacketsInError      RTCP packets received that could not be decoded
 * @param outboundBytes                  RTP bytes queued for a reader (as marshalled, before SRTP) and the
 *                                       application's RTCP bytes queued for the client
 * @param outboundRtpPackets             RTP packets queued for a reader
 * @param outboundRtpPacketsDropped      RTP packets a reader lost because its write queue was full
 * @param outboundRtpPacketsReportedLost RTP packets lost, as the reader's latest receiver report counts them (cumulative)
 * @param outboundRtcpPackets            RTCP packets sent to the client
 */
public record SessionStats(long inboundBytes, long inboundRtpPackets, long inboundRtpPacketsLost,
                           long inboundRtpPacketsInError, long inboundRtcpPackets, long inboundRtcpPacketsInError,
                           long outboundBytes, long outboundRtpPackets, long outboundRtpPacketsDropped,
                           long outboundRtpPacketsReportedLost, long outboundRtcpPackets) {
}
