package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.StreamStats;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/** PLAY (REFERENCE §3.6), RTP-Info (§6.6), what readers receive (§6.4, §6.5) and stream stats (§6.8). */
class PlayTest {
    private static final String TCP = "Transport: RTP/AVP/TCP;unicast";

    private RtspServer server;
    private ServerStream stream;
    private RecordingHandler handler;

    private void start(ServerConfig.Builder config, RecordingHandler h) throws Exception {
        handler = h;
        server = RtspServers.start(config.senderReports(false).build(), handler);
        stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
    }

    private void start(boolean udp) throws Exception {
        start(TestServers.config(udp), new RecordingHandler());
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

    private Media media(int i) {
        return stream.description().medias().get(i);
    }

    private long ssrc(int mediaIndex, int payloadType) {
        return stream.stats().medias().get(media(mediaIndex)).formats().get(payloadType).localSsrc();
    }

    /** SETUP of track 0 over TCP then PLAY; returns the session id. */
    private String play(TestRtspClient c) throws Exception {
        String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
        assertEquals(200, c.request("PLAY", base() + "/", "Session: " + session).status());
        return session;
    }

    private static RtpPacket packet(int seq, long timestamp, byte[] payload) {
        return RtpPacket.of(false, 96, seq, timestamp, 0, payload);
    }

    // ---- RTP-Info

    @Test
    void rtpInfoGivesTheNextSequenceNumberAndTheCurrentRtpTime() throws Exception {
        TestServers.ManualClock clock = new TestServers.ManualClock(Instant.parse("2020-01-01T00:00:00Z"));
        start(TestServers.config(false).clock(clock), new RecordingHandler());
        stream.writePacketRtp(media(0), packet(556, 1000, new byte[] {1, 2, 3, 4}));
        clock.advance(Duration.ofMillis(2500));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            c.request("SETUP", base() + "/trackID=1", TCP, "Session: " + session);
            TestRtspClient.Response r = c.request("PLAY", base() + "/", "Session: " + session);
            assertEquals(200, r.status());
            // 1000 + 2.5 s of a 90 kHz clock - a tenth of a second
            long rtptime = 1000 + 225_000 - 9_000;
            assertEquals("url=" + base() + "/trackID=0;seq=557;rtptime=" + rtptime + ",url=" + base() + "/trackID=1",
                    r.header("RTP-Info"));
        }
    }

    @Test
    void rtpInfoUsesTheNtpTimeWrittenWithThePacketAndWraps() throws Exception {
        TestServers.ManualClock clock = new TestServers.ManualClock(Instant.parse("2020-01-01T00:00:00Z"));
        start(TestServers.config(false).clock(clock), new RecordingHandler());
        // Sampled one second before it is written; the next PLAY comes half a second later.
        stream.writePacketRtp(media(0), packet(65535, 0xFFFF_FFF0L, new byte[] {1}), clock.instant().minusSeconds(1));
        clock.advance(Duration.ofMillis(500));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            TestRtspClient.Response r = c.request("PLAY", base(), "Session: " + session);
            long rtptime = (0xFFFF_FFF0L + 135_000 - 9_000) & 0xFFFF_FFFFL;
            assertEquals("url=" + base() + "/trackID=0;seq=0;rtptime=" + rtptime, r.header("RTP-Info"));
        }
    }

    @Test
    void playTwiceAnswersTwiceWithRtpInfoOnlyTheFirstTime() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            TestRtspClient.Response first = c.request("PLAY", base(), "Session: " + session);
            assertEquals(200, first.status());
            assertEquals("url=" + base() + "/trackID=0", first.header("RTP-Info"));
            TestRtspClient.Response second = c.request("PLAY", base(), "Session: " + session);
            assertEquals(200, second.status());
            assertNull(second.header("RTP-Info"));
            assertEquals(session + ";timeout=55", second.header("Session"));

            stream.writePacketRtp(media(0), packet(1, 0, new byte[] {1}));
            assertEquals(1, RtpPacket.unmarshal(c.frame().data()).sequenceNumber());
            assertNull(c.pollFrame(200), "one packet, delivered once");
        }
    }

    @Test
    void pauseStopsDeliveryAndPlayResumesIt() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = play(c);
            stream.writePacketRtp(media(0), packet(1, 0, new byte[] {1}));
            assertEquals(1, RtpPacket.unmarshal(c.frame().data()).sequenceNumber());

            TestRtspClient.Response paused = c.request("PAUSE", base(), "Session: " + session);
            assertEquals(200, paused.status());
            assertEquals(session + ";timeout=55", paused.header("Session"));
            stream.writePacketRtp(media(0), packet(2, 0, new byte[] {2}));
            assertNull(c.pollFrame(200), "nothing while paused");

            TestRtspClient.Response resumed = c.request("PLAY", base(), "Session: " + session);
            assertEquals(200, resumed.status());
            assertTrue(resumed.header("RTP-Info").startsWith("url=" + base() + "/trackID=0;seq=3;rtptime="),
                    resumed.header("RTP-Info"));
            stream.writePacketRtp(media(0), packet(3, 0, new byte[] {3}));
            assertEquals(3, RtpPacket.unmarshal(c.frame().data()).sequenceNumber());
        }
    }

    @Test
    void framesFollowThePlayResponse() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        RecordingHandler h = new RecordingHandler() {
            @Override
            public RtspResponse onPlay(RequestContext c) {
                Thread writer = new Thread(() -> {
                    int seq = 0;
                    try {
                        while (writing.get()) {
                            stream.writePacketRtp(media(0), packet(seq++ & 0xFFFF, 0, new byte[] {1}));
                            sleep(2);
                        }
                    } catch (RuntimeException closed) {
                        // the stream closed with the server at the end of the test
                    }
                });
                writer.setDaemon(true);
                writer.start();
                sleep(50);
                return RtspResponse.ok();
            }
        };
        start(TestServers.config(false), h);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            c.writeText("PLAY " + base() + " RTSP/1.0\r\nCSeq: 9\r\nSession: " + session + "\r\n\r\n");
            List<String> head = c.readRawHead();
            assertEquals("RTSP/1.0 200 OK", head.get(0), "the response comes before any frame");
            assertEquals(0, c.frame().channel());
        } finally {
            writing.set(false);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void changedPathIsRefused() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            TestRtspClient.Response r = c.request("PLAY", TestServers.url(server, "/other"), "Session: " + session);
            assertEquals(400, r.status());
            assertTrue(c.closedByServer());
        }
        assertEquals("path has changed, was '/teststream', now is '/other'", handler.awaitConnectionClose().message());
    }

    @Test
    void rtpInfoUsesTheHostOfThePlayUrl() throws Exception {
        start(false);
        String viaName = "rtsp://localhost:" + server.rtspAddress().getPort() + "/teststream";
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            TestRtspClient.Response r = c.request("PLAY", viaName + "/", "Session: " + session);
            assertEquals(200, r.status());
            assertEquals("url=" + viaName + "/trackID=0", r.header("RTP-Info"));
        }
    }

    // ---- states

    @Test
    void pauseBeforePlayIsAnsweredAndChangesNothing() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            assertEquals(200, c.request("PAUSE", base(), "Session: " + session).status());
            assertEquals(200, c.request("PAUSE", base(), "Session: " + session).status());
            assertEquals(200, c.request("PLAY", base(), "Session: " + session).status());
            stream.writePacketRtp(media(0), packet(1, 0, new byte[] {1}));
            assertEquals(1, RtpPacket.unmarshal(c.frame().data()).sequenceNumber());
        }
    }

    @Test
    void recordInAReaderSessionIsRefused() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            assertEquals(400, c.request("RECORD", base(), "Session: " + session).status());
            assertTrue(c.closedByServer());
        }
        assertEquals("must be in state [preRecord], while is in state prePlay", handler.awaitConnectionClose().message());
    }

    @Test
    void setupWhilePlayingIsRefused() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = play(c);
            assertEquals(400, c.request("SETUP", base() + "/trackID=1", TCP, "Session: " + session).status());
            assertTrue(c.closedByServer());
        }
        assertEquals("must be in state [initial prePlay preRecord], while is in state play",
                handler.awaitConnectionClose().message());
    }

    // ---- what a reader receives

    @Test
    void readerReceivesOnlyTheMediasItSetUp() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response s = c.request("SETUP", base() + "/trackID=1", TCP + ";interleaved=4-5");
            assertEquals(200, s.status());
            assertTrue(s.header("Transport").startsWith("RTP/AVP/TCP;unicast;interleaved=4-5;"), s.header("Transport"));
            TestRtspClient.Response p = c.request("PLAY", base(), "Session: " + s.sessionId());
            assertEquals("url=" + base() + "/trackID=1", p.header("RTP-Info"));

            stream.writePacketRtp(media(0), packet(10, 0, new byte[] {1}));
            stream.writePacketRtp(media(1), RtpPacket.of(true, 97, 20, 0, 0, new byte[] {2}));
            TestRtspClient.Frame f = c.frame();
            assertEquals(4, f.channel());
            RtpPacket got = RtpPacket.unmarshal(f.data());
            assertEquals(20, got.sequenceNumber());
            assertEquals(97, got.payloadType());
            assertEquals(ssrc(1, 97), got.ssrc());
            assertNull(c.pollFrame(200), "nothing of media 0");
        }
    }

    @Test
    void udpReaderReceivesFromTheServerRtpPort() throws Exception {
        start(true);
        int serverRtp = server.config().udpRtpAddress().getPort();
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            TestRtspClient.Response s = c.request("SETUP", base() + "/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort());
            assertEquals(200, s.status());
            assertEquals(200, c.request("PLAY", base(), "Session: " + s.sessionId()).status());

            byte[] payload = {9, 8, 7, 6, 5};
            stream.writePacketRtp(media(0), RtpPacket.of(true, 96, 4242, 123456, 0, payload));
            UdpClient.Datagram d = UdpClient.receive(udp.rtp);
            assertEquals(serverRtp, d.sourcePort());
            RtpPacket got = RtpPacket.unmarshal(d.data());
            assertEquals(4242, got.sequenceNumber());
            assertEquals(123456, got.timestamp());
            assertEquals(ssrc(0, 96), got.ssrc());
            assertArrayEquals(payload, got.payload());
        }
    }

    @Test
    void packetSsrcIsReplacedByTheStreamSsrc() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            play(c);
            RtpPacket written = RtpPacket.of(false, 96, 5, 77, 0x1234_5678L, new byte[] {1, 2});
            stream.writePacketRtp(media(0), written);
            RtpPacket got = RtpPacket.unmarshal(c.frame().data());
            assertEquals(ssrc(0, 96), got.ssrc());
            assertNotEquals(0x1234_5678L, got.ssrc());
            assertEquals(written.withSsrc(got.ssrc()), got, "everything else as written");
        }
    }

    @Test
    void statsCountEveryReaderAPacketWasOfferedTo() throws Exception {
        start(false);
        try (TestRtspClient a = new TestRtspClient(server.rtspAddress());
             TestRtspClient b = new TestRtspClient(server.rtspAddress())) {
            play(a);
            play(b);
            ServerSession sa = handler.awaitSessionOpen();
            ServerSession sb = handler.awaitSessionOpen();
            // 12 header bytes and 4 of payload
            stream.writePacketRtp(media(0), packet(1, 0, new byte[] {1, 2, 3, 4}));
            StreamStats stats = stream.stats();
            assertEquals(32, stats.outboundBytes());
            assertEquals(2, stats.outboundRtpPackets());
            assertEquals(0, stats.outboundRtcpPackets());
            assertEquals(0, stats.outboundRtpPacketsDropped());
            assertEquals(32, stats.medias().get(media(0)).outboundBytes());
            assertEquals(2, stats.medias().get(media(0)).formats().get(96).outboundRtpPackets());
            assertEquals(0, stats.medias().get(media(1)).outboundBytes());
            assertEquals(16, a.frame().data().length);
            assertEquals(16, b.frame().data().length);
            assertEquals(1, sa.stats().outboundRtpPackets());
            assertEquals(1, sb.stats().outboundRtpPackets());
        }
    }

    @Test
    void ssrcsAreNonZeroAndUniquePerFormat() throws Exception {
        start(false);
        Media video = new Media(MediaType.VIDEO, null, false, null,
                List.of(TestServers.Formats.h264(96), TestServers.Formats.h264(98)));
        Media audio = new Media(MediaType.AUDIO, null, false, null,
                List.of(TestServers.Formats.aac(97), TestServers.Formats.aac(99)));
        ServerStream twoByTwo = server.createStream(new SessionDescription("two", List.of(video, audio)));
        handler.streams.put("/two", twoByTwo);

        Set<Long> ssrcs = new HashSet<>();
        for (StreamStats.MediaStats m : twoByTwo.stats().medias().values()) {
            for (Map.Entry<Integer, StreamStats.FormatStats> f : m.formats().entrySet()) {
                long ssrc = f.getValue().localSsrc();
                assertNotEquals(0, ssrc, "SSRC of payload type " + f.getKey());
                assertTrue(ssrcs.add(ssrc), "SSRC " + ssrc + " used twice");
            }
        }
        assertEquals(4, ssrcs.size());

        String two = TestServers.url(server, "/two");
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response s = c.request("SETUP", two + "/trackID=0", TCP);
            assertEquals(200, s.status());
            // One ssrc= cannot describe two formats.
            assertEquals("RTP/AVP/TCP;unicast;interleaved=0-1", s.header("Transport"));
            assertEquals(200, c.request("PLAY", two, "Session: " + s.sessionId()).status());
            Media m0 = twoByTwo.description().medias().get(0);
            twoByTwo.writePacketRtp(m0, RtpPacket.of(false, 96, 1, 0, 0, new byte[] {1}));
            twoByTwo.writePacketRtp(m0, RtpPacket.of(false, 98, 2, 0, 0, new byte[] {1}));
            RtpPacket first = RtpPacket.unmarshal(c.frame().data());
            RtpPacket second = RtpPacket.unmarshal(c.frame().data());
            assertEquals(twoByTwo.stats().medias().get(m0).formats().get(96).localSsrc(), first.ssrc());
            assertEquals(twoByTwo.stats().medias().get(m0).formats().get(98).localSsrc(), second.ssrc());
        }
    }
}
