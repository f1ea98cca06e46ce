package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.ReceiverReport;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionState;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/** How sessions end (REFERENCE §4): with their connection, by timeout, by the application, with the server. */
class SessionLifecycleTest {
    private RtspServer server;
    private ServerStream stream;
    private RecordingHandler handler;

    private void start(ServerConfig.Builder config) throws Exception {
        handler = new RecordingHandler();
        server = RtspServers.start(config.senderReports(false).build(), handler);
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

    private String playUdp(TestRtspClient c, UdpClient udp) throws Exception {
        TestRtspClient.Response s = c.request("SETUP", base() + "/trackID=0",
                "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort());
        assertEquals(200, s.status());
        assertEquals(200, c.request("PLAY", base(), "Session: " + s.sessionId()).status());
        return s.sessionId();
    }

    private String playTcp(TestRtspClient c) throws Exception {
        String session = c.request("SETUP", base() + "/trackID=0", "Transport: RTP/AVP/TCP;unicast").sessionId();
        assertEquals(200, c.request("PLAY", base(), "Session: " + session).status());
        return session;
    }

    @Test
    void tcpReaderEndsWithItsConnection() throws Exception {
        start(TestServers.config(false));
        String session;
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            session = playTcp(c);
        }
        RecordingHandler.SessionClosed closed = handler.awaitSessionClose();
        assertEquals(session, closed.session().id());
        assertEquals("not in use", closed.message());
        // The reader has left the stream before the application hears of the end.
        stream.writePacketRtp(stream.description().medias().get(0), RtpPacket.of(false, 96, 1, 0, 0, new byte[] {1}));
        assertEquals(0, stream.stats().outboundRtpPackets());
    }

    @Test
    void sessionThatNeverPlayedEndsWithItsConnection() throws Exception {
        start(TestServers.config(true));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            c.request("SETUP", base() + "/trackID=0", "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort());
        }
        assertEquals("not in use", handler.awaitSessionClose().message());
    }

    @Test
    void udpReaderSurvivesItsConnectionAndCanBeDrivenFromAnother() throws Exception {
        start(TestServers.config(true));
        try (UdpClient udp = new UdpClient()) {
            String session;
            try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
                session = playUdp(c, udp);
            }
            // The connection's end is noticed, the session stays.
            assertNull(handler.awaitConnectionClose().error());
            assertTrue(handler.sessionCloses.isEmpty());

            try (TestRtspClient again = new TestRtspClient(server.rtspAddress())) {
                TestRtspClient.Response r = again.request("GET_PARAMETER", base(), "Session: " + session);
                assertEquals(200, r.status());
                assertEquals(session + ";timeout=55", r.header("Session"));
            }
            stream.writePacketRtp(stream.description().medias().get(0), RtpPacket.of(false, 96, 77, 0, 0, new byte[] {1}));
            assertEquals(77, RtpPacket.unmarshal(UdpClient.receive(udp.rtp).data()).sequenceNumber());
        }
    }

    @Test
    void silentUdpReaderTimesOut() throws Exception {
        start(TestServers.config(true).idleTimeout(Duration.ofSeconds(2)).checkStreamPeriod(Duration.ofMillis(100)));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            String session = playUdp(c, udp);
            long played = System.nanoTime();
            RecordingHandler.SessionClosed closed = handler.sessionCloses.poll(5, TimeUnit.SECONDS);
            long waited = (System.nanoTime() - played) / 1_000_000;
            assertTrue(closed != null, "the session timed out");
            assertEquals(session, closed.session().id());
            assertEquals("session timed out", closed.message());
            assertTrue(waited >= 1800, "closed after " + waited + " ms, before the idle timeout");
        }
    }

    @Test
    void rtcpFromTheReaderKeepsItAlive() throws Exception {
        start(TestServers.config(true).idleTimeout(Duration.ofSeconds(2)).checkStreamPeriod(Duration.ofMillis(100)));
        int serverRtcp = server.config().udpRtcpAddress().getPort();
        byte[] report = new ReceiverReport(0x1234, List.of()).marshal();
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            String session = playUdp(c, udp);
            long until = System.nanoTime() + Duration.ofMillis(3000).toNanos();
            while (System.nanoTime() < until) {
                UdpClient.send(udp.rtcp, report, serverRtcp);
                Thread.sleep(250);
            }
            assertTrue(handler.sessionCloses.isEmpty(), "receiver reports keep the session past the idle timeout");
            // Silence now ends it.
            RecordingHandler.SessionClosed closed = handler.awaitSessionClose();
            assertEquals(session, closed.session().id());
            assertEquals("session timed out", closed.message());
        }
    }

    @Test
    void teardownEndsTheSessionNamingWhoTookItDown() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = playTcp(c);
            TestRtspClient.Response r = c.request("TEARDOWN", base(), "Session: " + session);
            assertEquals(200, r.status());
            assertNull(r.header("Session"));
            RecordingHandler.SessionClosed closed = handler.awaitSessionClose();
            assertEquals(session, closed.session().id());
            assertEquals("torn down by 127.0.0.1:" + c.socket().getLocalPort(), closed.message());
            assertEquals(200, c.request("OPTIONS", base()).status(), "the connection stays");
        }
    }

    @Test
    void sessionTimeoutIsTheIdleTimeoutLessFiveSeconds() throws Exception {
        start(TestServers.config(false).idleTimeout(Duration.ofSeconds(20)));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response r = c.request("SETUP", base() + "/trackID=0", "Transport: RTP/AVP/TCP;unicast");
            assertEquals(r.sessionId() + ";timeout=15", r.header("Session"));
        }
    }

    @Test
    void closingASessionClosesItsConnection() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            playTcp(c);
            ServerSession session = handler.awaitSessionOpen();
            assertEquals(SessionState.PLAY, session.state());
            session.close();
            session.close();
            assertTrue(c.closedByServer());
            assertEquals(session, handler.awaitSessionClose().session());
        }
    }

    @Test
    void closingTheServerReleasesEveryPort() throws Exception {
        start(TestServers.config(true));
        InetSocketAddress rtsp = server.rtspAddress();
        InetSocketAddress rtp = server.config().udpRtpAddress();
        InetSocketAddress rtcp = server.config().udpRtcpAddress();
        try (TestRtspClient c = new TestRtspClient(rtsp); UdpClient udp = new UdpClient()) {
            playUdp(c, udp);
            server.close();
            assertTrue(c.closedByServer());
        }
        RtspServer again = RtspServers.start(ServerConfig.builder().rtspAddress(rtsp).udpAddresses(rtp, rtcp)
                .ioThreads(1).build(), new TestServers.ServingHandler());
        try {
            assertEquals(rtsp, again.rtspAddress());
        } finally {
            again.close();
        }
        // Released again by the second server.
        try (ServerSocket s = new ServerSocket(); DatagramSocket a = new DatagramSocket(rtp);
             DatagramSocket b = new DatagramSocket(rtcp)) {
            s.setReuseAddress(true);
            s.bind(rtsp);
        }
    }
}
