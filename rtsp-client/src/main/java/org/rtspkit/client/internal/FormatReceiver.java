package org.rtspkit.client.internal;

import java.time.Instant;
import java.util.List;
import org.rtspkit.api.Format;
import org.rtspkit.api.NtpTime;
import org.rtspkit.api.ReceptionReport;
import org.rtspkit.api.RtpPacket;

/**
 * What a reader keeps per format (RFC 3550 §6.4 and appendix A): the sender's SSRC, the extended
 * highest sequence number, losses, interarrival jitter and the last sender report, from which it
 * writes reception report blocks and maps RTP timestamps to wall-clock time. Over UDP packets pass
 * through a {@link Reorderer} first. Thread-safe: packets, sender reports and reports to send come
 * from different threads.
 */
final class FormatReceiver {
    /**
     * What a packet led to.
     *
     * @param deliver the packets to hand to the application, in order
     * @param lost packets newly counted lost
     */
    record Outcome(List<RtpPacket> deliver, long lost) {
    }

    private final Format format;
    private final Reorderer reorderer;
    private boolean started;
    private long ssrc;
    private int baseSeq;
    private int lastSeq;
    private long cycles;
    private long received;
    private long lost;
    private long expectedPrior;
    private long lostPrior;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;
    private long srNtp;
    private long srRtp;
    private long srArrivalNanos;
    private boolean haveSr;

    FormatReceiver(Format format, int reorderWindow) {
        this.format = format;
        this.reorderer = reorderWindow > 0 ? new Reorderer(reorderWindow) : null;
    }

    Format format() {
        return format;
    }

    synchronized Outcome process(RtpPacket packet, long arrivalNanos) {
        if (started && packet.ssrc() != ssrc) {
            // The sender restarted with another SSRC: start counting again.
            started = false;
            haveSr = false;
            haveTransit = false;
        }
        List<RtpPacket> ordered;
        long newlyLost = 0;
        if (reorderer != null) {
            if (!started) {
                reorderer.reset();
            }
            ordered = reorderer.process(packet);
            newlyLost = reorderer.takeLost();
        } else {
            ordered = List.of(packet);
            if (started) {
                int gap = (packet.sequenceNumber() - lastSeq - 1) & 0xFFFF;
                if (gap != 0 && gap < 0x8000) {
                    newlyLost = gap;
                }
            }
        }
        if (!started) {
            started = true;
            ssrc = packet.ssrc();
            baseSeq = packet.sequenceNumber();
            lastSeq = packet.sequenceNumber();
            cycles = 0;
            received = 0;
            lost = 0;
            expectedPrior = 0;
            lostPrior = 0;
        }
        for (RtpPacket p : ordered) {
            if (p.sequenceNumber() < lastSeq && lastSeq - p.sequenceNumber() > 0x8000) {
                cycles += 0x10000;
            }
            lastSeq = p.sequenceNumber();
            received++;
        }
        lost += newlyLost;
        if (format.clockRate() > 0 && format.ptsEqualsDts(packet)) {
            long arrival = (long) (arrivalNanos / 1e9 * format.clockRate());
            long transit = arrival - packet.timestamp();
            if (haveTransit) {
                long d = Math.abs(transit - lastTransit);
                jitter += (d - jitter) / 16.0;
            }
            lastTransit = transit;
            haveTransit = true;
        }
        return new Outcome(ordered, newlyLost);
    }

    synchronized void senderReport(long ssrcOfReport, long ntp, long rtp, long arrivalNanos) {
        if (started && ssrcOfReport != ssrc) {
            return;
        }
        srNtp = ntp;
        srRtp = rtp;
        srArrivalNanos = arrivalNanos;
        haveSr = true;
    }

    synchronized boolean sends(long ssrcOfReport) {
        return started && ssrcOfReport == ssrc;
    }

    /** The wall-clock time of a packet's timestamp, from the last sender report; null before one. */
    synchronized Instant packetNtp(RtpPacket packet) {
        if (!haveSr || format.clockRate() <= 0 || packet.ssrc() != ssrc) {
            return null;
        }
        int diff = (int) (packet.timestamp() - srRtp);
        long nanos = Math.round((double) diff * 1e9 / format.clockRate());
        return NtpTime.decode(srNtp).plusNanos(nanos);
    }

    /** A reception report block, or null before the first packet. */
    synchronized ReceptionReport report(long nowNanos) {
        if (!started) {
            return null;
        }
        long extended = cycles + lastSeq;
        long expected = extended - baseSeq + 1;
        long expectedInterval = expected - expectedPrior;
        long lostInterval = lost - lostPrior;
        expectedPrior = expected;
        lostPrior = lost;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0
                : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long lsr = haveSr ? (srNtp >>> 16) & 0xFFFF_FFFFL : 0;
        long dlsr = haveSr ? Math.min(0xFFFF_FFFFL, (nowNanos - srArrivalNanos) * 65536 / 1_000_000_000L) : 0;
        return new ReceptionReport(ssrc, fraction, (int) Math.min(lost, ReceptionReport.MAX_TOTAL_LOST),
                extended & 0xFFFF_FFFFL, ((long) jitter) & 0xFFFF_FFFFL, lsr, dlsr);
    }

    synchronized long dropped() {
        return reorderer == null ? 0 : reorderer.dropped();
    }
}
