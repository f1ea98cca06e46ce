package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerStream;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/** Connection-level rules (REFERENCE §2) and request dispatch with and without sessions (§3.2). */
class ConnectionRulesTest {
    private static final String TCP = "Transport: RTP/AVP/TCP;unicast";

    private RtspServer server;
    private ServerStream stream;
    private RecordingHandler handler;

    @BeforeEach
    void start() throws Exception {
        handler = new RecordingHandler();
        server = RtspServers.start(TestServers.config(false).senderReports(false).build(), handler);
        stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String base() {
        return TestServers.url(server, "/teststream");
    }

    private TestRtspClient client() throws IOException {
        return new TestRtspClient(server.rtspAddress());
    }

    private String setupTcp(TestRtspClient c) throws IOException {
        TestRtspClient.Response r = c.request("SETUP", base() + "/trackID=0", TCP);
        assertEquals(200, r.status());
        return r.sessionId();
    }

    // ---- CSeq

    @Test
    void missingCSeqIsRefusedWithoutCSeqAndCloses() throws Exception {
        try (TestRtspClient c = client()) {
            c.writeText("OPTIONS " + base() + " RTSP/1.0\r\n\r\n");
            TestRtspClient.Response r = c.readResponse();
            assertEquals(400, r.status());
            assertNull(r.header("CSeq"));
            assertEquals("rtspkit", r.header("Server"));
            assertTrue(c.closedByServer());
        }
        assertEquals("CSeq is missing", handler.awaitConnectionClose().message());
    }

    @Test
    void repeatedCSeqIsRefusedWithoutCSeqAndCloses() throws Exception {
        try (TestRtspClient c = client()) {
            c.writeText("OPTIONS " + base() + " RTSP/1.0\r\nCSeq: 1\r\nCSeq: 2\r\n\r\n");
            TestRtspClient.Response r = c.readResponse();
            assertEquals(400, r.status());
            assertNull(r.header("CSeq"));
            assertTrue(c.closedByServer());
        }
        assertEquals("CSeq is missing", handler.awaitConnectionClose().message());
    }

    @Test
    void cseqIsCopiedVerbatim() throws Exception {
        try (TestRtspClient c = client()) {
            c.writeText("OPTIONS " + base() + " RTSP/1.0\r\nCSeq: 0042\r\n\r\n");
            TestRtspClient.Response r = c.readResponse();
            assertEquals(200, r.status());
            assertEquals("0042", r.header("CSeq"));
        }
    }

    // ---- request URL

    @Test
    void requestWithoutUrlIsRefusedAndCloses() throws Exception {
        try (TestRtspClient c = client()) {
            c.writeText("DESCRIBE * RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            TestRtspClient.Response r = c.readResponse();
            assertEquals(400, r.status());
            assertEquals("1", r.header("CSeq"));
            assertTrue(c.closedByServer());
        }
        assertEquals("invalid path", handler.awaitConnectionClose().message());
    }

    @Test
    void optionsWithoutUrlIsAnswered() throws Exception {
        try (TestRtspClient c = client()) {
            c.writeText("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            assertEquals(200, c.readResponse().status());
            assertEquals(200, c.request("OPTIONS", base()).status());
        }
    }

    /**
     * A URL whose scheme is not rtsp/rtsps makes the request line unreadable: like any parse error
     * (REFERENCE §2) the connection is closed without a response.
     */
    @Test
    void nonRtspUrlClosesTheConnection() throws Exception {
        try (TestRtspClient c = client()) {
            c.writeText("DESCRIBE http://127.0.0.1:" + server.rtspAddress().getPort() + "/teststream RTSP/1.0\r\n"
                    + "CSeq: 1\r\n\r\n");
            assertThrows(IOException.class, c::readResponse);
        }
        String message = handler.awaitConnectionClose().message();
        assertTrue(message.contains("unsupported scheme"), message);
    }

    // ---- methods, stray input

    @Test
    void unknownMethodIsNotImplementedAndKeepsTheConnection() throws Exception {
        try (TestRtspClient c = client()) {
            TestRtspClient.Response r = c.request("REDIRECT", base());
            assertEquals(501, r.status());
            assertEquals("1", r.header("CSeq"));
            assertEquals("rtspkit", r.header("Server"));
            assertEquals(200, c.request("OPTIONS", base()).status());
        }
    }

    @Test
    void responseFromTheClientClosesTheConnection() throws Exception {
        try (TestRtspClient c = client()) {
            c.writeText("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
            assertTrue(c.closedByServer());
        }
        assertEquals("received unexpected response", handler.awaitConnectionClose().message());
    }

    @Test
    void garbageBeforeARequestIsSkipped() throws Exception {
        try (TestRtspClient c = client()) {
            c.writeRaw(new byte[] {0, 1, (byte) 0xff, 'x', 'y', 'z', '\r', '\n', (byte) 0x80});
            TestRtspClient.Response r = c.request("OPTIONS", base());
            assertEquals(200, r.status());
            assertEquals("1", r.header("CSeq"));
        }
    }

    @Test
    void interleavedFrameBeforePlayClosesTheConnection() throws Exception {
        try (TestRtspClient c = client()) {
            setupTcp(c);
            c.send(0, RtpPacket.of(false, 96, 1, 0, 0, new byte[] {1, 2, 3}).marshal());
            assertTrue(c.closedByServer());
        }
        assertEquals("received unexpected interleaved frame", handler.awaitConnectionClose().message());
    }

    // ---- response format

    @Test
    void responseHeadersAreSortedAlphabetically() throws Exception {
        try (TestRtspClient c = client()) {
            c.writeText("DESCRIBE " + base() + " RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n");
            List<String> describe = headerNames(c.readRawHead());
            assertEquals(List.of("CSeq", "Content-Base", "Content-Length", "Content-Type", "Server"), describe);

            c.writeText("SETUP " + base() + "/trackID=0 RTSP/1.0\r\nCSeq: 2\r\n" + TCP + "\r\n\r\n");
            List<String> setup = headerNames(c.readRawHead());
            assertEquals(List.of("CSeq", "Server", "Session", "Transport"), setup);
        }
    }

    private static List<String> headerNames(List<String> head) {
        assertTrue(head.get(0).startsWith("RTSP/1.0 200 OK"), head.get(0));
        List<String> names = new ArrayList<>();
        for (String line : head.subList(1, head.size())) {
            names.add(line.substring(0, line.indexOf(':')));
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names, "headers in the order sent");
        return names;
    }

    @Test
    void contentBaseIsTheRequestUrlWithASlash() throws Exception {
        try (TestRtspClient c = client()) {
            TestRtspClient.Response r = c.request("DESCRIBE", base() + "?param=value");
            assertEquals(200, r.status());
            assertEquals(base() + "?param=value/", r.header("Content-Base"));
            assertEquals("application/sdp", r.header("Content-Type"));
        }
    }

    @Test
    void everyResponseNamesTheServer() throws Exception {
        try (TestRtspClient c = client()) {
            assertEquals("rtspkit", c.request("OPTIONS", base()).header("Server"));
            assertEquals("rtspkit", c.request("DESCRIBE", base()).header("Server"));
            assertEquals("rtspkit", c.request("DESCRIBE", TestServers.url(server, "/missing")).header("Server"));
            assertEquals("rtspkit", c.request("PLAY", base()).header("Server"));
        }
    }

    // ---- dispatch without and with sessions

    @Test
    void sessionMethodsWithoutSessionAreNotImplemented() throws Exception {
        try (TestRtspClient c = client()) {
            for (String method : List.of("PLAY", "RECORD", "PAUSE", "TEARDOWN")) {
                TestRtspClient.Response r = c.request(method, base());
                assertEquals(501, r.status(), method);
                assertNull(r.header("Session"), method);
            }
            assertEquals(200, c.request("OPTIONS", base()).status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAY", "RECORD", "PAUSE", "TEARDOWN", "GET_PARAMETER", "OPTIONS"})
    void unknownSessionIsNotFoundAndCloses(String method) throws Exception {
        try (TestRtspClient c = client()) {
            TestRtspClient.Response r = c.request(method, base(), "Session: ABC");
            assertEquals(454, r.status());
            assertEquals("rtspkit", r.header("Server"));
            assertTrue(c.closedByServer());
        }
        assertEquals("session not found", handler.awaitConnectionClose().message());
    }

    @Test
    void setupWithUnknownSessionCreatesANewOne() throws Exception {
        String unknown = "0123456789abcdef0123456789abcdef";
        try (TestRtspClient c = client()) {
            TestRtspClient.Response r = c.request("SETUP", base() + "/trackID=0", TCP, "Session: " + unknown);
            assertEquals(200, r.status());
            assertNotEquals(unknown, r.sessionId());
            assertTrue(r.sessionId().matches("[0-9a-f]{32}"), r.sessionId());
            assertEquals(r.sessionId(), handler.awaitSessionOpen().id());
        }
    }

    @Test
    void getParameterInASessionIsAKeepalive() throws Exception {
        try (TestRtspClient c = client()) {
            String session = setupTcp(c);
            TestRtspClient.Response r = c.request("GET_PARAMETER", base(), "Session: " + session);
            assertEquals(200, r.status());
            assertEquals("text/parameters", r.header("Content-Type"));
            assertEquals(0, r.bodyBytes().length);
            assertNull(r.header("Content-Length"));
            assertEquals(session + ";timeout=55", r.header("Session"));
            // Without a session and without a handler method there is nothing to answer.
            assertEquals(501, c.request("GET_PARAMETER", base()).status());
        }
    }

    @Test
    void optionsInASessionCarriesTheSession() throws Exception {
        try (TestRtspClient c = client()) {
            String session = setupTcp(c);
            TestRtspClient.Response r = c.request("OPTIONS", base(), "Session: " + session);
            assertEquals(200, r.status());
            assertEquals(session + ";timeout=55", r.header("Session"));
            assertTrue(r.header("Public").contains("GET_PARAMETER"), r.header("Public"));
        }
    }

    @Test
    void sessionPlayingOverTcpRefusesOtherConnections() throws Exception {
        try (TestRtspClient owner = client(); TestRtspClient other = client()) {
            String session = setupTcp(owner);
            assertEquals(200, owner.request("PLAY", base(), "Session: " + session).status());

            TestRtspClient.Response r = other.request("GET_PARAMETER", base(), "Session: " + session);
            assertEquals(400, r.status());
            assertTrue(other.closedByServer());
            assertEquals("session is linked to another connection", handler.awaitConnectionClose().message());

            // The session and its own connection carry on.
            stream.writePacketRtp(stream.description().medias().get(0), RtpPacket.of(false, 96, 7, 0, 0, new byte[] {1}));
            TestRtspClient.Frame f = owner.frame();
            assertEquals(0, f.channel());
            assertEquals(7, RtpPacket.unmarshal(f.data()).sequenceNumber());
        }
    }

    @Test
    void connectionBoundToOneSessionCannotUseAnother() throws Exception {
        try (TestRtspClient first = client(); TestRtspClient second = client()) {
            String a = setupTcp(first);
            String b = setupTcp(second);
            assertNotEquals(a, b);
            TestRtspClient.Response r = first.request("GET_PARAMETER", base(), "Session: " + b);
            assertEquals(400, r.status());
            assertTrue(first.closedByServer());
            assertEquals("connection is linked to another session", handler.awaitConnectionClose().message());
            // The other session is untouched.
            assertEquals(200, second.request("GET_PARAMETER", base(), "Session: " + b).status());
        }
    }

    @Test
    void sessionCannotBeUsedFromAnotherAddress() throws Exception {
        try (TestRtspClient owner = client();
             TestRtspClient stranger = new TestRtspClient(server.rtspAddress(), InetAddress.getByName("127.0.0.2"), 0)) {
            String session = setupTcp(owner);
            TestRtspClient.Response r = stranger.request("GET_PARAMETER", base(), "Session: " + session);
            assertEquals(400, r.status());
            assertTrue(stranger.closedByServer());
            assertEquals("cannot use a session created with a different IP", handler.awaitConnectionClose().message());
            assertEquals(200, owner.request("GET_PARAMETER", base(), "Session: " + session).status());
        }
    }


    /** An unreadable Session header is a bad request like any other (REFERENCE §3.2), not a server error. */
    @ParameterizedTest
    @ValueSource(strings = {";timeout=5", "abc;timeout=x"})
    void unreadableSessionHeaderIsABadRequest(String value) throws Exception {
        try (TestRtspClient c = client()) {
            TestRtspClient.Response r = c.request("GET_PARAMETER", base(), "Session: " + value);
            assertEquals(400, r.status());
            assertTrue(c.closedByServer());
        }
    }
}
