package org.rtspkit.api;

import java.time.Instant;

/** 64-bit NTP timestamps: seconds since 1900 in the high 32 bits, the fraction in the low 32 (rounded). */
public final class NtpTime {
    /** Seconds from 1900-01-01 to the Unix epoch. */
    private static final long EPOCH_OFFSET = 2_208_988_800L;

    private NtpTime() {
    }

    /**
     * The NTP timestamp of an instant.
     *
     * @param t an instant from 1900 to 2036
     * @return the 64-bit NTP timestamp
     */
    public static long encode(Instant t) {
        long seconds = t.getEpochSecond() + EPOCH_OFFSET;
        long frac = Math.round(t.getNano() * 4294967296.0 / 1e9);
        return (seconds << 32) + frac;
    }

    /**
     * The instant of an NTP timestamp.
     *
     * @param ntp a 64-bit NTP timestamp
     * @return the instant, to the nanosecond (rounded)
     */
    public static Instant decode(long ntp) {
        long seconds = (ntp >>> 32) - EPOCH_OFFSET;
        long frac = ntp & 0xFFFF_FFFFL;
        long nanos = Math.round(frac * 1e9 / 4294967296.0);
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
