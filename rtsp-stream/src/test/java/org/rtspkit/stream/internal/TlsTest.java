package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerStream;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/** RTSPS: the same conversation inside TLS, with a certificate made for the test by the JDK's keytool. */
class TlsTest {
    @TempDir
    static Path dir;
    private static SSLContext serverContext;

    private RtspServer server;
    private ServerStream stream;

    @BeforeAll
    static void certificate() throws Exception {
        serverContext = TestTls.serverContext(dir);
    }

    @BeforeEach
    void start() throws Exception {
        TestServers.ServingHandler handler = new TestServers.ServingHandler();
        server = RtspServers.start(TestServers.config(true).tlsContext(serverContext).build(), handler);
        stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestRtspClient client() throws Exception {
        return TestTls.client(server.rtspAddress());
    }

    private String base() {
        return "rtsps://127.0.0.1:" + server.rtspAddress().getPort() + "/teststream";
    }

    @Test
    void playsOverTcpInsideTls() throws Exception {
        try (TestRtspClient c = client()) {
            TestRtspClient.Response d = c.request("DESCRIBE", base());
            assertEquals(200, d.status());
            assertTrue(d.body().contains("m=video"), d.body());
            String session = c.request("SETUP", base() + "/trackID=0", "Transport: RTP/AVP/TCP;unicast").sessionId();
            assertEquals(200, c.request("PLAY", base() + "/", "Session: " + session).status());
            // Several packets, some larger than one TLS record fragment would be if batched badly.
            for (int i = 0; i < 50; i++) {
                byte[] payload = new byte[1000 + i];
                payload[0] = (byte) i;
                stream.writePacketRtp(stream.description().medias().get(0), RtpPacket.of(false, 96, i, 90000L * i, 0, payload));
            }
            for (int i = 0; i < 50; i++) {
                TestRtspClient.Frame f = c.frame();
                if (f.channel() == 1) {
                    i--; // a sender report, after the first IDR (payload byte 5)
                    continue;
                }
                RtpPacket got = RtpPacket.unmarshal(f.data());
                assertEquals(i, got.sequenceNumber());
                assertEquals(1000 + i, got.payload().length);
                assertArrayEquals(new byte[] {(byte) i}, new byte[] {got.payload()[0]});
            }
        }
    }

    @Test
    void plainUdpIsRefusedOverTls() throws Exception {
        try (TestRtspClient c = client()) {
            TestRtspClient.Response r = c.request("SETUP", base() + "/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=5000-5001");
            assertEquals(461, r.status());
            assertEquals(200, c.request("OPTIONS", base()).status());
        }
    }

    @Test
    void aPlainClientGetsNoRtspAnswer() throws Exception {
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            c.writeRaw("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes());
            assertTrue(c.closedByServer());
        }
    }
}
