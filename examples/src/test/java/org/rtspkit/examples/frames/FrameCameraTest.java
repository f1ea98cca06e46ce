package org.rtspkit.examples.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.formats.nal.AnnexB;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.TestRtspClient;

/**
 * {@link FrameCamera}, the README's "Writing frames" sample, word for word: the SDP follows the
 * parameter sets written in band, and FFmpeg reading over RTSP decodes the very pictures of an H264
 * clip with B-frames and pictures above 64 kB that the sample is given frame by frame.
 */
@Timeout(120)
class FrameCameraTest {
    private static final String BEGIN = "// README:begin\n";
    private static final String END = "// README:end\n";
    private static final byte[] SPS = {0x67, 0x64, 0x00, 0x1F, (byte) 0xAC, (byte) 0xD9, 0x40, 0x50, 0x05, (byte) 0xBA, 0x10};
    private static final byte[] OTHER_SPS = {0x67, 0x64, 0x00, 0x28, (byte) 0xAC, (byte) 0xD9, 0x40, 0x78, 0x02, 0x27, 0x10};
    private static final byte[] PPS = {0x68, (byte) 0xEB, (byte) 0xE3, (byte) 0xCB, 0x22, (byte) 0xC0};

    @TempDir
    Path dir;

    @Test
    void theReadmeShowsTheSampleAsItIsHere() throws IOException {
        Path module = moduleDirectory();
        String source = Files.readString(module.resolve("src/main/java/org/rtspkit/examples/frames/FrameCamera.java"));
        String sample = source.substring(source.indexOf(BEGIN) + BEGIN.length(), source.indexOf(END));
        String readme = Files.readString(module.resolveSibling("README.md"));
        assertTrue(readme.contains("```java\n" + sample + "```\n"),
                "README.md must show the code between the README markers of FrameCamera.java exactly, in a java block");
    }

    @Test
    void theDescriptionFollowsTheParameterSetsWrittenInBand() throws Exception {
        try (FrameCamera camera = new FrameCamera(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
             TestRtspClient client = new TestRtspClient(camera.address())) {
            String url = "rtsp://127.0.0.1:" + camera.address().getPort() + "/camera";
            assertFalse(describe(client, url).contains("sprop-parameter-sets"), "nothing written, no parameter sets yet");

            camera.send(AnnexB.join(List.of(SPS, PPS, new byte[] {0x65, (byte) 0x88, 1, 2, 3})), 0);
            String first = describe(client, url);
            assertTrue(first.contains("sprop-parameter-sets=" + base64(SPS) + "," + base64(PPS)), first);

            camera.send(AnnexB.join(List.of(new byte[] {0x41, (byte) 0x9A, 4, 5})), 40_000_000);
            assertEquals(first, describe(client, url), "a picture without parameter sets changes nothing");

            camera.send(AnnexB.join(List.of(OTHER_SPS, PPS, new byte[] {0x65, (byte) 0x88, 6, 7})), 80_000_000);
            String second = describe(client, url);
            assertTrue(second.contains("sprop-parameter-sets=" + base64(OTHER_SPS) + "," + base64(PPS)), second);
            assertTrue(second.contains("profile-level-id=640028"), "the profile and level follow the new SPS: " + second);
        }
    }

    /**
     * The clip is written in a loop at its own pace with increasing presentation times; FFmpeg joins,
     * starts decoding at an IDR picture, and every picture it decodes is the clip's next one, in order,
     * for a whole loop and more.
     */
    @Test
    void ffmpegDecodesThePicturesWrittenInOrder() throws Exception {
        Ffmpeg.requireOnPath();
        Clip clip = Clip.encode(dir, "h264.ts", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25,noise=alls=20",
                "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "12", "-pix_fmt", "yuv420p",
                "-qp", "24", "-f", "mpegts");
        assertTrue(clip.packets().stream().anyMatch(p -> p.data().length > 64 * 1024), "the clip needs a picture above 64 kB");
        assertTrue(clip.packets().stream().anyMatch(p -> p.pts() != p.dts()), "the clip needs B-frames");
        List<String> expected = clip.decodedHashes(dir);
        int n = expected.size();
        assertEquals(clip.packets().size(), n);

        long firstPts = clip.packets().stream().mapToLong(Clip.Packet::pts).min().orElseThrow();
        long loopNanos = clip.nanos(clip.packets().stream().mapToLong(Clip.Packet::pts).max().orElseThrow() - firstPts)
                + 40_000_000;
        Path out = dir.resolve("read.framemd5");
        try (FrameCamera camera = new FrameCamera(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            Process ffmpeg = new ProcessBuilder("timeout", "-k", "3", "60", "ffmpeg", "-hide_banner", "-nostdin",
                    "-v", "error", "-rtsp_transport", "tcp", "-timeout", "5000000",
                    "-i", "rtsp://127.0.0.1:" + camera.address().getPort() + "/camera", "-map", "0:v",
                    "-fps_mode", "passthrough", "-frames:v", Integer.toString(n + 10), "-f", "framemd5", out.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(dir.resolve("read.err").toFile()).start();
            try {
                long start = System.nanoTime();
                for (int loop = 0; ffmpeg.isAlive() && loop < 15; loop++) {
                    for (int i = 0; i < n && ffmpeg.isAlive(); i++) {
                        Clip.Packet packet = clip.packets().get(i);
                        // Decoding order, each at its dts's moment; presentation times keep growing over loops.
                        long dueNanos = loop * loopNanos + clip.nanos(packet.dts() - firstPts);
                        TimeUnit.NANOSECONDS.sleep(Math.max(0, start + dueNanos - System.nanoTime()));
                        camera.send(packet.data(), loop * loopNanos + clip.nanos(packet.pts() - firstPts));
                    }
                }
                assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS), "FFmpeg did not end");
                assertEquals(0, ffmpeg.exitValue(), () -> Clip.read(dir.resolve("read.err")));
            } finally {
                ffmpeg.destroyForcibly();
            }
        }
        List<String> got = Clip.hashes(Files.readString(out));
        assertEquals(n + 10, got.size(), "pictures FFmpeg decoded");
        int at = expected.indexOf(got.get(0));
        assertTrue(at >= 0, "FFmpeg's first picture is not one of the clip's");
        for (int i = 0; i < got.size(); i++) {
            assertEquals(expected.get((at + i) % n), got.get(i), "picture " + i + " FFmpeg decoded");
        }
        System.out.println("frames: FFmpeg decoded " + got.size() + " pictures written as frames, equal to the clip's "
                + n + " in order from picture " + at);
    }

    private static String describe(TestRtspClient client, String url) throws IOException {
        TestRtspClient.Response response = client.request("DESCRIBE", url, "Accept: application/sdp");
        assertEquals(200, response.status(), response.toString());
        return response.body();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Path moduleDirectory() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
    }
}
