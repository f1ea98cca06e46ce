package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtspServer;
import org.rtspkit.stream.RtspServers;

/** Limits answer clearly, with the limit named, instead of failing in some other way. */
class LimitsTest {
    @Test
    void connectionsOverTheLimitGet503WithTheReason() throws Exception {
        try (RtspServer server = RtspServers.start(TestServers.config(false).maxConnections(1).build(),
                new TestServers.ServingHandler());
             RawRtspClient first = new RawRtspClient(server.rtspAddress())) {
            assertEquals(200, first.request("OPTIONS", "rtsp://127.0.0.1/x").status());
            try (RawRtspClient second = new RawRtspClient(server.rtspAddress())) {
                RawRtspClient.Response r = second.request("OPTIONS", "rtsp://127.0.0.1/x");
                assertEquals(503, r.status());
                assertTrue(r.bodyText().contains("maxConnections"), r.bodyText());
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
            try (RawRtspClient a = new RawRtspClient(server.rtspAddress());
                 RawRtspClient b = new RawRtspClient(server.rtspAddress())) {
                assertEquals(200, a.request("SETUP", url, "Transport: RTP/AVP/TCP;unicast").status());
                RawRtspClient.Response r = b.request("SETUP", url, "Transport: RTP/AVP/TCP;unicast");
                assertEquals(503, r.status());
                assertTrue(r.bodyText().contains("maxSessions"), r.bodyText());
            }
        }
    }

    @Test
    void aRequestSentByteByByteIsCutOffAfterTheReadTimeout() throws Exception {
        try (RtspServer server = RtspServers.start(TestServers.config(false).readTimeout(java.time.Duration.ofMillis(800))
                .checkStreamPeriod(java.time.Duration.ofMillis(100)).build(), new TestServers.ServingHandler());
             RawRtspClient c = new RawRtspClient(server.rtspAddress())) {
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
}
