package org.rtspkit.stream.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.NtpTime;
import org.rtspkit.api.SenderReport;

class SenderReportStateTest {
    private static final long SSRC = 0x9DC1_2F4AL;
    private static final Instant CLOCK_START = Instant.parse("2014-06-07T15:00:00Z");
    private static final Instant NTP = Instant.parse("2017-08-10T12:22:00Z");

    private final ManualClock clock = new ManualClock(CLOCK_START);
    private final TimeMapping mapping = new TimeMapping(90000, clock);

    /** What the stream does for one packet and one reader. */
    private boolean write(SenderReportState reader, int seq, long ts, Instant ntp, int payloadSize, boolean ptsEqualsDts) {
        mapping.onPacket(seq, ts, ntp, ptsEqualsDts);
        return reader.onPacket(payloadSize, ptsEqualsDts);
    }

    @Test
    void firstReportRightAfterTheFirstPacketThenExtrapolatedThirtySecondsLater() {
        SenderReportState reader = new SenderReportState(mapping);
        assertNull(reader.report(SSRC, clock.instant()));

        assertTrue(write(reader, 946, 240000, NTP, 1, true), "first report due");
        assertEquals(new SenderReport(SSRC, NtpTime.encode(NTP), 240000, 1, 1, List.of()),
                reader.report(SSRC, clock.instant()));

        clock.advance(Duration.ofSeconds(30));
        assertEquals(new SenderReport(SSRC, NtpTime.encode(Instant.parse("2017-08-10T12:22:30Z")),
                        240000 + 90000 * 30, 1, 1, List.of()),
                reader.report(SSRC, clock.instant()));
    }

    @Test
    void firstReportIsDueOnceAndOnlyAfterAPtsEqualsDtsPacket() {
        SenderReportState reader = new SenderReportState(mapping);
        assertFalse(write(reader, 1, 3000, NTP, 10, false));
        assertFalse(write(reader, 2, 6000, NTP, 20, false));
        assertNull(reader.report(SSRC, clock.instant()), "no mapping yet");
        assertTrue(write(reader, 3, 9000, NTP, 30, true));
        assertFalse(write(reader, 4, 12000, NTP, 40, true));
        assertFalse(write(reader, 5, 15000, NTP, 50, false));

        SenderReport report = reader.report(SSRC, clock.instant());
        assertEquals(5, report.packetCount(), "every packet counts");
        assertEquals(150, report.octetCount());
        assertEquals(12000, report.rtpTime(), "the mapping comes from the last PTS == DTS packet");
    }

    @Test
    void mappingMovesOnlyWithPtsEqualsDtsPackets() {
        SenderReportState reader = new SenderReportState(mapping);
        write(reader, 1, 1000, NTP, 1, true);
        clock.advance(Duration.ofSeconds(1));
        write(reader, 2, 999_999, NTP.plusSeconds(7), 1, false);
        clock.advance(Duration.ofSeconds(1));
        SenderReport report = reader.report(SSRC, clock.instant());
        assertEquals(1000 + 2 * 90000, report.rtpTime());
        assertEquals(NtpTime.encode(NTP.plusSeconds(2)), report.ntpTime());
    }

    @Test
    void aLateReaderCountsFromItsJoinAndWaitsForItsOwnPtsEqualsDtsPacket() {
        SenderReportState early = new SenderReportState(mapping);
        write(early, 1, 0, NTP, 100, true);
        write(early, 2, 3000, NTP, 100, false);

        SenderReportState late = new SenderReportState(mapping);
        mapping.onPacket(3, 6000, NTP, false);
        early.onPacket(100, false);
        assertFalse(late.onPacket(7, false));
        assertNull(late.report(SSRC, clock.instant()), "mapping exists, but this reader got no sync point yet");

        mapping.onPacket(4, 9000, NTP.plusMillis(100), true);
        early.onPacket(100, true);
        assertTrue(late.onPacket(5, true));

        assertEquals(4, early.report(SSRC, clock.instant()).packetCount());
        assertEquals(400, early.report(SSRC, clock.instant()).octetCount());
        SenderReport lateReport = late.report(SSRC, clock.instant());
        assertEquals(2, lateReport.packetCount());
        assertEquals(12, lateReport.octetCount());
        assertEquals(9000, lateReport.rtpTime(), "the shared mapping");
        assertEquals(NtpTime.encode(NTP.plusMillis(100)), lateReport.ntpTime());
    }

    @Test
    void aReaderCountingBeforeTheMappingExistsBecomesDueWhenItDoes() {
        SenderReportState reader = new SenderReportState(mapping);
        // Out-of-order use (the reader told first) must not make a report due without a mapping.
        assertFalse(reader.onPacket(1, true));
        mapping.onPacket(1, 0, NTP, true);
        assertTrue(reader.onPacket(1, true));
    }

    @Test
    void unknownClockRateNeverReports() {
        TimeMapping noClock = new TimeMapping(0, clock);
        SenderReportState reader = new SenderReportState(noClock);
        noClock.onPacket(1, 0, NTP, true);
        assertFalse(reader.onPacket(10, true));
        assertFalse(noClock.isMapped());
        assertNull(reader.report(SSRC, clock.instant()));
        assertEquals(1, reader.packetCount());
        assertEquals(10, reader.octetCount());
    }

    @Test
    void countsWrapAtThirtyTwoBits() {
        SenderReportState reader = new SenderReportState(mapping, -1, -10);
        assertEquals(0xFFFF_FFFFL, reader.packetCount());
        assertEquals(0xFFFF_FFF6L, reader.octetCount());
        write(reader, 1, 0, NTP, 20, true);
        SenderReport report = reader.report(SSRC, clock.instant());
        assertEquals(0, report.packetCount());
        assertEquals(10, report.octetCount());
    }

    @Test
    void rtpTimeWrapsAtThirtyTwoBits() {
        SenderReportState reader = new SenderReportState(mapping);
        write(reader, 1, 0xFFFF_FFFFL - 99, NTP, 1, true);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(89900, reader.report(SSRC, clock.instant()).rtpTime());
    }

    @Test
    void subSecondExtrapolationIsExact() {
        SenderReportState reader = new SenderReportState(mapping);
        clock.set(CLOCK_START.plusNanos(999_999_999));
        write(reader, 1, 5000, NTP, 1, true);
        clock.advance(Duration.ofNanos(1_500_001)); // 135.00009 ticks
        SenderReport report = reader.report(SSRC, clock.instant());
        assertEquals(5135, report.rtpTime());
        assertEquals(NtpTime.encode(NTP.plusNanos(1_500_001)), report.ntpTime());
    }

    @Test
    void aReportOlderThanTheMappingStepsBackByWholeTicks() {
        SenderReportState reader = new SenderReportState(mapping);
        write(reader, 1, 0, NTP, 1, true);
        SenderReport report = reader.report(SSRC, CLOCK_START.minusNanos(1));
        assertEquals(0xFFFF_FFFFL, report.rtpTime(), "floor(-0.00009) = -1, wrapped");
        assertEquals(NtpTime.encode(NTP.minusNanos(1)), report.ntpTime());
    }

    @Test
    void longPausesDoNotOverflow() {
        SenderReportState reader = new SenderReportState(mapping);
        write(reader, 1, 123, NTP, 1, true);
        Duration pause = Duration.ofDays(400).plusNanos(123_456_789);
        clock.advance(pause);
        SenderReport report = reader.report(SSRC, clock.instant());
        long ticks = pause.getSeconds() * 90000 + pause.getNano() * 90000L / 1_000_000_000L;
        assertEquals((123 + ticks) & 0xFFFF_FFFFL, report.rtpTime());
        assertEquals(NtpTime.encode(NTP.plus(pause)), report.ntpTime());
    }
}
