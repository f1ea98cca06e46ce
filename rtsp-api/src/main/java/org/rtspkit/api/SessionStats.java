package org.rtspkit.api;

/** Counters of one session, summed over its medias. */
public record SessionStats(long inboundBytes, long inboundRtpPackets, long inboundRtpPacketsLost,
                           long inboundRtpPacketsInError, long inboundRtcpPackets, long inboundRtcpPacketsInError,
                           long outboundBytes, long outboundRtpPackets, long outboundRtpPacketsDropped,
                           long outboundRtpPacketsReportedLost, long outboundRtcpPackets) {
}
