package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Media;
import org.rtspkit.api.NtpTime;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.SenderReport;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerStream;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/** RTCP sender reports to readers (REFERENCE §6.7), with the server's clock under the test's control. */
class SenderReportTest {
    private static final Instant START = Instant.parse("2014-06-07T15:00:00Z");
    private static final Instant SAMPLED = Instant.parse("2017-08-10T12:22:00Z");
    /** An H264 IDR slice header byte: a packet whose presentation and decoding times are equal. */
    private static final byte IDR = 0x65;
    /** A non-IDR slice: not a point a reader can synchronise on. */
    private static final byte NON_IDR = 0x41;

    private final TestServers.ManualClock clock = new TestServers.ManualClock(START);
    private RtspServer server;
    private ServerStream stream;

    private void start(boolean udp, boolean senderReports) throws Exception {
        ServerConfig config = TestServers.config(udp)
                .clock(clock)
                .senderReportPeriod(Duration.ofMillis(100))
                .senderReports(senderReports)
                .build();
        TestServers.ServingHandler handler = new TestServers.ServingHandler();
        server = RtspServers.start(config, handler);
        stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String base() {
        return TestServers.url(server, "/teststream");
    }

    private Media video() {
        return stream.description().medias().get(0);
    }

    private long videoSsrc() {
        return stream.stats().medias().get(video()).formats().get(96).localSsrc();
    }

    private TestRtspClient playTcp() throws Exception {
        TestRtspClient c = new TestRtspClient(server.rtspAddress());
        String session = c.request("SETUP", base() + "/trackID=0", "Transport: RTP/AVP/TCP;unicast").sessionId();
        assertEquals(200, c.request("PLAY", base(), "Session: " + session).status());
        return c;
    }

    private static SenderReport senderReport(byte[] data) {
        List<RtcpPacket> packets = RtcpPacket.unmarshalCompound(data);
        assertEquals(1, packets.size(), "one packet per report");
        return assertInstanceOf(SenderReport.class, packets.get(0));
    }

    private SenderReport expected(Instant ntp, long rtpTime, long packets, long octets) {
        return SenderReport.of(videoSsrc(), NtpTime.encode(ntp), rtpTime, packets, octets);
    }

    /** Reports keep coming every period; skips those made before the clock moved, which must equal {@code before}. */
    private interface NextReport {
        SenderReport next() throws Exception;
    }

    private static SenderReport firstDifferent(SenderReport before, NextReport reports) throws Exception {
        for (int i = 0; i < 50; i++) {
            SenderReport sr = reports.next();
            if (!sr.equals(before)) {
                return sr;
            }
        }
        throw new AssertionError("no report after the clock moved");
    }

    @Test
    void tcpReaderGetsAReportRightAfterTheFirstKeyframeThenEveryPeriod() throws Exception {
        start(false, true);
        try (TestRtspClient c = playTcp()) {
            stream.writePacketRtp(video(), RtpPacket.of(true, 96, 1, 240_000, 0, new byte[] {IDR}), SAMPLED);
            assertEquals(0, c.frame().channel());
            TestRtspClient.Frame report = c.frame();
            assertEquals(1, report.channel());
            SenderReport first = senderReport(report.data());
            assertEquals(expected(SAMPLED, 240_000, 1, 1), first);

            clock.advance(Duration.ofSeconds(30));
            SenderReport later = firstDifferent(first, () -> {
                TestRtspClient.Frame f = c.frame();
                assertEquals(1, f.channel());
                return senderReport(f.data());
            });
            assertEquals(expected(Instant.parse("2017-08-10T12:22:30Z"), 240_000 + 90_000L * 30, 1, 1), later);
        }
    }

    @Test
    void udpReaderGetsReportsOnItsRtcpPort() throws Exception {
        start(true, true);
        int serverRtcp = server.config().udpRtcpAddress().getPort();
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            String session = c.request("SETUP", base() + "/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort()).sessionId();
            assertEquals(200, c.request("PLAY", base(), "Session: " + session).status());

            stream.writePacketRtp(video(), RtpPacket.of(true, 96, 1, 240_000, 0, new byte[] {IDR}), SAMPLED);
            assertEquals(1, RtpPacket.unmarshal(UdpClient.receive(udp.rtp).data()).sequenceNumber());
            UdpClient.Datagram d = UdpClient.receive(udp.rtcp);
            assertEquals(serverRtcp, d.sourcePort());
            SenderReport first = senderReport(d.data());
            assertEquals(expected(SAMPLED, 240_000, 1, 1), first);

            clock.advance(Duration.ofSeconds(30));
            SenderReport later = firstDifferent(first, () -> senderReport(UdpClient.receive(udp.rtcp).data()));
            assertEquals(expected(Instant.parse("2017-08-10T12:22:30Z"), 240_000 + 90_000L * 30, 1, 1), later);
        }
    }

    @Test
    void firstReportWaitsForAPacketReadersCanSynchroniseOn() throws Exception {
        start(false, true);
        try (TestRtspClient c = playTcp()) {
            stream.writePacketRtp(video(), RtpPacket.of(false, 96, 1, 100_000, 0, new byte[] {NON_IDR, 1}), SAMPLED);
            assertEquals(0, c.frame().channel());
            assertNull(c.pollFrame(300), "no report before a keyframe");

            stream.writePacketRtp(video(), RtpPacket.of(true, 96, 2, 240_000, 0, new byte[] {IDR}), SAMPLED);
            assertEquals(0, c.frame().channel());
            TestRtspClient.Frame report = c.frame();
            assertEquals(1, report.channel());
            // Counts include every packet; the time mapping comes from the keyframe.
            assertEquals(expected(SAMPLED, 240_000, 2, 3), senderReport(report.data()));
        }
    }

    @Test
    void noReportsWhenDisabled() throws Exception {
        start(false, false);
        try (TestRtspClient c = playTcp()) {
            stream.writePacketRtp(video(), RtpPacket.of(true, 96, 1, 240_000, 0, new byte[] {IDR}), SAMPLED);
            assertEquals(0, c.frame().channel());
            clock.advance(Duration.ofSeconds(30));
            assertNull(c.pollFrame(500), "no sender report");
            assertEquals(0, stream.stats().outboundRtcpPackets());
        }
    }
}
