package org.rtspkit.formats.mpegts;

/**
 * Transport stream time: PTS, DTS and the PCR base count a 90 kHz clock in 33 bits, which wraps every
 * 26.5 hours; {@link #unwrap} turns such values into a time that keeps growing.
 */
public final class TsTime {
    /** Ticks of the PTS and DTS clock per second. */
    public static final int CLOCK_RATE = 90_000;
    /** The largest 33-bit value. */
    public static final long MASK = (1L << 33) - 1;

    private TsTime() {
    }

    /**
     * The value nearest to {@code previous} whose low 33 bits are {@code wrapped}: a 33-bit time unwrapped
     * against the one before it.
     *
     * @param previous an unwrapped time, 90 kHz
     * @param wrapped a 33-bit time, 90 kHz
     * @return the unwrapped time
     */
    public static long unwrap(long previous, long wrapped) {
        long delta = (wrapped - previous) & MASK;
        if (delta > MASK / 2) {
            delta -= MASK + 1;
        }
        return previous + delta;
    }

    /**
     * Ticks of 90 kHz in nanoseconds.
     *
     * @param ticks 90 kHz ticks
     * @return nanoseconds
     */
    public static long toNanos(long ticks) {
        return Math.multiplyExact(ticks, 100_000L) / 9;
    }

    /**
     * Nanoseconds in ticks of 90 kHz, rounded to the nearest.
     *
     * @param nanos nanoseconds
     * @return 90 kHz ticks
     */
    public static long fromNanos(long nanos) {
        return Math.floorDiv(nanos * 9 + 50_000, 100_000L);
    }
}
