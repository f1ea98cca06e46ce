package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerStream;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/** A reader over TCP, step by step, as a raw RTSP conversation. */
class ReaderTcpTest {
    private RtspServer server;
    private ServerStream stream;
    private TestServers.ServingHandler handler;

    @BeforeEach
    void start() throws Exception {
        handler = new TestServers.ServingHandler();
        server = RtspServers.start(TestServers.config(false).build(), handler);
        stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String base() {
        return "rtsp://127.0.0.1:" + server.rtspAddress().getPort() + "/teststream";
    }

    @Test
    void optionsListsImplementedMethods() throws Exception {
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response r = c.request("OPTIONS", base());
            assertEquals(200, r.status());
            assertEquals("1", r.header("CSeq"));
            assertEquals("rtspkit", r.header("Server"));
            assertEquals("DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, GET_PARAMETER, TEARDOWN", r.header("Public"));
        }
    }

    @Test
    void describeSetupPlayDeliversPacketsAfterTheResponse() throws Exception {
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response d = c.request("DESCRIBE", base(), "Accept: application/sdp");
            assertEquals(200, d.status());
            assertEquals(base() + "/", d.header("Content-Base"));
            assertEquals("application/sdp", d.header("Content-Type"));
            assertTrue(d.body().contains("a=control:trackID=0"), d.body());
            assertTrue(d.body().contains("a=control:trackID=1"), d.body());

            TestRtspClient.Response s1 = c.request("SETUP", base() + "/trackID=0", "Transport: RTP/AVP/TCP;unicast");
            assertEquals(200, s1.status());
            String session = s1.sessionId();
            assertEquals(32, session.length());
            assertTrue(s1.header("Session").endsWith(";timeout=55"), s1.header("Session"));
            Matcher m = Pattern.compile("RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=([0-9A-F]{8})").matcher(s1.header("Transport"));
            assertTrue(m.matches(), s1.header("Transport"));
            long ssrc = Long.parseLong(m.group(1), 16);
            assertEquals(stream.stats().medias().get(stream.description().medias().get(0)).formats().get(96).localSsrc(), ssrc);

            TestRtspClient.Response s2 = c.request("SETUP", base() + "/trackID=1", "Transport: RTP/AVP/TCP;unicast",
                    "Session: " + session);
            assertEquals(200, s2.status());
            assertTrue(s2.header("Transport").startsWith("RTP/AVP/TCP;unicast;interleaved=2-3;ssrc="), s2.header("Transport"));

            TestRtspClient.Response p = c.request("PLAY", base() + "/", "Session: " + session);
            assertEquals(200, p.status());
            assertEquals("url=" + base() + "/trackID=0,url=" + base() + "/trackID=1", p.header("RTP-Info"));

            byte[] payload = {1, 2, 3, 4};
            stream.writePacketRtp(stream.description().medias().get(0), RtpPacket.of(true, 96, 1000, 90000, 0, payload));
            TestRtspClient.Frame f = c.frame();
            assertEquals(0, f.channel());
            RtpPacket got = RtpPacket.unmarshal(f.data());
            assertEquals(ssrc, got.ssrc());
            assertEquals(1000, got.sequenceNumber());
            assertArrayEquals(payload, got.payload());

            assertEquals(16, stream.stats().outboundBytes());
            assertEquals(1, stream.stats().outboundRtpPackets());
        }
    }

    @Test
    void teardownKeepsTheConnectionAndEndsTheSession() throws Exception {
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", "Transport: RTP/AVP/TCP;unicast").sessionId();
            TestRtspClient.Response t = c.request("TEARDOWN", base(), "Session: " + session);
            assertEquals(200, t.status());
            assertNull(t.header("Session"));
            assertEquals(200, c.request("OPTIONS", base()).status());
            TestRtspClient.Response again = c.request("PLAY", base(), "Session: " + session);
            assertEquals(454, again.status());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void streamCloseEndsItsReaders() throws Exception {
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", "Transport: RTP/AVP/TCP;unicast").sessionId();
            assertNotNull(session);
            assertEquals(200, c.request("PLAY", base(), "Session: " + session).status());
            stream.close();
            assertTrue(c.closedByServer());
        }
    }
}
