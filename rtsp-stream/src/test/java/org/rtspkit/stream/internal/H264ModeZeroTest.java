package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/**
 * H264 with packetization-mode=0 is refused wherever a description enters the server (REFERENCE §3.4,
 * §6.2): a publisher's ANNOUNCE, a new stream, and a stream's reloaded description.
 */
class H264ModeZeroTest {
    private static final String REFUSAL = "H264 packetization-mode=0 is not supported by the server";

    private RtspServer server;
    private RecordingHandler handler;

    @BeforeEach
    void start() throws Exception {
        handler = new RecordingHandler();
        server = RtspServers.start(TestServers.config(false).build(), handler);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static SessionDescription video(String packetizationMode) {
        return new SessionDescription("cam", List.of(new Media(MediaType.VIDEO, null, false, null,
                List.of(Format.fromSdp(96, "H264/90000", Map.of("packetization-mode", packetizationMode))))));
    }

    @Test
    void aNewStreamIsRefused() {
        RtspkitException e = assertThrows(RtspkitException.class, () -> server.createStream(video("0")));
        assertEquals(REFUSAL, e.getMessage());
    }

    @Test
    void aReloadedDescriptionIsRefusedAndTheServedOneStays() throws Exception {
        ServerStream stream = server.createStream(video("1"));
        handler.streams.put("/cam", stream);
        RtspkitException e = assertThrows(RtspkitException.class, () -> stream.reloadDescription(video("0")));
        assertEquals(REFUSAL, e.getMessage());
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response r = c.request("DESCRIBE", TestServers.url(server, "/cam"));
            assertEquals(200, r.status());
            assertTrue(r.body().contains("packetization-mode=1"), r.body());
        }
    }

    @Test
    void anAnnounceIsRefused() throws Exception {
        String sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=pub\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n"
                + "a=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=0\r\n";
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response r = c.requestWithBody("ANNOUNCE", TestServers.url(server, "/pub"), sdp,
                    "Content-Type: application/sdp");
            assertEquals(400, r.status());
            assertTrue(c.closedByServer());
            assertEquals(REFUSAL, handler.awaitConnectionClose().message());
        }
    }
}
