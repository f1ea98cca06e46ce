package org.rtspkit.stream.internal.rtp;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import org.rtspkit.api.NtpTime;
import org.rtspkit.api.SenderReport;

/**
 * What a stream knows about the timing of the packets it has sent for one format, kept once per
 * format and shared by every reader of it:
 * <ul>
 *   <li>the sender-report mapping from RTP time to NTP time, taken from the last packet whose
 *       timestamp is a sampling instant (PTS == DTS), together with our clock's reading when that
 *       packet was written, so a report sent later can extrapolate both times to its own moment
 *       (RFC 3550 §6.4.1);</li>
 *   <li>the last packet of any kind, from which a PLAY response's RTP-Info is computed.</li>
 * </ul>
 * Per-reader packet and octet counts live in {@link SenderReportState}, so the per-packet work that
 * depends on the number of readers stays at two additions each.
 *
 * <p>Thread-safe: the writer of the stream updates it while report timers and PLAY requests read it.
 */
public final class TimeMapping {
    private final int clockRate;
    private final InstantSource clock;

    private boolean sent;
    private int lastSequenceNumber;
    private long lastRtpTimestamp;
    // Times are kept as seconds and nanoseconds rather than Instants, so that the Instant a caller
    // passes in does not escape and the JIT can avoid allocating it on the per-packet path.
    private long lastNtpSecond;
    private int lastNtpNano;

    /** Written once, under the lock; read without it by {@link SenderReportState} on every packet until set. */
    private volatile boolean mapped;
    private long mappedRtpTimestamp;
    private long mappedNtpSecond;
    private int mappedNtpNano;
    private long mappedSystemSecond;
    private long mappedSystemNano;

    /**
     * @param clockRate the format's RTP clock rate in Hz; 0 when unknown, which disables sender
     *                  reports and RTP-Info timing for the format (they cannot be computed)
     * @param clock     the server's clock, read once per PTS == DTS packet
     */
    public TimeMapping(int clockRate, InstantSource clock) {
        RtpTime.checkClockRate(clockRate);
        this.clockRate = clockRate;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public int clockRate() {
        return clockRate;
    }

    /**
     * Records a packet written for this format. Call it once per packet, before the readers'
     * {@link SenderReportState#onPacket}, so that a reader's first report finds the mapping ready.
     *
     * @param sequenceNumber the packet's sequence number, 0..65535
     * @param rtpTimestamp   the packet's RTP timestamp, 0..2^32−1
     * @param ntp            the absolute time the application gave with the packet
     * @param ptsEqualsDts   whether the timestamp is a sampling instant; only such packets move the mapping
     */
    public void onPacket(int sequenceNumber, long rtpTimestamp, Instant ntp, boolean ptsEqualsDts) {
        Objects.requireNonNull(ntp, "ntp");
        onPacket(sequenceNumber, rtpTimestamp, ntp.getEpochSecond(), ntp.getNano(), ptsEqualsDts, false);
    }

    /**
     * {@link #onPacket(int, long, Instant, boolean)} with the time as seconds and nanoseconds.
     *
     * @param ntpIsNow true when the time is our clock's reading of this very moment (the application
     *                 gave none), so that it serves as the system time too and the clock is not read again
     */
    public synchronized void onPacket(int sequenceNumber, long rtpTimestamp, long ntpSecond, int ntpNano,
                                      boolean ptsEqualsDts, boolean ntpIsNow) {
        RtpTime.checkSequenceNumber(sequenceNumber);
        RtpTime.checkTimestamp(rtpTimestamp);
        sent = true;
        lastSequenceNumber = sequenceNumber;
        lastRtpTimestamp = rtpTimestamp;
        lastNtpSecond = ntpSecond;
        lastNtpNano = ntpNano;
        if (ptsEqualsDts && clockRate != 0) {
            mappedRtpTimestamp = rtpTimestamp;
            mappedNtpSecond = ntpSecond;
            mappedNtpNano = ntpNano;
            if (ntpIsNow) {
                mappedSystemSecond = ntpSecond;
                mappedSystemNano = ntpNano;
            } else {
                Instant system = clock.instant();
                mappedSystemSecond = system.getEpochSecond();
                mappedSystemNano = system.getNano();
            }
            if (!mapped) {
                mapped = true; // a volatile write only the first time
            }
        }
    }

    /** Whether a PTS == DTS packet has been written, so sender reports can be computed. */
    public boolean isMapped() {
        return mapped;
    }

    /**
     * A sender report as of {@code now}: NTP = last NTP + (now − when it was written), RTP = last RTP +
     * floor((now − when it was written) · clockRate) modulo 2^32; null until {@link #isMapped()}.
     *
     * @param ssrc        our SSRC for the format
     * @param packetCount packets sent to the receiver of this report (taken modulo 2^32)
     * @param octetCount  payload octets sent to it (taken modulo 2^32)
     */
    public synchronized SenderReport senderReport(long ssrc, long packetCount, long octetCount, Instant now) {
        Objects.requireNonNull(now, "now");
        if (!mapped) {
            return null;
        }
        long elapsedSeconds = now.getEpochSecond() - mappedSystemSecond;
        long elapsedNanos = now.getNano() - mappedSystemNano;
        Instant ntp = Instant.ofEpochSecond(mappedNtpSecond, mappedNtpNano).plusSeconds(elapsedSeconds)
                .plusNanos(elapsedNanos);
        long ticks = RtpTime.floorTicks(mappedSystemSecond, mappedSystemNano, now.getEpochSecond(), now.getNano(),
                clockRate);
        return SenderReport.of(ssrc, NtpTime.encode(ntp), RtpTime.uint32(mappedRtpTimestamp + ticks),
                RtpTime.uint32(packetCount), RtpTime.uint32(octetCount));
    }

    /**
     * Where a reader starting to play at {@code now} picks up this format, for the PLAY response's
     * RTP-Info; null if no packet has been written yet or the clock rate is unknown.
     */
    public synchronized RtpInfoPosition rtpInfoPosition(Instant now) {
        if (!sent || clockRate == 0) {
            return null;
        }
        return RtpInfoPosition.after(lastSequenceNumber, lastRtpTimestamp, Instant.ofEpochSecond(lastNtpSecond, lastNtpNano),
                clockRate, now);
    }
}
