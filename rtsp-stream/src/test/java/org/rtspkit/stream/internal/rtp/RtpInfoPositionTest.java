package org.rtspkit.stream.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RtpInfoPositionTest {
    private static final Instant NTP = Instant.parse("2017-08-10T12:22:00Z");

    @Test
    void nextSequenceNumberAndTimestampOfNowLessATenthOfASecond() {
        RtpInfoPosition p = RtpInfoPosition.after(556, 1000, NTP, 90000, NTP.plusSeconds(1));
        assertEquals(557, p.sequenceNumber());
        assertEquals(1000 + 90000 - 9000, p.rtpTime());
    }

    @Test
    void sequenceNumberAndTimestampWrap() {
        RtpInfoPosition p = RtpInfoPosition.after(65535, 0, NTP, 90000, NTP);
        assertEquals(0, p.sequenceNumber());
        assertEquals(0x1_0000_0000L - 9000, p.rtpTime());

        RtpInfoPosition q = RtpInfoPosition.after(10, 0xFFFF_FFFFL, NTP, 8000, NTP.plusSeconds(1));
        assertEquals(0xFFFF_FFFFL + 8000 - 800 - 0x1_0000_0000L, q.rtpTime());
    }

    @Test
    void elapsedTimeIsFlooredToWholeTicks() {
        assertEquals(5000 - 1102, RtpInfoPosition.after(1, 5000, NTP, 11025, NTP.plusNanos(90_000)).rtpTime(),
                "0.99 tick floors to 0; 11025 / 10 = 1102");
        assertEquals(20000 - 1 - 9000, RtpInfoPosition.after(1, 20000, NTP, 90000, NTP.minusNanos(1)).rtpTime(),
                "a hair before the last packet floors to one tick earlier");
    }

    @Test
    void longSpansStayExact() {
        Duration span = Duration.ofDays(1000).plusNanos(987_654_321);
        long expected = BigInteger.valueOf(span.toNanos()).multiply(BigInteger.valueOf(96000))
                .divide(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(77 - 9600))
                .mod(BigInteger.ONE.shiftLeft(32)).longValueExact();
        assertEquals(expected, RtpInfoPosition.after(1, 77, NTP, 96000, NTP.plus(span)).rtpTime());
    }

    @Test
    void rejectsAnUnknownClockRateAndOutOfRangeFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtpInfoPosition.after(1, 0, NTP, 0, NTP));
        assertTrue(e.getMessage().contains("clock rate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RtpInfoPosition.after(65536, 0, NTP, 90000, NTP));
        assertThrows(IllegalArgumentException.class, () -> RtpInfoPosition.after(1, 1L << 32, NTP, 90000, NTP));
    }

    @Test
    void timeMappingGivesThePositionAfterTheLastPacketOfAnyKind() {
        ManualClock clock = new ManualClock(Instant.parse("2014-06-07T15:00:00Z"));
        TimeMapping mapping = new TimeMapping(90000, clock);
        assertNull(mapping.rtpInfoPosition(NTP), "nothing written yet");

        mapping.onPacket(555, 0, NTP, true);
        mapping.onPacket(556, 1000, NTP.plusMillis(10), false);
        RtpInfoPosition p = mapping.rtpInfoPosition(NTP.plusMillis(10).plusSeconds(1));
        assertEquals(new RtpInfoPosition(557, 1000 + 90000 - 9000), p);
    }

    @Test
    void timeMappingWithoutClockRateHasNoPosition() {
        TimeMapping mapping = new TimeMapping(0, new ManualClock(NTP));
        mapping.onPacket(1, 0, NTP, true);
        assertNull(mapping.rtpInfoPosition(NTP));
    }
}
