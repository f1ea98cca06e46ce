package org.rtspkit.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.client.TransportMode;

/**
 * The client publishes an H.264 file into FFmpeg (listening for one publisher) and into GStreamer's
 * RTSP server in record mode, over TCP and UDP; FFmpeg decodes what they received.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PublishTest {
    private static final int PICTURES = 50;

    @TempDir
    static Path dir;
    private static Path source;

    @BeforeAll
    static void source() throws Exception {
        source = Tools.h264File(dir, "source.264", PICTURES);
    }

    private void intoFfmpeg(TransportMode mode) throws Exception {
        int port = Tools.freeTcpPort();
        String url = "rtsp://127.0.0.1:" + port + "/x";
        try (Tools.Background ffmpeg = new Tools.Background(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error",
                "-rtsp_flags", "listen", "-timeout", "20", "-i", url, "-f", "null", "-", "-progress", "pipe:1"), null)) {
            int sent = -1;
            for (int attempt = 0; ; attempt++) {
                try {
                    sent = Publisher.publish(url, mode, source);
                    break;
                } catch (org.rtspkit.client.RtspClientException e) {
                    // FFmpeg may not listen yet
                    if (attempt > 50 || !e.getMessage().contains("cannot connect")) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
            assertEquals(0, ffmpeg.await(30), ffmpeg.output());
            long frames = new Tools.Result(0, ffmpeg.output()).last("frame");
            assertEquals(sent, frames, "FFmpeg decoded over " + mode + ":\n" + ffmpeg.output());
            System.out.println("interop: publish into FFmpeg listen, " + mode + ": " + sent + " pictures sent, " + frames
                    + " decoded by FFmpeg");
        }
    }

    @Test
    void intoFfmpegOverTcp() throws Exception {
        intoFfmpeg(TransportMode.TCP);
    }

    @Test
    void intoFfmpegOverUdp() throws Exception {
        intoFfmpeg(TransportMode.UDP);
    }

    private void intoGstreamer(TransportMode mode) throws Exception {
        Tools.requireGstRtspServer();
        int port = Tools.freeTcpPort();
        Path out = dir.resolve("gst-" + mode + ".ts");
        try (Tools.Background server = new Tools.Background(List.of(Tools.PYTHON,
                GstreamerServerTest.SCRIPT.toString(), "--port", Integer.toString(port), "--record", out.toString()), null)) {
            server.awaitLine("^ready$", 30);
            int sent = Publisher.publish("rtsp://127.0.0.1:" + port + "/test", mode, source);
            // the server closes the file when the session ends
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long frames = -1;
            while (System.nanoTime() < deadline) {
                Thread.sleep(500);
                if (Files.exists(out) && Files.size(out) > 0) {
                    frames = new Tools.Result(0, Tools.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error",
                            "-i", out.toString(), "-f", "null", "-", "-progress", "pipe:1"), 60).output()).last("frame");
                    if (frames >= sent) {
                        break;
                    }
                }
            }
            assertEquals(sent, frames, "pictures FFmpeg decoded from what GStreamer recorded over " + mode + "\n"
                    + server.output());
            System.out.println("interop: publish into GStreamer rtsp-server (RECORD), " + mode + ": " + sent
                    + " pictures sent, " + frames + " decoded by FFmpeg");
        }
    }

    @Test
    void intoGstreamerOverTcp() throws Exception {
        intoGstreamer(TransportMode.TCP);
    }

    @Test
    void intoGstreamerOverUdp() throws Exception {
        intoGstreamer(TransportMode.UDP);
    }
}
