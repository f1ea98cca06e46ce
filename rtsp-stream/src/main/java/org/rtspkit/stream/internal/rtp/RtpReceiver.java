package org.rtspkit.stream.internal.rtp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rtspkit.api.NtpTime;
import org.rtspkit.api.ReceiverReport;
import org.rtspkit.api.ReceptionReport;

/**
 * The receiving end of one publisher format (one per session and payload type): puts packets back in
 * sequence order, counts losses, keeps the RFC 3550 reception statistics and the publisher's last
 * sender report, and builds the reception report block of our receiver reports.
 *
 * <p>Over an unreliable transport (UDP) packets pass through a reordering buffer of
 * {@value #REORDER_BUFFER_SIZE} packets: duplicates and packets older than the next expected one are
 * dropped, a packet after a gap waits in the buffer until the gap fills, and when the gap reaches the
 * buffer size everything buffered is released and the missing packets are declared lost. More than
 * {@value #REORDER_BUFFER_SIZE} consecutive old packets mean the publisher restarted its numbering,
 * and the receiver follows the new numbering. Over a reliable transport (TCP) packets are delivered as
 * they come and any jump in numbering is counted as loss, {@code uint16(seq − last − 1)}, exactly as
 * the reference server does (so a repeated sequence number counts as 65535 lost).
 *
 * <p>{@link #process} must be called by one thread at a time: the list it returns is reused and stays
 * valid until the next call. The other methods may be called from any thread; every method takes the
 * object's lock, which is uncontended in practice.
 *
 * @param <P> the packet object the caller hands on; the receiver only stores and returns it
 */
public final class RtpReceiver<P> {
    /** Packets the unreliable-transport buffer holds; a power of two so slots are found by masking. */
    public static final int REORDER_BUFFER_SIZE = 64;
    private static final int SLOT_MASK = REORDER_BUFFER_SIZE - 1;

    private final int clockRate;
    /** Indexed by sequence number modulo the size; null when the transport is reliable. */
    private final Object[] reorderSlots;
    private final ArrayList<P> delivered = new ArrayList<>(REORDER_BUFFER_SIZE + 1);
    private final List<P> deliveredView = Collections.unmodifiableList(delivered);

    private boolean started;
    private int expectedSequenceNumber;
    private int consecutiveOld;
    private long lastLost;

    /** Cycles in the high bits, the last delivered sequence number in the low 16 (RFC 3550 §6.4.1). */
    private long extendedSequenceNumber;
    private long packetsReceived;
    private long packetsLost;
    private long expectedSinceReport;
    private long lostSinceReport;

    // Jitter state: previous packet with PTS == DTS (RFC 3550 §6.4.1 and A.8).
    private boolean jitterReference;
    private long jitterPreviousTimestamp;
    private long jitterPreviousSecond;
    private long jitterPreviousNano;
    private double jitter;

    // Last sender report from the publisher.
    private boolean senderReportReceived;
    private long senderReportNtp;
    private long senderReportRtp;
    private Instant senderReportArrival;

    /**
     * @param clockRate the format's RTP clock rate in Hz; 0 when unknown, which disables jitter,
     *                  {@link #packetNtp} and receiver reports (as the reference server does)
     * @param reliable  true for TCP (no reordering), false for UDP (reordering buffer)
     */
    public RtpReceiver(int clockRate, boolean reliable) {
        RtpTime.checkClockRate(clockRate);
        this.clockRate = clockRate;
        this.reorderSlots = reliable ? null : new Object[REORDER_BUFFER_SIZE];
    }

    /**
     * Takes one received packet and returns the packets to hand to the application now, in sequence
     * order: usually just this one; none when it was buffered or dropped; several when it filled a gap
     * or flushed the buffer. The list is read-only, reused, and valid until the next call.
     * {@link #lastLost()} then tells how many packets this call found lost.
     *
     * @param packet         the packet object to hand on (not null)
     * @param sequenceNumber its RTP sequence number, 0..65535
     * @param rtpTimestamp   its RTP timestamp, 0..2^32−1
     * @param ptsEqualsDts   whether its timestamp is a decoding time too; only such packets feed the jitter
     * @param arrival        when it arrived, on the same clock as the {@code now} given to {@link #report}
     */
    public synchronized List<P> process(P packet, int sequenceNumber, long rtpTimestamp, boolean ptsEqualsDts,
                                        Instant arrival) {
        Objects.requireNonNull(packet, "packet");
        RtpTime.checkSequenceNumber(sequenceNumber);
        RtpTime.checkTimestamp(rtpTimestamp);
        delivered.clear();
        lastLost = 0;

        if (!started) {
            started = true;
            extendedSequenceNumber = sequenceNumber;
            expectedSequenceNumber = next(sequenceNumber);
            expectedSinceReport = 1;
            packetsReceived = 1;
            updateJitter(rtpTimestamp, ptsEqualsDts, arrival);
            delivered.add(packet);
        } else if (reorderSlots == null) {
            processReliable(packet, sequenceNumber, rtpTimestamp, ptsEqualsDts, arrival);
        } else {
            processUnreliable(packet, sequenceNumber, rtpTimestamp, ptsEqualsDts, arrival);
        }
        return deliveredView;
    }

    /** Packets the last {@link #process} call found lost (0 when none). */
    public synchronized long lastLost() {
        return lastLost;
    }

    private void processReliable(P packet, int sequenceNumber, long rtpTimestamp, boolean ptsEqualsDts,
                                 Instant arrival) {
        long lost = (sequenceNumber - expectedSequenceNumber) & RtpTime.UINT16_MASK;
        recordLoss(lost);
        // Advance by lost + 1 rather than by the 16-bit distance so that "expected" stays equal to
        // received + lost even for a repeated number, which this transport counts as a full cycle.
        advance(lost + 1);
        packetsReceived++;
        expectedSequenceNumber = next(sequenceNumber);
        updateJitter(rtpTimestamp, ptsEqualsDts, arrival);
        delivered.add(packet);
    }

    private void processUnreliable(P packet, int sequenceNumber, long rtpTimestamp, boolean ptsEqualsDts,
                                   Instant arrival) {
        int relative = (short) (sequenceNumber - expectedSequenceNumber);

        if (relative < 0) {
            consecutiveOld++;
            if (consecutiveOld <= REORDER_BUFFER_SIZE) {
                return; // a duplicate or a packet we already gave up on
            }
            restart(packet, sequenceNumber, rtpTimestamp, ptsEqualsDts, arrival);
            return;
        }
        consecutiveOld = 0;

        if (relative >= REORDER_BUFFER_SIZE) {
            // The gap can no longer be filled within the buffer: release what is buffered (all of it
            // lies between the expected number and this packet) and give up on the rest of the gap.
            int buffered = 0;
            for (int i = 1; i < REORDER_BUFFER_SIZE; i++) {
                int seq = (expectedSequenceNumber + i) & RtpTime.UINT16_MASK;
                P held = take(seq);
                if (held != null) {
                    deliverInOrder(held, seq);
                    buffered++;
                }
            }
            long lost = relative - buffered;
            recordLoss(lost);
            updateJitter(rtpTimestamp, ptsEqualsDts, arrival);
            deliverInOrder(packet, sequenceNumber);
            expectedSequenceNumber = next(sequenceNumber);
            return;
        }

        if (relative > 0) {
            int slot = sequenceNumber & SLOT_MASK;
            if (reorderSlots[slot] != null) {
                return; // already buffered: a duplicate
            }
            reorderSlots[slot] = packet;
            updateJitter(rtpTimestamp, ptsEqualsDts, arrival);
            return;
        }

        updateJitter(rtpTimestamp, ptsEqualsDts, arrival);
        deliverInOrder(packet, sequenceNumber);
        int seq = next(sequenceNumber);
        P held;
        while ((held = take(seq)) != null) {
            deliverInOrder(held, seq);
            seq = next(seq);
        }
        expectedSequenceNumber = seq;
    }

    private void restart(P packet, int sequenceNumber, long rtpTimestamp, boolean ptsEqualsDts, Instant arrival) {
        consecutiveOld = 0;
        Arrays.fill(reorderSlots, null);
        // The extended number keeps growing so reports never go backwards, but the jump itself is
        // neither loss nor expected packets: the numbering simply started over.
        extendedSequenceNumber += (sequenceNumber - lastSequenceNumber()) & RtpTime.UINT16_MASK;
        expectedSinceReport++;
        packetsReceived++;
        expectedSequenceNumber = next(sequenceNumber);
        jitterReference = false; // transit times of the old numbering say nothing about the new one
        updateJitter(rtpTimestamp, ptsEqualsDts, arrival);
        delivered.add(packet);
    }

    @SuppressWarnings("unchecked")
    private P take(int sequenceNumber) {
        int slot = sequenceNumber & SLOT_MASK;
        Object held = reorderSlots[slot];
        reorderSlots[slot] = null;
        return (P) held;
    }

    private void deliverInOrder(P packet, int sequenceNumber) {
        advance((sequenceNumber - lastSequenceNumber()) & RtpTime.UINT16_MASK);
        packetsReceived++;
        delivered.add(packet);
    }

    private void advance(long distance) {
        extendedSequenceNumber += distance;
        expectedSinceReport += distance;
    }

    private void recordLoss(long lost) {
        lastLost = lost;
        packetsLost += lost;
        lostSinceReport += lost;
    }

    private int lastSequenceNumber() {
        return (int) (extendedSequenceNumber & RtpTime.UINT16_MASK);
    }

    private static int next(int sequenceNumber) {
        return (sequenceNumber + 1) & RtpTime.UINT16_MASK;
    }

    // Interarrival jitter, RFC 3550 §6.4.1: D = (Rj − Ri) − (Sj − Si) in timestamp units between
    // consecutive packets whose timestamps are sampling instants (PTS == DTS; a B-frame's timestamp
    // is not), smoothed J += (|D| − J) / 16. Computed on arrival, before reordering, as the RFC does.
    private void updateJitter(long rtpTimestamp, boolean ptsEqualsDts, Instant arrival) {
        if (!ptsEqualsDts) {
            return;
        }
        long second = arrival.getEpochSecond();
        long nano = arrival.getNano();
        if (jitterReference && clockRate != 0) {
            double d = RtpTime.ticks(jitterPreviousSecond, jitterPreviousNano, second, nano, clockRate)
                    - RtpTime.timestampDelta(jitterPreviousTimestamp, rtpTimestamp);
            jitter += (Math.abs(d) - jitter) / 16;
        }
        jitterReference = true;
        jitterPreviousTimestamp = rtpTimestamp;
        jitterPreviousSecond = second;
        jitterPreviousNano = nano;
    }

    /**
     * Records a sender report of the publisher (the caller has checked its SSRC): its time mapping
     * feeds {@link #packetNtp} and its NTP time and arrival feed LSR/DLSR of our reports.
     *
     * @param ntpTime the report's 64-bit NTP timestamp
     * @param rtpTime the report's RTP timestamp, 0..2^32−1
     * @param arrival when it arrived, on the clock of {@link #report}'s {@code now}
     */
    public synchronized void onSenderReport(long ntpTime, long rtpTime, Instant arrival) {
        RtpTime.checkTimestamp(rtpTime);
        senderReportReceived = true;
        senderReportNtp = ntpTime;
        senderReportRtp = rtpTime;
        senderReportArrival = Objects.requireNonNull(arrival, "arrival");
    }

    /**
     * The absolute time of a packet's timestamp, from the publisher's last sender report:
     * SR.NTP + int32(ts − SR.RTP) / clockRate. Empty before any sender report or when the clock rate
     * is unknown. Timestamps up to 2^31 ticks either side of the report's are placed correctly.
     */
    public synchronized Optional<Instant> packetNtp(long rtpTimestamp) {
        RtpTime.checkTimestamp(rtpTimestamp);
        if (!senderReportReceived || clockRate == 0) {
            return Optional.empty();
        }
        return Optional.of(ntpAt(rtpTimestamp));
    }

    private Instant ntpAt(long rtpTimestamp) {
        long ticks = RtpTime.timestampDelta(senderReportRtp, rtpTimestamp);
        // |ticks| < 2^31, so ticks · 10^9 < 2^61: no overflow. Division truncates toward zero.
        long nanos = ticks * RtpTime.NANOS_PER_SECOND / clockRate;
        return NtpTime.decode(senderReportNtp).plusNanos(nanos);
    }

    /**
     * The reception report block for our next receiver report, and the start of a new reporting
     * interval (the counts behind {@code fractionLost} restart). Null before the first packet, or when
     * the clock rate is unknown.
     *
     * @param remoteSsrc the publisher's SSRC, which the block reports on
     * @param now        the time the report is sent, on the clock of the arrivals
     */
    public synchronized ReceptionReport report(long remoteSsrc, Instant now) {
        Objects.requireNonNull(now, "now");
        if (!started || clockRate == 0) {
            return null;
        }
        int fractionLost = 0;
        if (expectedSinceReport > 0 && lostSinceReport > 0) {
            // Lost fraction as a fixed-point number with the binary point at the left edge (RFC 3550 §6.4.1).
            fractionLost = (int) Math.min(255, lostSinceReport * 256 / expectedSinceReport);
        }
        long lastSenderReport = 0;
        long delay = 0;
        if (senderReportReceived) {
            // LSR: the middle 32 bits of the 64-bit NTP timestamp of that report.
            lastSenderReport = (senderReportNtp >>> 16) & RtpTime.UINT32_MASK;
            // DLSR: time since it arrived in units of 1/65536 s.
            long units = RtpTime.floorTicks(senderReportArrival.getEpochSecond(), senderReportArrival.getNano(),
                    now.getEpochSecond(), now.getNano(), 65536);
            delay = Math.max(0, Math.min(units, RtpTime.UINT32_MASK));
        }
        ReceptionReport block = new ReceptionReport(
                remoteSsrc,
                fractionLost,
                // The field is 24-bit signed: RFC 3550 A.3 clamps at 0x7FFFFF. (The reference server
                // clamps at 0xFFFFFF, which a receiver reads as -1.)
                (int) Math.min(packetsLost, ReceptionReport.MAX_TOTAL_LOST),
                RtpTime.uint32(extendedSequenceNumber),
                (long) Math.min(jitter, RtpTime.UINT32_MASK),
                lastSenderReport,
                delay);
        expectedSinceReport = 0;
        lostSinceReport = 0;
        return block;
    }

    /**
     * A whole receiver report with our SSRC and the single block of {@link #report}; null when that is.
     */
    public ReceiverReport receiverReport(long localSsrc, long remoteSsrc, Instant now) {
        ReceptionReport block = report(remoteSsrc, now);
        return block == null ? null : new ReceiverReport(localSsrc, List.of(block));
    }

    /** Counters for session statistics; null before the first packet. */
    public synchronized Stats stats() {
        if (!started) {
            return null;
        }
        Instant lastNtp = jitterReference && senderReportReceived && clockRate != 0
                ? ntpAt(jitterPreviousTimestamp) : null;
        return new Stats(packetsReceived, packetsLost, jitter, lastSequenceNumber(),
                jitterReference ? jitterPreviousTimestamp : -1, lastNtp);
    }

    /**
     * Reception counters of one format.
     *
     * @param packetsReceived    packets handed on by {@link #process} (dropped duplicates excluded)
     * @param packetsLost        packets declared lost
     * @param jitter             interarrival jitter in timestamp units
     * @param lastSequenceNumber the sequence number of the last packet handed on
     * @param lastRtpTimestamp   the timestamp of the last packet with PTS == DTS, or −1 if none yet
     * @param lastNtp            that timestamp's absolute time from the publisher's sender reports, or null
     */
    public record Stats(long packetsReceived, long packetsLost, double jitter, int lastSequenceNumber,
                        long lastRtpTimestamp, Instant lastNtp) {
    }
}
