package org.rtspkit.benchmarks.load;

/**
 * Latencies in microseconds, exact below 2,048 µs and within 0.1% above (1,024 linear steps per power
 * of two), up to about 18 minutes. One per selector thread, merged at the end; recording allocates
 * nothing.
 */
final class LatencyHistogram {
    private static final int LINEAR = 2048;
    private static final int SUB = 1024;
    private static final int MAX_EXPONENT = 40;
    private final long[] counts = new long[LINEAR + (MAX_EXPONENT - 10) * SUB];
    private long total;

    void recordNanos(long nanos) {
        long v = Math.max(0, nanos / 1000);
        int index;
        if (v < LINEAR) {
            index = (int) v;
        } else {
            int exponent = Math.min(63 - Long.numberOfLeadingZeros(v), MAX_EXPONENT - 1);
            int shift = exponent - 10;
            index = LINEAR + (exponent - 11) * SUB + (int) Math.min((v >> shift) - SUB, SUB - 1);
        }
        counts[index]++;
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The latency in microseconds that {@code fraction} of the recorded values do not exceed; -1 when empty. */
    long percentileMicros(double fraction) {
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return valueOf(i);
            }
        }
        return valueOf(counts.length - 1);
    }

    private static long valueOf(int index) {
        if (index < LINEAR) {
            return index;
        }
        int exponent = (index - LINEAR) / SUB + 11;
        long mantissa = (index - LINEAR) % SUB + SUB;
        return mantissa << (exponent - 10);
    }
}
