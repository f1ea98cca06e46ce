package org.rtspkit.client.internal;

import java.time.Instant;
import org.rtspkit.api.Format;
import org.rtspkit.api.NtpTime;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.SenderReport;

/**
 * What a publisher keeps per format for its sender reports (RFC 3550 §6.4.1): its SSRC, packet and
 * octet counts, and the wall-clock time of the last packet whose presentation time is its decoding
 * time, from which the report's NTP and RTP times are carried forward. Thread-safe.
 */
final class FormatSender {
    private final Format format;
    private final long ssrc;
    private long packets;
    private long octets;
    private boolean mapped;
    private long lastRtp;
    private Instant lastNtp;
    private long lastNanos;

    FormatSender(Format format, long ssrc) {
        this.format = format;
        this.ssrc = ssrc;
    }

    long ssrc() {
        return ssrc;
    }

    Format format() {
        return format;
    }

    /** Counts a packet sent; returns true for the first packet (a first report goes with it). */
    synchronized boolean sent(RtpPacket packet, Instant ntp, long nowNanos) {
        boolean first = packets == 0;
        packets++;
        octets += packet.payload().length;
        if (!mapped || format.ptsEqualsDts(packet)) {
            mapped = true;
            lastRtp = packet.timestamp();
            lastNtp = ntp;
            lastNanos = nowNanos;
        }
        return first;
    }

    /** The report to send now, or null before the first packet or for a format without a clock rate. */
    synchronized SenderReport report(long nowNanos) {
        if (!mapped || format.clockRate() <= 0) {
            return null;
        }
        long elapsed = nowNanos - lastNanos;
        long rtp = (lastRtp + (long) (elapsed / 1e9 * format.clockRate())) & 0xFFFF_FFFFL;
        long ntp = NtpTime.encode(lastNtp.plusNanos(elapsed));
        return SenderReport.of(ssrc, ntp, rtp, packets & 0xFFFF_FFFFL, octets & 0xFFFF_FFFFL);
    }
}
