package org.rtspkit.stream.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtspkit.api.NtpTime;
import org.rtspkit.api.ReceiverReport;
import org.rtspkit.api.ReceptionReport;

class RtpReceiverTest {
    private static final Instant T0 = Instant.parse("2018-02-20T18:59:00Z");
    private static final Instant SR_TIME = Instant.parse("2018-02-20T19:00:00Z");

    private static RtpReceiver<Integer> udp() {
        return new RtpReceiver<>(90000, false);
    }

    private static RtpReceiver<Integer> tcp() {
        return new RtpReceiver<>(90000, true);
    }

    /** Feeds a packet whose object is its own sequence number and copies what came out. */
    private static List<Integer> feed(RtpReceiver<Integer> receiver, int seq) {
        return List.copyOf(receiver.process(seq, seq, 0, false, T0));
    }

    private static List<Integer> range(int fromInclusive, int toInclusive) {
        return IntStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
    }

    // --- loss and ordering -------------------------------------------------------------------

    @ParameterizedTest(name = "reliable={0}")
    @ValueSource(booleans = {false, true})
    void gapFrom30To100IsSixtyNineLost(boolean reliable) {
        RtpReceiver<Integer> r = new RtpReceiver<>(90000, reliable);
        assertEquals(List.of(30), feed(r, 30));
        assertEquals(0, r.lastLost());
        assertEquals(List.of(100), feed(r, 100));
        assertEquals(69, r.lastLost());
        assertEquals(69, r.stats().packetsLost());
        assertEquals(2, r.stats().packetsReceived());
    }

    @ParameterizedTest(name = "reliable={0}")
    @ValueSource(booleans = {false, true})
    void inOrderPacketsComeStraightOutInOneReusedList(boolean reliable) {
        RtpReceiver<Integer> r = new RtpReceiver<>(90000, reliable);
        List<Integer> first = r.process(1, 1, 0, false, T0);
        assertEquals(List.of(1), first);
        List<Integer> second = r.process(2, 2, 0, false, T0);
        assertSame(first, second);
        assertEquals(List.of(2), second);
        assertEquals(0, r.lastLost());
        assertThrows(UnsupportedOperationException.class, () -> second.add(3));
    }

    @Test
    void udpReordersALateSwap() {
        RtpReceiver<Integer> r = udp();
        assertEquals(List.of(1), feed(r, 1));
        assertEquals(List.of(), feed(r, 3));
        assertEquals(List.of(2, 3), feed(r, 2));
        assertEquals(List.of(4), feed(r, 4));
        assertEquals(0, r.stats().packetsLost());
        assertEquals(4, r.stats().packetsReceived());
    }

    @Test
    void udpReleasesEveryBufferedPacketOnceTheGapFills() {
        RtpReceiver<Integer> r = udp();
        feed(r, 100);
        for (int seq = 163; seq >= 102; seq--) {
            assertEquals(List.of(), feed(r, seq), "seq " + seq);
        }
        assertEquals(range(101, 163), feed(r, 101));
        assertEquals(0, r.lastLost());
    }

    @Test
    void udpDropsDuplicatesAndOldPackets() {
        RtpReceiver<Integer> r = udp();
        feed(r, 1);
        feed(r, 2);
        assertEquals(List.of(), feed(r, 2), "duplicate of the last delivered");
        assertEquals(List.of(), feed(r, 1), "older than the last delivered");
        assertEquals(List.of(), feed(r, 4));
        assertEquals(List.of(), feed(r, 4), "duplicate of a buffered packet");
        assertEquals(List.of(3, 4), feed(r, 3));
        assertEquals(4, r.stats().packetsReceived());
        assertEquals(0, r.stats().packetsLost());
    }

    @Test
    void udpGapOfSixtyThreeStillWaitsAndSixtyFourFlushes() {
        RtpReceiver<Integer> r = udp();
        feed(r, 10);
        assertEquals(List.of(), feed(r, 74), "63 ahead of the expected 11: buffered");
        assertEquals(List.of(74, 75), feed(r, 75), "64 ahead: buffer released");
        assertEquals(63, r.lastLost(), "11..73");
    }

    @Test
    void udpFlushCountsOnlyTheMissingPackets() {
        RtpReceiver<Integer> r = udp();
        feed(r, 10);
        for (int seq = 12; seq <= 20; seq++) {
            feed(r, seq);
        }
        List<Integer> expected = new ArrayList<>(range(12, 20));
        expected.add(75);
        assertEquals(expected, feed(r, 75));
        assertEquals(55, r.lastLost(), "11 and 21..74");
        assertEquals(11, r.stats().packetsReceived());
        assertEquals(List.of(76), feed(r, 76));
        assertEquals(0, r.lastLost());
    }

    @Test
    void udpHoleLeftBehindAPartialReleaseIsCountedAtTheFlush() {
        RtpReceiver<Integer> r = udp();
        feed(r, 9);
        feed(r, 12);
        feed(r, 14);
        assertEquals(List.of(10), feed(r, 10));
        assertEquals(List.of(11, 12), feed(r, 11));
        // 13 never comes; 77 is 64 ahead of it.
        assertEquals(List.of(14, 77), feed(r, 77));
        assertEquals(63, r.lastLost(), "13 and 15..76");
    }

    @Test
    void udpFollowsARestartedNumberingAfterSixtyFiveOldPackets() {
        RtpReceiver<Integer> r = udp();
        feed(r, 1000);
        for (int seq = 10; seq < 74; seq++) {
            assertEquals(List.of(), feed(r, seq), "old packet " + seq + " dropped");
        }
        assertEquals(List.of(74), feed(r, 74), "the 65th old packet restarts the numbering");
        assertEquals(0, r.lastLost());
        assertEquals(List.of(75), feed(r, 75));
        assertEquals(0, r.lastLost());
        RtpReceiver.Stats stats = r.stats();
        assertEquals(3, stats.packetsReceived());
        assertEquals(0, stats.packetsLost());
        assertEquals(75, stats.lastSequenceNumber());
        ReceptionReport report = r.report(1, T0);
        assertEquals(0, report.fractionLost());
        assertEquals(75, report.lastSequenceNumber() & 0xFFFF);
    }

    @Test
    void udpOldPacketCountRestartsAfterAnAcceptedPacket() {
        RtpReceiver<Integer> r = udp();
        feed(r, 1000);
        for (int i = 0; i < 64; i++) {
            feed(r, 10 + i);
        }
        assertEquals(List.of(1001), feed(r, 1001));
        for (int i = 0; i < 64; i++) {
            assertEquals(List.of(), feed(r, 10 + i));
        }
        assertEquals(List.of(74), feed(r, 74));
    }

    @Test
    void udpBufferWorksAcrossTheSequenceWrap() {
        RtpReceiver<Integer> r = udp();
        assertEquals(List.of(65534), feed(r, 65534));
        assertEquals(List.of(), feed(r, 0));
        assertEquals(List.of(), feed(r, 1));
        assertEquals(List.of(65535, 0, 1), feed(r, 65535));
        assertEquals(List.of(), feed(r, 65535), "old after the wrap");
        assertEquals(0x1_0001L, r.report(1, T0).lastSequenceNumber());
    }

    @Test
    void udpFlushAcrossTheWrapCountsLoss() {
        RtpReceiver<Integer> r = udp();
        feed(r, 65500);
        assertEquals(List.of(100), feed(r, 100));
        assertEquals(135, r.lastLost(), "65501..65535 and 0..99");
        assertEquals(0x1_0064L, r.report(1, T0).lastSequenceNumber());
    }

    @Test
    void tcpCountsTheSixteenBitGapAcrossTheWrap() {
        RtpReceiver<Integer> r = tcp();
        feed(r, 65530);
        assertEquals(List.of(3), feed(r, 3));
        assertEquals(8, r.lastLost(), "65531..65535 and 0..2");
        assertEquals(0x1_0003L, r.report(1, T0).lastSequenceNumber());
    }

    @Test
    void tcpNeverReordersAndCountsABackwardStepAsNearlyAFullCycle() {
        RtpReceiver<Integer> r = tcp();
        feed(r, 5);
        assertEquals(List.of(7), feed(r, 7));
        assertEquals(1, r.lastLost());
        assertEquals(List.of(6), feed(r, 6));
        assertEquals(65534, r.lastLost(), "uint16(6 - 7 - 1)");
        assertEquals(List.of(6), feed(r, 6));
        assertEquals(65535, r.lastLost(), "a repeated number is a full cycle minus one");
    }

    // --- reception report ----------------------------------------------------------------------

    @Test
    void noReportBeforeTheFirstPacket() {
        RtpReceiver<Integer> r = udp();
        r.onSenderReport(NtpTime.encode(SR_TIME), 0, SR_TIME);
        assertNull(r.report(1, T0));
        assertNull(r.receiverReport(2, 1, T0));
        assertNull(r.stats());
    }

    @Test
    void reportCarriesTheLastSequenceNumberAndTheMiddleOfTheSenderReportNtp() {
        long ntp = NtpTime.encode(SR_TIME);
        // 2018-02-20T19:00:00Z is 3728142000 s after 1900; its middle 32 bits are (3728142000 mod 2^16) << 16.
        assertEquals(3_728_142_000L << 32, ntp);
        assertEquals(4004511744L, (3_728_142_000L & 0xFFFF) << 16);

        RtpReceiver<Integer> r = udp();
        r.process(534, 534, 54352, true, SR_TIME);
        r.onSenderReport(ntp, 54352, SR_TIME);
        ReceiverReport rr = r.receiverReport(0xAABBCCDDL, 0x11223344L, SR_TIME);
        assertEquals(0xAABBCCDDL, rr.ssrc());
        assertEquals(1, rr.reports().size());
        ReceptionReport block = rr.reports().get(0);
        assertEquals(0x11223344L, block.ssrc());
        assertEquals(534, block.lastSequenceNumber());
        assertEquals(4004511744L, block.lastSenderReport());
        assertEquals(0, block.delay());
        assertEquals(0, block.fractionLost());
        assertEquals(0, block.totalLost());
        assertEquals(0, block.jitter());
    }

    @Test
    void delayIsTheTimeSinceTheSenderReportInUnitsOf1Over65536Seconds() {
        RtpReceiver<Integer> r = udp();
        r.process(1, 1, 0, true, SR_TIME);
        ReceptionReport none = r.report(1, SR_TIME);
        assertEquals(0, none.lastSenderReport(), "no sender report yet");
        assertEquals(0, none.delay());

        Instant srArrival = SR_TIME.plusMillis(250);
        r.onSenderReport(NtpTime.encode(SR_TIME.plusNanos(123_456_789)), 0, srArrival);
        assertEquals(98304, r.report(1, srArrival.plusMillis(1500)).delay(), "1.5 s");
        assertEquals(1, r.report(1, srArrival.plusNanos(15_259)).delay(), "just over 1/65536 s");
        assertEquals(0, r.report(1, srArrival.minusSeconds(1)).delay(), "clock went back: no negative delay");
        assertEquals((NtpTime.encode(SR_TIME.plusNanos(123_456_789)) >>> 16) & 0xFFFF_FFFFL,
                r.report(1, srArrival).lastSenderReport());
    }

    @Test
    void fractionLostCoversOnlyTheLastInterval() {
        RtpReceiver<Integer> r = tcp();
        for (int seq : new int[] {0, 1, 2, 5, 6, 7, 8, 9}) {
            feed(r, seq);
        }
        ReceptionReport first = r.report(1, T0);
        assertEquals(2 * 256 / 10, first.fractionLost(), "2 of 10 expected");
        assertEquals(2, first.totalLost());
        assertEquals(9, first.lastSequenceNumber());

        ReceptionReport idle = r.report(1, T0);
        assertEquals(0, idle.fractionLost(), "nothing expected since the last report");
        assertEquals(2, idle.totalLost());

        for (int seq = 10; seq < 20; seq++) {
            feed(r, seq);
        }
        assertEquals(0, r.report(1, T0).fractionLost());
        feed(r, 21);
        assertEquals(128, r.report(1, T0).fractionLost(), "1 lost of 2 expected");
    }

    @Test
    void fractionLostAfterAFlush() {
        RtpReceiver<Integer> r = udp();
        feed(r, 0);
        feed(r, 65);
        assertEquals(64, r.lastLost());
        assertEquals(64 * 256 / 66, r.report(1, T0).fractionLost());
    }

    @Test
    void totalLostSaturatesAtTheLargestPositive24BitValueButStatisticsDoNot() {
        RtpReceiver<Integer> r = tcp();
        feed(r, 0);
        for (int i = 0; i < 100; i++) {
            feed(r, 0);
        }
        assertEquals(100 * 65535, r.report(1, T0).totalLost(), "below the cap: exact");
        for (int i = 0; i < 200; i++) {
            feed(r, 0);
        }
        ReceptionReport report = r.report(1, T0);
        assertEquals(0x7F_FFFF, report.totalLost());
        assertTrue(report.fractionLost() <= 255);
        assertEquals(300L * 65535, r.stats().packetsLost());
    }

    // --- jitter --------------------------------------------------------------------------------

    @Test
    void jitterIsZeroForPerfectlyPacedPackets() {
        RtpReceiver<Integer> r = udp();
        for (int i = 0; i < 10; i++) {
            r.process(i, i, 3600L * i, true, T0.plusMillis(40L * i));
        }
        assertEquals(0.0, r.stats().jitter());
        assertEquals(0, r.report(1, T0).jitter());
    }

    @Test
    void jitterFollowsRfc3550Smoothing() {
        RtpReceiver<Integer> r = udp();
        r.process(0, 0, 0, true, T0);
        r.process(1, 1, 3600, true, T0.plusMillis(40));
        r.process(2, 2, 7200, true, T0.plusMillis(90)); // 10 ms late: D = 900 ticks
        assertEquals(900.0 / 16, r.stats().jitter(), 1e-9);
        r.process(3, 3, 10800, true, T0.plusMillis(120)); // back on schedule: |D| = 900
        double expected = 900.0 / 16 + (900 - 900.0 / 16) / 16;
        assertEquals(expected, r.stats().jitter(), 1e-9);
        assertEquals((long) expected, r.report(1, T0).jitter());
    }

    @Test
    void jitterUsesSubMillisecondArrivals() {
        RtpReceiver<Integer> r = udp();
        r.process(0, 0, 0, true, T0);
        r.process(1, 1, 90, true, T0.plusNanos(1_500_000)); // 1.5 ms = 135 ticks, 45 more than the 90 sent
        assertEquals(45.0 / 16, r.stats().jitter(), 1e-9);
    }

    @Test
    void jitterIgnoresPacketsWhoseTimestampIsNotASamplingInstant() {
        RtpReceiver<Integer> r = udp();
        r.process(0, 0, 0, true, T0);
        r.process(1, 1, 99999, false, T0.plusSeconds(5));
        r.process(2, 2, 7200, true, T0.plusMillis(80));
        assertEquals(0.0, r.stats().jitter());
        assertEquals(7200, r.stats().lastRtpTimestamp());
    }

    @Test
    void jitterHandlesTimestampWrap() {
        RtpReceiver<Integer> r = udp();
        r.process(0, 0, 0xFFFF_FFFFL - 3599, true, T0);
        r.process(1, 1, 0, true, T0.plusMillis(40));
        r.process(2, 2, 3600, true, T0.plusMillis(80));
        assertEquals(0.0, r.stats().jitter());
    }

    @Test
    void jitterCountsBufferedPacketsOnArrival() {
        RtpReceiver<Integer> r = udp();
        r.process(0, 0, 0, true, T0);
        r.process(2, 2, 7200, true, T0.plusMillis(80));
        r.process(1, 1, 3600, true, T0.plusMillis(80)); // 40 ms late relative to packet 2: |D| = 3600
        assertEquals(3600.0 / 16, r.stats().jitter(), 1e-9);
    }

    // --- packet NTP ------------------------------------------------------------------------------

    @Test
    void packetNtpIsTheSenderReportTimePlusTheTimestampDistance() {
        RtpReceiver<Integer> r = udp();
        assertEquals(Optional.empty(), r.packetNtp(54352));
        r.onSenderReport(NtpTime.encode(SR_TIME), 54352, T0);
        assertEquals(Optional.of(SR_TIME.plusSeconds(1)), r.packetNtp(54352 + 90000));
        assertEquals(Optional.of(SR_TIME.minusMillis(500)), r.packetNtp(54352 - 45000));
        assertEquals(Optional.of(SR_TIME), r.packetNtp(54352));
    }

    @Test
    void packetNtpAcrossTheTimestampWrap() {
        RtpReceiver<Integer> r = udp();
        r.onSenderReport(NtpTime.encode(SR_TIME), 0x1_0000_0000L - 45000, T0);
        assertEquals(Optional.of(SR_TIME.plusSeconds(1)), r.packetNtp(45000));
        assertEquals(Optional.of(SR_TIME.minusSeconds(1)), r.packetNtp(0x1_0000_0000L - 135000));
    }

    @Test
    void statsReportTheLastPacketAndItsNtp() {
        RtpReceiver<Integer> r = tcp();
        r.onSenderReport(NtpTime.encode(SR_TIME), 54352, T0);
        r.process(7, 7, 54352 + 9000, true, T0);
        r.process(8, 8, 54352 + 12000, false, T0);
        RtpReceiver.Stats stats = r.stats();
        assertEquals(8, stats.lastSequenceNumber());
        assertEquals(54352 + 9000, stats.lastRtpTimestamp());
        assertEquals(SR_TIME.plusMillis(100), stats.lastNtp());
        assertEquals(2, stats.packetsReceived());
    }

    // --- unknown clock rate and bad input --------------------------------------------------------

    @Test
    void unknownClockRateStillDeliversButCannotReport() {
        RtpReceiver<Integer> r = new RtpReceiver<>(0, false);
        assertEquals(List.of(1), feed(r, 1));
        r.onSenderReport(NtpTime.encode(SR_TIME), 0, T0);
        r.process(2, 2, 100, true, T0.plus(Duration.ofSeconds(3)));
        assertNull(r.report(1, T0));
        assertEquals(Optional.empty(), r.packetNtp(0));
        assertNotNull(r.stats());
        assertEquals(0.0, r.stats().jitter());
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        RtpReceiver<Integer> r = udp();
        IllegalArgumentException seq = assertThrows(IllegalArgumentException.class,
                () -> r.process(1, 65536, 0, false, T0));
        assertTrue(seq.getMessage().contains("65536"), seq.getMessage());
        IllegalArgumentException ts = assertThrows(IllegalArgumentException.class,
                () -> r.process(1, 1, -1, false, T0));
        assertTrue(ts.getMessage().contains("-1"), ts.getMessage());
        assertThrows(NullPointerException.class, () -> r.process(null, 1, 0, false, T0));
        assertThrows(IllegalArgumentException.class, () -> new RtpReceiver<Integer>(-1, true));
        assertNull(r.stats(), "rejected packets leave no trace");
    }
}
