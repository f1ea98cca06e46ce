package org.rtspkit.api;

/**
 * Counters of one session, summed over its medias. Every RTP packet its stream offers a reader ends
 * in exactly one of three counters: sent ({@code outboundRtpPackets}), refused by the reader's full
 * write queue ({@code outboundRtpPacketsDropped}), or taken by its transport and refused by the system
 * ({@code outboundRtpPacketsDroppedByTransport}, a UDP socket's full send buffer):
 * offered = outboundRtpPackets + outboundRtpPacketsDropped + outboundRtpPacketsDroppedByTransport.
 *
 * @param inboundBytes                   RTP and RTCP bytes received from the client
 * @param inboundRtpPackets              RTP packets received from a publisher
 * @param inboundRtpPacketsLost          RTP packets of a publisher that never arrived, by sequence number
 * @param inboundRtpPacketsInError       RTP packets received that could not be decoded
 * @param inboundRtcpPackets             RTCP packets received from the client
 * @param inboundRtcpPacketsInError      RTCP packets received that could not be decoded
 * @param outboundBytes                  RTP bytes queued for a reader (as marshalled, before SRTP) and the
 *                                       application's RTCP bytes queued for the client
 * @param outboundRtpPackets             RTP packets sent to a reader (queued for it, less those its transport
 *                                       dropped; those still queued count as sent)
 * @param outboundRtpPacketsDropped      RTP packets a reader lost because its write queue was full
 * @param outboundRtpPacketsReportedLost RTP packets lost, as the reader's latest receiver report counts them (cumulative)
 * @param outboundRtcpPackets            RTCP packets sent to the client
 * @param outboundRtpPacketsDroppedByTransport RTP packets a reader's transport took but the system refused,
 *                                       for example because a UDP socket's send buffer was full
 */
public record SessionStats(long inboundBytes, long inboundRtpPackets, long inboundRtpPacketsLost,
                           long inboundRtpPacketsInError, long inboundRtcpPackets, long inboundRtcpPacketsInError,
                           long outboundBytes, long outboundRtpPackets, long outboundRtpPacketsDropped,
                           long outboundRtpPacketsReportedLost, long outboundRtcpPackets,
                           long outboundRtpPacketsDroppedByTransport) {
}
