package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.protocol.rtsp.RtspUrl;
import org.rtspkit.testkit.TestRtspClient;

/** SETUP of readers: URL shapes (REFERENCE §3.10), the check order of §3.5 and interleaved ids (§5.3). */
class SetupTest {
    private static final String TCP = "Transport: RTP/AVP/TCP;unicast";

    private RtspServer server;
    private ServerStream stream;
    /** Serves the one stream whatever the path; Mockito remembers what each SETUP was given. */
    private RecordingHandler handler;

    private void start(boolean udp) throws Exception {
        handler = spy(new RecordingHandler());
        server = RtspServers.start(TestServers.config(udp).senderReports(false).build(), handler);
        stream = server.createStream(TestServers.videoAndAudio());
        doReturn(StreamResponse.ok(stream)).when(handler).onSetup(any());
    }

    /** What the SETUP handler was given; the response has arrived, so it has been called. */
    private SetupContext setupContext() {
        ArgumentCaptor<SetupContext> context = ArgumentCaptor.forClass(SetupContext.class);
        verify(handler).onSetup(context.capture());
        return context.getValue();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String url(String rest) {
        return TestServers.url(server, rest);
    }

    private String base() {
        return url("/teststream");
    }

    private String ssrcHex(int mediaIndex) {
        long ssrc = stream.stats().medias().get(stream.description().medias().get(mediaIndex)).formats().values()
                .iterator().next().localSsrc();
        return String.format("%08X", ssrc);
    }

    /** Sends a SETUP that must fail with 400, closing the connection with {@code message}. */
    private void assertRefused(TestRtspClient c, String setupUrl, String message, String... headers) throws Exception {
        TestRtspClient.Response r = c.request("SETUP", setupUrl, headers);
        assertEquals(400, r.status(), () -> "SETUP " + setupUrl);
        assertNull(r.header("Session"));
        assertTrue(c.closedByServer());
        assertEquals(message, handler.awaitConnectionClose().message());
    }

    // ---- URL shapes

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "/teststream/trackID=0                 | /teststream  |             | 0",
        "/teststream/trackID=1                 | /teststream  |             | 1",
        "/teststream?param=value/trackID=1     | /teststream  | param=value | 1",
        "/teststream/trackID=1?param=value     | /teststream  | param=value | 1",
        "/teststream/                          | /teststream  |             | 0",
        "/teststream?param=value/              | /teststream  | param=value | 0",
        "/test/stream/trackID=1                | /test/stream |             | 1",
        "/test/stream?a=1&b=2/trackID=0        | /test/stream | a=1&b=2     | 0",
        "/test/stream/trackID=0?a=1&b=2        | /test/stream | a=1&b=2     | 0",
        "/                                     | /            |             | 0",
        "/trackID=1                            | \"\"         |             | 1",
        "?param=value/trackID=1                | \"\"         | param=value | 1",
        "\"\"                                  | \"\"         |             | 0",
    })
    void acceptedReaderUrlShapes(String rest, String path, String query, int media) throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response r = c.request("SETUP", url(rest), TCP);
            assertEquals(200, r.status(), () -> "SETUP " + url(rest));
            assertEquals("RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=" + ssrcHex(media), r.header("Transport"));
            SetupContext ctx = setupContext();
            assertEquals(path, ctx.path());
            assertEquals(query == null ? "" : query, ctx.query());
            assertEquals(TransportProtocol.TCP, ctx.transport().protocol());
            assertEquals(path, ctx.session().path());
            assertEquals(List.of(stream.description().medias().get(media)), ctx.session().setupMedias());
        }
    }

    @Test
    void pathWithoutTrackIdOrTrailingSlashIsRefused() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, base(), RtspUrl.INVALID_SETUP_PATH, TCP);
        }
        assertEquals("invalid SETUP path. This typically happens when VLC fails a request, and then switches to an "
                + "unsupported RTSP dialect", RtspUrl.INVALID_SETUP_PATH);
    }

    @Test
    void trackIdOutOfRangeIsMediaNotFound() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, base() + "/trackID=2", "media not found", TCP);
        }
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, base() + "/trackID=x", "media not found", TCP);
        }
    }

    @Test
    void sameMediaTwiceIsRefused() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            assertRefused(c, base() + "/trackID=0", "media has already been setup", TCP, "Session: " + session);
        }
    }

    @Test
    void differentPathsInOneSessionAreRefused() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            assertRefused(c, url("/other/trackID=1"), "can't setup medias with different paths", TCP,
                    "Session: " + session);
        }
    }

    @Test
    void mixedTransportsAreRefused() throws Exception {
        start(true);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            assertRefused(c, base() + "/trackID=1", "can't setup medias with different transports",
                    "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort(), "Session: " + session);
        }
    }

    @Test
    void recordModeIsRefusedForAReader() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, base() + "/trackID=0", "transport header contains a invalid mode (record)",
                    TCP + ";mode=record");
        }
    }

    @Test
    void playModeIsAcceptedAndNotEchoed() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response r = c.request("SETUP", base() + "/trackID=0", TCP + ";mode=play");
            assertEquals(200, r.status());
            assertEquals("RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=" + ssrcHex(0), r.header("Transport"));
        }
    }

    // ---- interleaved ids

    @Test
    void oddInterleavedPairIsAcceptedAndEchoed() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response r = c.request("SETUP", base() + "/trackID=0", TCP + ";interleaved=5-6");
            assertEquals(200, r.status());
            assertEquals("RTP/AVP/TCP;unicast;interleaved=5-6;ssrc=" + ssrcHex(0), r.header("Transport"));
        }
    }

    @Test
    void nonConsecutiveInterleavedIdsAreRefused() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, base() + "/trackID=0", "invalid interleaved IDs", TCP + ";interleaved=3-5");
        }
    }

    @Test
    void overlappingInterleavedIdsAreRefused() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP + ";interleaved=0-1").sessionId();
            assertRefused(c, base() + "/trackID=1", "interleaved IDs are in use", TCP + ";interleaved=1-2",
                    "Session: " + session);
        }
    }

    @Test
    void serverPicksTheLowestFreeEvenPair() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String session = c.request("SETUP", base() + "/trackID=0", TCP + ";interleaved=1-2").sessionId();
            TestRtspClient.Response r = c.request("SETUP", base() + "/trackID=1", TCP, "Session: " + session);
            assertEquals(200, r.status());
            assertEquals("RTP/AVP/TCP;unicast;interleaved=4-5;ssrc=" + ssrcHex(1), r.header("Transport"));
        }
    }

    // ---- transport choice

    @Test
    void udpOfferToATcpOnlyServerIsUnsupportedAndKeepsTheConnection() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response r = c.request("SETUP", base() + "/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=35466-35467");
            assertEquals(461, r.status());
            assertNull(r.header("Transport"));
            assertEquals(200, c.request("OPTIONS", base()).status());
        }
        // The handler is not asked about an unsupported transport.
        verify(handler, never()).onSetup(any());
    }

    @Test
    void firstSupportedTransportOfTheOfferIsChosen() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response r = c.request("SETUP", base() + "/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=35466-35467,RTP/AVP/TCP;unicast");
            assertEquals(200, r.status());
            assertEquals("RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=" + ssrcHex(0), r.header("Transport"));
        }
    }

    @Test
    void udpWithoutClientPortsIsRefused() throws Exception {
        start(true);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, base() + "/trackID=0", "transport header does not contain client ports",
                    "Transport: RTP/AVP;unicast");
        }
    }

    @Test
    void udpReplyEchoesClientPortsAndGivesServerPorts() throws Exception {
        start(true);
        int rtp = server.config().udpRtpAddress().getPort();
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            TestRtspClient.Response r = c.request("SETUP", base() + "/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort());
            assertEquals(200, r.status());
            assertEquals("RTP/AVP;unicast;client_port=" + udp.clientPort() + ";server_port=" + rtp + "-" + (rtp + 1)
                    + ";ssrc=" + ssrcHex(0), r.header("Transport"));
            assertEquals(TransportProtocol.UDP,
                    setupContext().transport().protocol());
        }
    }

    @Test
    void ffmpegUdpSpellingIsAccepted() throws Exception {
        start(true);
        int rtp = server.config().udpRtpAddress().getPort();
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress()); UdpClient udp = new UdpClient()) {
            TestRtspClient.Response r = c.request("SETUP", base() + "/trackID=1",
                    "Transport: RTP/AVP/UDP;unicast;client_port=" + udp.clientPort());
            assertEquals(200, r.status());
            assertEquals("RTP/AVP;unicast;client_port=" + udp.clientPort() + ";server_port=" + rtp + "-" + (rtp + 1)
                    + ";ssrc=" + ssrcHex(1), r.header("Transport"));
        }
    }

    @Test
    void udpPortsOfAnotherReaderFromTheSameAddressAreRefused() throws Exception {
        start(true);
        try (TestRtspClient first = new TestRtspClient(server.rtspAddress());
             TestRtspClient second = new TestRtspClient(server.rtspAddress());
             UdpClient udp = new UdpClient()) {
            String transport = "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort();
            assertEquals(200, first.request("SETUP", base() + "/trackID=0", transport).status());
            assertRefused(second, base() + "/trackID=0", "UDP ports " + udp.rtpPort() + " and " + udp.rtcpPort()
                    + " are already assigned to another reader with the same IP", transport);
        }
    }

    @Test
    void missingTransportHeaderIsRefused() throws Exception {
        start(false);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, base() + "/trackID=0", "invalid transport header: value not provided");
        }
    }

    @Test
    void setupOnAClosedStreamIsRefused() throws Exception {
        start(false);
        stream.close();
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertRefused(c, base() + "/trackID=0", "stream is closed", TCP);
        }
    }
}
