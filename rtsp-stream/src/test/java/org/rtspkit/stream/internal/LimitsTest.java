package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtspServer;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/** Limits answer clearly, with the limit named, instead of failing in some other way. */
class LimitsTest {
    @Test
    void connectionsOverTheLimitGet503WithTheReason() throws Exception {
        try (RtspServer server = RtspServers.start(TestServers.config(false).maxConnections(1).build(),
                new TestServers.ServingHandler());
             TestRtspClient first = new TestRtspClient(server.rtspAddress())) {
            assertEquals(200, first.request("OPTIONS", "rtsp://127.0.0.1/x").status());
            try (TestRtspClient second = new TestRtspClient(server.rtspAddress())) {
                TestRtspClient.Response r = second.request("OPTIONS", "rtsp://127.0.0.1/x");
                assertEquals(503, r.status());
                assertTrue(r.body().contains("maxConnections"), r.body());
                assertTrue(second.closedByServer());
            }
            // The first connection is untouched.
            assertEquals(200, first.request("OPTIONS", "rtsp://127.0.0.1/x").status());
        }
    }

    @Test
    void sessionsOverTheLimitGet503WithTheReason() throws Exception {
        TestServers.ServingHandler handler = new TestServers.ServingHandler();
        try (RtspServer server = RtspServers.start(TestServers.config(false).maxSessions(1).build(), handler)) {
            handler.streams.put("/s", server.createStream(TestServers.videoAndAudio()));
            String url = "rtsp://127.0.0.1:" + server.rtspAddress().getPort() + "/s/trackID=0";
            try (TestRtspClient a = new TestRtspClient(server.rtspAddress());
                 TestRtspClient b = new TestRtspClient(server.rtspAddress())) {
                assertEquals(200, a.request("SETUP", url, "Transport: RTP/AVP/TCP;unicast").status());
                TestRtspClient.Response r = b.request("SETUP", url, "Transport: RTP/AVP/TCP;unicast");
                assertEquals(503, r.status());
                assertTrue(r.body().contains("maxSessions"), r.body());
            }
        }
    }

    @Test
    void aRequestSentByteByByteIsCutOffAfterTheReadTimeout() throws Exception {
        try (RtspServer server = RtspServers.start(TestServers.config(false).readTimeout(java.time.Duration.ofMillis(800))
                .checkStreamPeriod(java.time.Duration.ofMillis(100)).build(), new TestServers.ServingHandler());
             TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            byte[] request = "OPTIONS rtsp://127.0.0.1/x RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: slow\r\n".getBytes();
            long start = System.nanoTime();
            boolean cut = false;
            // Bounded: one byte every 50 ms for at most the length of the request (about 3 s).
            for (int i = 0; i < request.length && !cut; i++) {
                try {
                    c.writeRaw(new byte[] {request[i]});
                } catch (java.io.IOException e) {
                    cut = true;
                }
                Thread.sleep(50);
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            c.setTimeout(2000);
            assertTrue(cut || c.closedByServer(), "a trickling request must be cut off");
            assertTrue(elapsedMillis >= 700, "not before the read timeout: " + elapsedMillis + " ms");
        }
    }

    @Test
    void aRefusedConnectionLeavesItsSlotToTheNextClient() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        try (RtspServer server = RtspServers.start(TestServers.config(false).maxConnections(1).build(), handler)) {
            try (TestRtspClient first = new TestRtspClient(server.rtspAddress());
                 TestRtspClient refused = new TestRtspClient(server.rtspAddress())) {
                assertEquals(200, first.request("OPTIONS", "rtsp://127.0.0.1/x").status());
                assertEquals(503, refused.request("OPTIONS", "rtsp://127.0.0.1/x").status());
                assertTrue(refused.closedByServer());
            }
            // Once both connections are reported closed, the server counts neither.
            handler.awaitConnectionClose();
            handler.awaitConnectionClose();
            try (TestRtspClient next = new TestRtspClient(server.rtspAddress())) {
                assertEquals(200, next.request("OPTIONS", "rtsp://127.0.0.1/x").status());
            }
        }
    }

    /** A complete head whose body trickles in is cut off like a trickling head. */
    @Test
    void aBodySentByteByByteIsCutOffAfterTheReadTimeout() throws Exception {
        try (RtspServer server = RtspServers.start(TestServers.config(false).readTimeout(java.time.Duration.ofMillis(800))
                .checkStreamPeriod(java.time.Duration.ofMillis(100)).build(), new TestServers.ServingHandler());
             TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            c.writeText("ANNOUNCE rtsp://127.0.0.1/pub RTSP/1.0\r\nCSeq: 1\r\nContent-Type: application/sdp\r\n"
                    + "Content-Length: 1000\r\n\r\n");
            assertTrue(trickle(c, 60) >= 700, "not before the read timeout");
        }
    }

    /**
     * Sends one byte ('x', which starts nothing and continues anything) every 50 ms, at most
     * {@code maxBytes}, until the server closes the connection; fails if it is still open after the
     * last byte. Returns the milliseconds the connection lasted.
     */
    private static long trickle(TestRtspClient c, int maxBytes) throws Exception {
        long start = System.nanoTime();
        c.setTimeout(1);
        for (int i = 0; i < maxBytes; i++) {
            try {
                c.writeRaw(new byte[] {'x'});
            } catch (java.io.IOException e) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(50);
            if (c.closedByServer()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
        }
        throw new AssertionError("a trickling client must be cut off: still open after "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /**
     * Bytes that never form a request (each is skipped as junk) must not keep a connection open:
     * like a silent one, it is closed once the idle timeout passes without a request.
     */
    @Test
    void junkSentByteByByteIsCutOffAfterTheIdleTimeout() throws Exception {
        try (RtspServer server = RtspServers.start(TestServers.config(false).idleTimeout(java.time.Duration.ofMillis(800))
                .checkStreamPeriod(java.time.Duration.ofMillis(100)).build(), new TestServers.ServingHandler());
             TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertTrue(trickle(c, 60) >= 700, "not before the idle timeout");
        }
    }

    /**
     * Before PLAY an interleaved frame is an error once complete; one that trickles in must not keep
     * the connection open either.
     */
    @Test
    void aFrameSentByteByByteBeforePlayIsCutOffAfterTheReadTimeout() throws Exception {
        try (RtspServer server = RtspServers.start(TestServers.config(false).readTimeout(java.time.Duration.ofMillis(800))
                .idleTimeout(java.time.Duration.ofMillis(800)).checkStreamPeriod(java.time.Duration.ofMillis(100)).build(),
                new TestServers.ServingHandler());
             TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            c.writeRaw(new byte[] {'$', 0, (byte) 0xff, (byte) 0xff});
            assertTrue(trickle(c, 60) >= 700, "not before the timeout");
        }
    }
}
