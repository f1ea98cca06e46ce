package org.rtspkit.micrometer;

import org.rtspkit.api.SessionStats;

/** Sums of {@link SessionStats}: the engine's counters of several sessions as one. */
final class Totals {
    static final SessionStats ZERO = new SessionStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private Totals() {
    }

    static SessionStats plus(SessionStats a, SessionStats b) {
        return new SessionStats(a.inboundBytes() + b.inboundBytes(),
                a.inboundRtpPackets() + b.inboundRtpPackets(),
                a.inboundRtpPacketsLost() + b.inboundRtpPacketsLost(),
                a.inboundRtpPacketsInError() + b.inboundRtpPacketsInError(),
                a.inboundRtcpPackets() + b.inboundRtcpPackets(),
                a.inboundRtcpPacketsInError() + b.inboundRtcpPacketsInError(),
                a.outboundBytes() + b.outboundBytes(),
                a.outboundRtpPackets() + b.outboundRtpPackets(),
                a.outboundRtpPacketsDropped() + b.outboundRtpPacketsDropped(),
                a.outboundRtpPacketsReportedLost() + b.outboundRtpPacketsReportedLost(),
                a.outboundRtcpPackets() + b.outboundRtcpPackets(),
                a.outboundRtpPacketsDroppedByTransport() + b.outboundRtpPacketsDroppedByTransport());
    }
}
