package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.Media;
import org.rtspkit.api.ReceiverReport;
import org.rtspkit.api.ReceptionReport;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SessionState;
import org.rtspkit.protocol.sdp.SdpWriter;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/** Publishers: ANNOUNCE checks (REFERENCE §3.4), SETUP/RECORD (§3.5, §3.7) and what is received (§7). */
class PublisherTest {
    private static final String TCP_RECORD = "Transport: RTP/AVP/TCP;unicast;mode=record";

    @TempDir
    Path dir;
    private RtspServer server;
    private PublishHandler handler;

    /** Hands every RTP packet of a recording session to {@link #received}. */
    static class PublishHandler extends RecordingHandler {
        record Received(Media media, RtpPacket packet) {
        }

        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        final BlockingQueue<ServerSession> recording = new LinkedBlockingQueue<>();

        PublishHandler() {
            onRecord = c -> {
                c.session().onPacketRtpAny((m, p) -> received.add(new Received(m, p)));
                recording.add(c.session());
            };
        }

        Received awaitPacket() throws InterruptedException {
            return next(received, "a published packet");
        }
    }

    private void start(ServerConfig.Builder config) throws Exception {
        start(config, new PublishHandler());
    }

    private void start(ServerConfig.Builder config, PublishHandler h) throws Exception {
        handler = h;
        server = RtspServers.start(config.build(), handler);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String pub() {
        return TestServers.url(server, "/pub");
    }

    /** Video and audio with FFmpeg's controls. */
    private static byte[] sdpTwoMedias() {
        List<Media> medias = TestServers.videoAndAudio().medias();
        return SdpWriter.write(new SessionDescription("pub", List.of(medias.get(0).withControl("streamid=0"),
                medias.get(1).withControl("streamid=1")))).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sdpVideoOnly() {
        Media video = TestServers.videoAndAudio().medias().get(0).withControl("streamid=0");
        return SdpWriter.write(new SessionDescription("pub", List.of(video))).getBytes(StandardCharsets.UTF_8);
    }

    private void announce(TestRtspClient c, byte[] sdp) throws Exception {
        TestRtspClient.Response r = c.requestWithBody("ANNOUNCE", pub(), sdp, "Content-Type: application/sdp");
        assertEquals(200, r.status());
        assertNull(r.header("Session"), "ANNOUNCE responses carry no session");
    }

    /** ANNOUNCE of video and audio, both SETUP over TCP (channels 0-1 and 2-3), RECORD; returns the session id. */
    private String recordTcp(TestRtspClient c) throws Exception {
        announce(c, sdpTwoMedias());
        TestRtspClient.Response s0 = c.request("SETUP", pub() + "/streamid=0", TCP_RECORD + ";interleaved=0-1");
        assertEquals(200, s0.status());
        String session = s0.sessionId();
        assertEquals(200, c.request("SETUP", pub() + "/streamid=1", TCP_RECORD + ";interleaved=2-3",
                "Session: " + session).status());
        TestRtspClient.Response rec = c.request("RECORD", pub(), "Session: " + session);
        assertEquals(200, rec.status());
        assertEquals(session + ";timeout=55", rec.header("Session"));
        return session;
    }

    /** ANNOUNCE of video only, SETUP over UDP from the client's ports, RECORD; returns the session id. */
    private String recordUdp(TestRtspClient c, UdpClient udp) throws Exception {
        announce(c, sdpVideoOnly());
        TestRtspClient.Response s = c.request("SETUP", pub() + "/streamid=0",
                "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort() + ";mode=record");
        assertEquals(200, s.status());
        int rtp = server.config().udpRtpAddress().getPort();
        assertEquals("RTP/AVP;unicast;client_port=" + udp.clientPort() + ";server_port=" + rtp + "-" + (rtp + 1),
                s.header("Transport"), "publishers get no ssrc");
        assertEquals(200, c.request("RECORD", pub(), "Session: " + s.sessionId()).status());
        return s.sessionId();
    }

    private static byte[] rtp(int payloadType, int seq, long ssrc, byte... payload) {
        return RtpPacket.of(false, payloadType, seq, seq * 3000L, ssrc, payload).marshal();
    }

    private void sendUdpRtp(UdpClient udp, byte[] packet) throws Exception {
        UdpClient.send(udp.rtp, packet, server.config().udpRtpAddress().getPort());
    }

    /** Sends a request that must fail with 400 and close the connection with {@code message}. */
    private void assertRefused(TestRtspClient c, String method, String url, byte[] body, String message,
                               String... headers) throws Exception {
        TestRtspClient.Response r = c.requestWithBody(method, url, body, headers);
        assertEquals(400, r.status(), method);
        assertTrue(c.closedByServer());
        assertEquals(message, handler.awaitConnectionClose().message());
    }

    // ---- GStreamer's rtspclientsink

    /**
     * rtspclientsink needs a moment between its last SETUP's response and RECORD, so the answer to a
     * GStreamer publisher's SETUP waits a second (REFERENCE §3.5). The wait must not hold the session:
     * its monitor is free while the response is pending, well before it arrives.
     */
    @Test
    void gstreamerSetupAnswerWaitsWithoutHoldingTheSession() throws Exception {
        java.util.concurrent.CountDownLatch setupCalled = new java.util.concurrent.CountDownLatch(1);
        start(TestServers.config(false), new PublishHandler() {
            @Override
            public org.rtspkit.api.StreamResponse onSetup(org.rtspkit.api.SetupContext c) {
                setupCalled.countDown();
                return super.onSetup(c);
            }
        });
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            announce(c, sdpVideoOnly());
            ServerSession session = handler.awaitSessionOpen();
            long sent = System.nanoTime();
            c.writeText("SETUP " + pub() + "/streamid=0 RTSP/1.0\r\nCSeq: 9\r\nUser-Agent: GStreamer/1.22.0\r\n"
                    + TCP_RECORD + ";interleaved=0-1\r\n\r\n");
            assertTrue(setupCalled.await(RecordingHandler.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS));
            long sessionFree;
            synchronized (session) {
                sessionFree = System.nanoTime();
            }
            TestRtspClient.Response r = c.readResponse();
            long answered = System.nanoTime();
            assertEquals(200, r.status());
            assertTrue(answered - sent >= 900_000_000L, "answered after " + (answered - sent) / 1_000_000 + " ms");
            assertTrue(answered - sessionFree >= 500_000_000L, "the session was held until "
                    + (answered - sessionFree) / 1_000_000 + " ms before the answer");
            assertEquals(200, c.request("RECORD", pub(), "Session: " + r.sessionId()).status());
        }
    }

    // ---- ANNOUNCE

    /** A burst over TLS fills the engine's network buffer and leaves a record cut at its end. */
    @Test
    void aBurstOfFramesInsideTlsArrivesWhole() throws Exception {
        start(TestServers.config(false).tlsContext(TestTls.serverContext(dir)));
        try (TestRtspClient c = TestTls.client(server.rtspAddress())) {
            String session = recordTcp(c);
            int count = 300;
            for (int i = 0; i < count; i++) {
                c.send(0, rtp(96, i, 0x1111, new byte[1000 + i % 7]));
            }
            for (int i = 0; i < count; i++) {
                assertEquals(i, handler.awaitPacket().packet().sequenceNumber());
            }
            assertEquals(200, c.request("OPTIONS", pub(), "Session: " + session).status());
        }
    }

    @Test
    void announceWithoutContentTypeIsRefused() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, "ANNOUNCE", pub(), sdpTwoMedias(), "Content-Type header is missing");
        }
    }

    @Test
    void announceWithAnotherContentTypeIsRefused() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, "ANNOUNCE", pub(), sdpTwoMedias(), "unsupported Content-Type header '[text/plain]'",
                    "Content-Type: text/plain");
        }
    }

    @Test
    void announceWithInvalidSdpIsRefused() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, "ANNOUNCE", pub(), new byte[] {1, 2, 3, 4}, "invalid SDP: invalid line: (\u0001\u0002\u0003\u0004)",
                    "Content-Type: application/sdp");
        }
    }

    @Test
    void announceOfH264PacketizationModeZeroIsRefused() throws Exception {
        start(TestServers.config(false));
        String sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=pub\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                + "m=video 0 RTP/AVP 96\r\na=control:streamid=0\r\na=rtpmap:96 H264/90000\r\n"
                + "a=fmtp:96 packetization-mode=0\r\n";
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, "ANNOUNCE", pub(), sdp.getBytes(StandardCharsets.UTF_8),
                    "H264 packetization-mode=0 is not supported by the server", "Content-Type: application/sdp");
        }
    }

    // ---- SETUP and RECORD

    @Test
    void setupWithFfmpegControlsAndRecordOverTcp() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            announce(c, sdpTwoMedias());
            TestRtspClient.Response s0 = c.request("SETUP", pub() + "/streamid=0", TCP_RECORD);
            assertEquals(200, s0.status());
            // Publishers get no ssrc, and mode is never echoed.
            assertEquals("RTP/AVP/TCP;unicast;interleaved=0-1", s0.header("Transport"));
            assertEquals(s0.sessionId() + ";timeout=55", s0.header("Session"));
            TestRtspClient.Response s1 = c.request("SETUP", pub() + "/streamid=1", TCP_RECORD,
                    "Session: " + s0.sessionId());
            assertEquals("RTP/AVP/TCP;unicast;interleaved=2-3", s1.header("Transport"));
            assertEquals(200, c.request("RECORD", pub(), "Session: " + s0.sessionId()).status());
            ServerSession session = RecordingHandler.next(handler.recording, "RECORD");
            assertEquals(SessionState.RECORD, session.state());
            assertEquals("/pub", session.path());
        }
    }

    @Test
    void recordBeforeEveryMediaIsSetUpIsRefused() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            announce(c, sdpTwoMedias());
            String session = c.request("SETUP", pub() + "/streamid=0", TCP_RECORD).sessionId();
            assertRefused(c, "RECORD", pub(), null, "not all announced medias have been setup", "Session: " + session);
        }
    }

    @Test
    void publisherSetupWithoutModeIsRefused() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            announce(c, sdpTwoMedias());
            assertRefused(c, "SETUP", pub() + "/streamid=0", null, "transport header contains a invalid mode (null)",
                    "Transport: RTP/AVP/TCP;unicast");
        }
    }

    @Test
    void receiveIsAnAliasOfRecord() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            announce(c, sdpVideoOnly());
            assertEquals(200, c.request("SETUP", pub() + "/streamid=0",
                    "Transport: RTP/AVP/TCP;unicast;mode=receive").status());
        }
    }

    @Test
    void framesOfATcpPublisherReachTheApplication() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            recordTcp(c);
            ServerSession session = RecordingHandler.next(handler.recording, "RECORD");
            List<Media> announced = session.announcedDescription().orElseThrow().medias();

            byte[] video = rtp(96, 1, 0x1111, (byte) 0x65, (byte) 1, (byte) 2);
            byte[] audio = rtp(97, 7, 0x2222, (byte) 9, (byte) 9);
            c.send(0, video);
            c.send(2, audio);
            PublishHandler.Received first = handler.awaitPacket();
            assertSame(announced.get(0), first.media());
            assertEquals(RtpPacket.unmarshal(video), first.packet());
            PublishHandler.Received second = handler.awaitPacket();
            assertSame(announced.get(1), second.media());
            assertEquals(RtpPacket.unmarshal(audio), second.packet());
            assertEquals(2, session.stats().inboundRtpPackets());
        }
    }

    @Test
    void rtcpWrittenDuringRecordFollowsTheResponse() throws Exception {
        ReceiverReport report = new ReceiverReport(0x0102_0304L, List.of());
        PublishHandler h = new PublishHandler() {
            @Override
            public RtspResponse onRecord(RequestContext c) {
                RtspResponse ok = super.onRecord(c);
                Media video = c.session().announcedDescription().orElseThrow().medias().get(0);
                c.session().writePacketRtcp(video, report);
                return ok;
            }
        };
        start(TestServers.config(false), h);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            announce(c, sdpTwoMedias());
            String session = c.request("SETUP", pub() + "/streamid=0", TCP_RECORD + ";interleaved=0-1").sessionId();
            c.request("SETUP", pub() + "/streamid=1", TCP_RECORD + ";interleaved=2-3", "Session: " + session);
            c.writeText("RECORD " + pub() + " RTSP/1.0\r\nCSeq: 9\r\nSession: " + session + "\r\n\r\n");
            assertEquals("RTSP/1.0 200 OK", c.readRawHead().get(0), "the response comes first");
            TestRtspClient.Frame f = c.frame();
            assertEquals(1, f.channel());
            assertEquals(List.of(report), RtcpPacket.unmarshalCompound(f.data()));
        }
    }

    // ---- losses, decode errors, receiver reports

    @Test
    void tcpLossIsReported() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            recordTcp(c);
            c.send(0, rtp(96, 30, 0x1111, (byte) 0x41));
            c.send(0, rtp(96, 100, 0x1111, (byte) 0x41));
            assertEquals(69, handler.awaitPacketsLost());
            ServerSession session = RecordingHandler.next(handler.recording, "RECORD");
            TestServers.await("the second packet", Duration.ofSeconds(3), () -> handler.received.size() == 2);
            assertEquals(69, session.stats().inboundRtpPacketsLost());
        }
    }

    @Test
    void udpLossIsReported() throws Exception {
        start(TestServers.config(true));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            recordUdp(c, udp);
            sendUdpRtp(udp, rtp(96, 30, 0x1111, (byte) 0x41));
            assertEquals(30, handler.awaitPacket().packet().sequenceNumber());
            sendUdpRtp(udp, rtp(96, 100, 0x1111, (byte) 0x41));
            assertEquals(69, handler.awaitPacketsLost());
            assertEquals(100, handler.awaitPacket().packet().sequenceNumber());
        }
    }

    @Test
    void unknownPayloadTypeIsADecodeErrorAndTheSessionGoesOn() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            recordTcp(c);
            ServerSession session = RecordingHandler.next(handler.recording, "RECORD");
            c.send(0, rtp(100, 1, 0x1111, (byte) 1));
            assertEquals("received RTP packet with unknown payload type: 100", handler.awaitDecodeError().getMessage());
            c.send(0, rtp(96, 2, 0x1111, (byte) 0x41));
            assertEquals(2, handler.awaitPacket().packet().sequenceNumber());
            assertEquals(1, session.stats().inboundRtpPacketsInError());
            assertEquals(SessionState.RECORD, session.state());
        }
    }

    @Test
    void udpPublisherGetsFirewallOpeningDatagramsAfterRecord() throws Exception {
        start(TestServers.config(true));
        int serverRtp = server.config().udpRtpAddress().getPort();
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            recordUdp(c, udp);
            UdpClient.Datagram rtp = UdpClient.receive(udp.rtp);
            assertEquals(serverRtp, rtp.sourcePort());
            assertArrayEquals(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, rtp.data());
            UdpClient.Datagram rtcp = UdpClient.receive(udp.rtcp);
            assertEquals(serverRtp + 1, rtcp.sourcePort());
            ReceiverReport rr = assertInstanceOf(ReceiverReport.class, RtcpPacket.unmarshalCompound(rtcp.data()).get(0));
            assertTrue(rr.reports().isEmpty());
        }
    }

    @Test
    void udpPublisherGetsReceiverReports() throws Exception {
        start(TestServers.config(true).receiverReportPeriod(Duration.ofMillis(200)));
        int serverRtcp = server.config().udpRtcpAddress().getPort();
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            recordUdp(c, udp);
            sendUdpRtp(udp, rtp(96, 534, 0xAABB_CCDDL, (byte) 0x65));
            assertEquals(534, handler.awaitPacket().packet().sequenceNumber());
            ReceptionReport block = null;
            long ownSsrc = 0;
            for (int i = 0; i < 20 && block == null; i++) {
                UdpClient.Datagram d = UdpClient.receive(udp.rtcp);
                assertEquals(serverRtcp, d.sourcePort());
                ReceiverReport rr = assertInstanceOf(ReceiverReport.class, RtcpPacket.unmarshalCompound(d.data()).get(0));
                if (!rr.reports().isEmpty()) {
                    block = rr.reports().get(0);
                    ownSsrc = rr.ssrc();
                }
            }
            assertTrue(block != null, "a receiver report with a report block");
            assertEquals(0xAABB_CCDDL, block.ssrc());
            assertEquals(534, block.lastSequenceNumber());
            assertEquals(0, block.totalLost());
            assertNotEquals(0, ownSsrc);
        }
    }

    @Test
    void tcpPublisherGetsNoReceiverReports() throws Exception {
        start(TestServers.config(false).receiverReportPeriod(Duration.ofMillis(100)));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            recordTcp(c);
            c.send(0, rtp(96, 1, 0x1111, (byte) 0x65));
            handler.awaitPacket();
            assertNull(c.pollFrame(500));
        }
    }

    // ---- end of a publisher

    @Test
    void silentUdpPublisherTimesOut() throws Exception {
        start(TestServers.config(true).readTimeout(Duration.ofSeconds(1)).checkStreamPeriod(Duration.ofMillis(100)));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            String session = recordUdp(c, udp);
            long recorded = System.nanoTime();
            RecordingHandler.SessionClosed closed = handler.awaitSessionClose();
            long waited = (System.nanoTime() - recorded) / 1_000_000;
            assertEquals(session, closed.session().id());
            assertEquals("session timed out", closed.message());
            assertTrue(waited >= 900, "closed after " + waited + " ms, before the read timeout");
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void tcpPublisherEndsWithItsConnection() throws Exception {
        start(TestServers.config(false));
        String session;
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            session = recordTcp(c);
        }
        RecordingHandler.SessionClosed closed = handler.awaitSessionClose();
        assertEquals(session, closed.session().id());
        assertEquals("not in use", closed.message());
    }
}
