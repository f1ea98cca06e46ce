package org.rtspkit.stream.internal.rtp;

/**
 * Exact conversions between wall-clock spans and RTP clock ticks, with the 16/32-bit wraparound
 * of RTP fields. Spans are given as (second, nano) pairs so callers can keep times in primitive
 * fields instead of allocating {@code Duration}s per packet.
 */
final class RtpTime {
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long UINT32_MASK = 0xFFFF_FFFFL;
    static final int UINT16_MASK = 0xFFFF;

    private RtpTime() {
    }

    /**
     * floor((to − from) · rate): the whole ticks of a clock running at {@code rate} Hz in that span.
     * Splitting seconds from nanoseconds keeps the product exact: {@code nanos · rate} stays below
     * 2^63 for any rate up to 2^31, while {@code totalNanos · rate} would overflow after about a day
     * at 90 kHz. A span too long for {@code seconds · rate} wraps modulo 2^64, which is harmless for
     * callers that reduce the result modulo 2^32.
     */
    static long floorTicks(long fromSecond, long fromNano, long toSecond, long toNano, long rate) {
        long seconds = toSecond - fromSecond;
        long nanos = toNano - fromNano;
        return seconds * rate + Math.floorDiv(nanos * rate, NANOS_PER_SECOND);
    }

    /** The same span in (possibly fractional) ticks, for statistics where rounding would bias the mean. */
    static double ticks(long fromSecond, long fromNano, long toSecond, long toNano, long rate) {
        return (toSecond - fromSecond) * (double) rate + (toNano - fromNano) * (double) rate / NANOS_PER_SECOND;
    }

    /** Signed distance from {@code from} to {@code to}, both 32-bit RTP timestamps, as RFC 3550 compares them. */
    static int timestampDelta(long from, long to) {
        return (int) (to - from);
    }

    static long uint32(long value) {
        return value & UINT32_MASK;
    }

    static void checkSequenceNumber(int sequenceNumber) {
        if ((sequenceNumber & ~UINT16_MASK) != 0) {
            throw new IllegalArgumentException("RTP sequence number out of range 0..65535: " + sequenceNumber);
        }
    }

    static void checkTimestamp(long rtpTimestamp) {
        if ((rtpTimestamp & ~UINT32_MASK) != 0) {
            throw new IllegalArgumentException("RTP timestamp out of range 0..4294967295: " + rtpTimestamp);
        }
    }

    static void checkClockRate(int clockRate) {
        if (clockRate < 0) {
            throw new IllegalArgumentException("clock rate must not be negative: " + clockRate);
        }
    }
}
