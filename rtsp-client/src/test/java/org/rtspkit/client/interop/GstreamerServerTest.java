package org.rtspkit.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.client.ClientConfig;
import org.rtspkit.client.RtspClient;
import org.rtspkit.client.RtspRefusedException;
import org.rtspkit.client.TransportMode;

/**
 * The client reads from GStreamer's RTSP server (gst-rtsp-server, driven from Python) with Digest
 * authentication, over UDP, TCP and AUTO; what arrives is checked packet by packet and decoded by FFmpeg.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GstreamerServerTest {
    static final Path SCRIPT = Path.of("src/test/resources/gst-rtsp-server.py").toAbsolutePath();

    @TempDir
    static Path dir;
    private static Tools.Background server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Tools.requireGstRtspServer();
        Tools.require("ffmpeg", "ffmpeg");
        port = Tools.freeTcpPort();
        server = new Tools.Background(List.of(Tools.PYTHON, SCRIPT.toString(), "--port", Integer.toString(port),
                "--user", "reader", "--pass", "s3cret"), null);
        server.awaitLine("^ready$", 30);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private String url(String credentials) {
        return "rtsp://" + credentials + "127.0.0.1:" + port + "/test";
    }

    private void readAndDecode(TransportMode mode, TransportProtocol expected) throws Exception {
        Collector c = new Collector();
        ClientConfig config = ClientConfig.builder().transport(mode).build();
        try (RtspClient client = RtspClient.connect(url("reader:s3cret@"), config, c)) {
            assertEquals(1, client.describe().medias().size());
            client.setupAll();
            client.play();
            assertEquals(expected, client.transport());
            assertTrue(c.firstPacket.await(10, TimeUnit.SECONDS), "no packet over " + mode);
            Thread.sleep(3000);
            assertEquals(0, client.stats().rtpPacketsLost(), "lost on loopback");
        }
        assertTrue(c.packets.get() > 100, c.packets + " packets over " + mode);
        assertEquals(List.of(), c.sequenceBreaks, "sequence numbers over " + mode);
        long frames = Tools.decodedFrames(c.writeH264(dir, mode + ".264"));
        assertTrue(frames >= 40, "FFmpeg decoded " + frames + " pictures of " + c.accessUnits() + " received over " + mode);
        System.out.println("interop: read GStreamer rtsp-server, Digest, " + mode + ": " + c.packets + " packets, 0 lost, "
                + c.accessUnits() + " pictures, " + frames + " decoded by FFmpeg");
    }

    @Test
    void readsOverUdpWithDigest() throws Exception {
        readAndDecode(TransportMode.UDP, TransportProtocol.UDP);
    }

    @Test
    void readsOverTcpWithDigest() throws Exception {
        readAndDecode(TransportMode.TCP, TransportProtocol.TCP);
    }

    @Test
    void autoReadsOverUdpWhenUdpWorks() throws Exception {
        readAndDecode(TransportMode.AUTO, TransportProtocol.UDP);
    }

    @Test
    void wrongCredentialsAreRefused() {
        RtspRefusedException e = assertThrows(RtspRefusedException.class, () -> {
            try (RtspClient client = RtspClient.connect(url("reader:wrong@"), ClientConfig.defaults(), new Collector())) {
                client.describe();
            }
        });
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("refused the credentials of user 'reader'"), e.getMessage());
        assertTrue(!e.getMessage().contains("wrong"), "the password must not appear: " + e.getMessage());
    }

    @Test
    void missingCredentialsAreRefusedWithAHint() {
        RtspRefusedException e = assertThrows(RtspRefusedException.class, () -> {
            try (RtspClient client = RtspClient.connect(url(""), ClientConfig.defaults(), new Collector())) {
                client.describe();
            }
        });
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("put them in the URL"), e.getMessage());
    }

    @Test
    void unknownPathIsRefused() {
        RtspRefusedException e = assertThrows(RtspRefusedException.class, () -> {
            try (RtspClient client = RtspClient.connect("rtsp://reader:s3cret@127.0.0.1:" + port + "/nothing",
                    ClientConfig.builder().readTimeout(Duration.ofSeconds(5)).build(), new Collector())) {
                client.describe();
            }
        });
        assertEquals(404, e.status(), e.getMessage());
    }
}
