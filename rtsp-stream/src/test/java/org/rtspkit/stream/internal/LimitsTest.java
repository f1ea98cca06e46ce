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
}
