package org.rtspkit.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.client.ClientConfig;
import org.rtspkit.client.RtspClient;
import org.rtspkit.client.TransportMode;

/**
 * The client reads an H.264 file from live555MediaServer (Debian sid's build, fetched by
 * scripts/fetch-live555) over UDP and TCP; what arrives is decoded by FFmpeg.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Live555ServerTest {
    @TempDir
    static Path dir;
    private static Tools.Background server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Path live555 = Tools.live555();
        Tools.h264File(dir, "test.264", 250);
        server = new Tools.Background(List.of(live555.toString(), "live555MediaServer"), dir);
        String line = server.awaitLine("rtsp://[^/]+/<filename>", 30);
        Matcher m = Pattern.compile("rtsp://[^/]*?(?::(\\d+))?/<filename>").matcher(line);
        assertTrue(m.find(), line);
        port = m.group(1) == null ? 554 : Integer.parseInt(m.group(1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private void read(TransportMode mode, TransportProtocol expected) throws Exception {
        Collector c = new Collector();
        try (RtspClient client = RtspClient.connect("rtsp://127.0.0.1:" + port + "/test.264",
                ClientConfig.builder().transport(mode).build(), c)) {
            assertEquals(1, client.describe().medias().size());
            client.setupAll();
            client.play();
            assertEquals(expected, client.transport());
            assertTrue(c.firstPacket.await(10, TimeUnit.SECONDS), "no packet over " + mode + "\n" + server.output());
            Thread.sleep(3000);
            assertEquals(0, client.stats().rtpPacketsLost(), "lost on loopback");
        }
        assertEquals(List.of(), c.sequenceBreaks, "sequence over " + mode);
        // live555 paces the file at its 25 pictures a second: about 75 in 3 s
        assertTrue(c.accessUnits() >= 60, c.accessUnits() + " pictures over " + mode);
        long frames = Tools.decodedFrames(c.writeH264(dir, "got-" + mode + ".264"));
        assertTrue(frames >= c.accessUnits() - 1, "FFmpeg decoded " + frames + " of " + c.accessUnits() + " pictures");
        System.out.println("interop: read live555MediaServer .264, " + mode + ": " + c.packets + " packets, 0 lost, "
                + c.accessUnits() + " pictures, " + frames + " decoded by FFmpeg");
    }

    @Test
    void readsOverUdp() throws Exception {
        read(TransportMode.UDP, TransportProtocol.UDP);
    }

    @Test
    void readsOverTcp() throws Exception {
        read(TransportMode.TCP, TransportProtocol.TCP);
    }
}
