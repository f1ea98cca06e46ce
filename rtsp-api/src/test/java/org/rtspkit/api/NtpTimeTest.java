package org.rtspkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NtpTimeTest {
    @Test
    void encodesWholeSecondsSince1900() {
        Instant t = Instant.parse("2017-08-10T12:22:00Z");
        long ntp = NtpTime.encode(t);
        assertEquals(t.getEpochSecond() + 2_208_988_800L, ntp >>> 32);
        assertEquals(0, ntp & 0xFFFF_FFFFL);
        assertEquals(t, NtpTime.decode(ntp));
        // 2017-08-10T12:22:00Z is 3711356520 s after 1900-01-01.
        assertEquals(3_711_356_520L << 32, ntp);
    }

    @Test
    void unixEpochIsTheNtpEraOffset() {
        assertEquals(2_208_988_800L << 32, NtpTime.encode(Instant.EPOCH));
        assertEquals(Instant.EPOCH, NtpTime.decode(2_208_988_800L << 32));
    }

    @Test
    void fractionIsRounded() {
        Instant base = Instant.parse("2018-02-20T19:00:00Z");
        long seconds = NtpTime.encode(base) >>> 32;
        // Half a second is exactly 2^31.
        assertEquals((seconds << 32) | 0x8000_0000L, NtpTime.encode(base.plusMillis(500)));
        // 1 ns is 4.29 units of 2^-32 s: rounds down to 4; 3 ns is 12.88: rounds up to 13.
        assertEquals(4, NtpTime.encode(base.plusNanos(1)) & 0xFFFF_FFFFL);
        assertEquals(13, NtpTime.encode(base.plusNanos(3)) & 0xFFFF_FFFFL);
        // The largest nanosecond stays within the second.
        assertEquals(4_294_967_292L, NtpTime.encode(base.plusNanos(999_999_999)) & 0xFFFF_FFFFL);
        // Decoding rounds to the nearest nanosecond.
        assertEquals(base.plusNanos(1), NtpTime.decode((seconds << 32) | 4));
        assertEquals(base.plusNanos(1), NtpTime.decode((seconds << 32) | 5));
        assertEquals(base.plusSeconds(1), NtpTime.decode((seconds << 32) | 0xFFFF_FFFFL));
    }

    @Test
    void roundTripsEveryNanosecondPattern() {
        Instant base = Instant.parse("2017-08-10T12:22:00Z");
        for (long nanos : new long[] {0, 1, 2, 999, 123_456_789, 500_000_000, 999_999_998, 999_999_999}) {
            Instant t = base.plusNanos(nanos);
            assertEquals(t, NtpTime.decode(NtpTime.encode(t)), "nanos " + nanos);
        }
        Instant later = Instant.parse("2017-08-10T12:22:30Z");
        assertEquals(30L << 32, NtpTime.encode(later) - NtpTime.encode(base));
    }
}
