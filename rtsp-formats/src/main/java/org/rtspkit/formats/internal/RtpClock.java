package org.rtspkit.formats.internal;

/**
 * Converts between nanoseconds and RTP clock ticks, rounding to the nearest, without overflow for any
 * time a stream can last. A tick count converted to nanoseconds and back is the same count.
 */
public final class RtpClock {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private RtpClock() {
    }

    /**
     * Ticks of a clock of {@code clockRate} Hz in {@code nanos} nanoseconds.
     *
     * @param nanos a duration or time, in nanoseconds; may be negative
     * @param clockRate ticks per second, positive
     * @return the nearest whole number of ticks
     */
    public static long ticks(long nanos, int clockRate) {
        long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
        long rest = Math.floorMod(nanos, NANOS_PER_SECOND);
        return seconds * clockRate + (rest * clockRate + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
    }

    /**
     * Nanoseconds in {@code ticks} ticks of a clock of {@code clockRate} Hz.
     *
     * @param ticks a tick count; may be negative
     * @param clockRate ticks per second, positive
     * @return the nearest whole number of nanoseconds
     */
    public static long nanos(long ticks, int clockRate) {
        long seconds = Math.floorDiv(ticks, clockRate);
        long rest = Math.floorMod(ticks, clockRate);
        return seconds * NANOS_PER_SECOND + (rest * NANOS_PER_SECOND + clockRate / 2) / clockRate;
    }
}
