package org.rtspkit.examples.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.formats.nal.AnnexB;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.Gst;

/**
 * {@link PrintFrames} with real publishers: FFmpeg publishes an H264 clip (B-frames, pictures above
 * 64 kB) and an AAC clip as they are ({@code -c copy}), GStreamer the same H264 clip; the access units
 * the example receives are the clip's, one for one and in order (H264 with every start code written
 * with 4 bytes), with the clip's presentation times.
 */
@Timeout(180)
class PrintFramesTest {
    @TempDir
    Path dir;

    private final List<PrintFrames.Received> received = new CopyOnWriteArrayList<>();
    private PrintFrames printer;
    private String url;

    @BeforeEach
    void start() throws Exception {
        printer = new PrintFrames(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), received::add);
        url = "rtsp://127.0.0.1:" + printer.address().getPort() + "/clip";
    }

    @AfterEach
    void stop() {
        printer.close();
    }

    private Clip h264Clip() {
        Clip clip = Clip.encode(dir, "h264.ts", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25,noise=alls=20",
                "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "12", "-pix_fmt", "yuv420p",
                "-qp", "24", "-f", "mpegts");
        assertTrue(clip.packets().stream().anyMatch(p -> p.data().length > 64 * 1024), "the clip needs a picture above 64 kB");
        assertTrue(clip.packets().stream().anyMatch(p -> p.pts() != p.dts()), "the clip needs B-frames");
        return clip;
    }

    @Test
    void ffmpegPublishesH264() throws Exception {
        Ffmpeg.requireOnPath();
        Clip clip = h264Clip();
        publishWithFfmpeg(clip.file(), "-map", "0:v", "-c", "copy");
        List<PrintFrames.Received> units = awaitUnits(clip.packets().size());
        assertSameUnits(clip, units, AnnexB::normalize, "FFmpeg");
        long firstPts = clip.packets().get(0).pts();
        for (int i = 0; i < units.size(); i++) {
            long expected = clip.nanos(clip.packets().get(i).pts() - firstPts);
            // 90 kHz ticks: a presentation time is exact to a tick (11 µs).
            assertEquals(expected, units.get(i).unit().presentationTime(), 20_000, "presentation time of unit " + i);
        }
        assertTrue(units.get(0).toString().startsWith("/clip H264/90000 key frame "), units.get(0).toString());
    }

    @Test
    void ffmpegPublishesAac() throws Exception {
        Ffmpeg.requireOnPath();
        // NUT keeps the encoder's raw frames, its configuration as a global header (which FFmpeg's RTSP
        // muxer needs) and sample-exact times.
        Clip clip = Clip.encode(dir, "aac.nut", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "2",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-f", "nut");
        publishWithFfmpeg(clip.file(), "-map", "0:a", "-c", "copy");
        // FFmpeg's AAC-hbr muxer puts several frames in a packet and never sends those it still holds when
        // its input ends: the units are the clip's frames up to there, every one of them.
        int frames = clip.packets().size();
        List<PrintFrames.Received> units = awaitUnits(frames - 4, frames);
        long firstPts = clip.packets().get(0).pts();
        for (int i = 0; i < units.size(); i++) {
            assertEquals(Clip.md5(clip.packets().get(i).data()), Clip.md5(units.get(i).unit().data()), "AAC frame " + i);
            assertEquals(clip.nanos(clip.packets().get(i).pts() - firstPts), units.get(i).unit().presentationTime(),
                    25_000, "presentation time of frame " + i);
        }
        System.out.println("frames: " + units.size() + " AAC frames FFmpeg published (of the clip's " + frames
                + ") equal to the clip's");
    }

    @Test
    void gstreamerPublishesH264() throws Exception {
        Ffmpeg.requireOnPath();
        Gst.requireOnPath();
        Clip clip = h264Clip();
        Process gst = new ProcessBuilder("timeout", "-s", "INT", "-k", "3", "60", "gst-launch-1.0",
                "filesrc", "location=" + clip.file(), "!", "tsdemux", "!", "h264parse", "!",
                "rtspclientsink", "location=" + url, "protocols=tcp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("gst.log").toFile()).start();
        try {
            List<PrintFrames.Received> units = awaitUnits(clip.packets().size());
            // GStreamer's RTP payloader leaves out access unit delimiters (NAL type 9): compare without them.
            assertSameUnits(clip, units, PrintFramesTest::withoutDelimiters, "GStreamer");
        } finally {
            gst.destroy();
            gst.waitFor(10, TimeUnit.SECONDS);
            gst.destroyForcibly();
        }
    }

    private void publishWithFfmpeg(Path file, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("timeout", "-k", "3", "60", "ffmpeg", "-hide_banner",
                "-nostdin", "-v", "error", "-re", "-i", file.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-f", "rtsp", "-rtsp_transport", "tcp", url));
        Process ffmpeg = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("publish.err").toFile()).start();
        assertTrue(ffmpeg.waitFor(60, TimeUnit.SECONDS), "FFmpeg did not finish publishing");
        assertEquals(0, ffmpeg.exitValue(), () -> Clip.read(dir.resolve("publish.err")));
    }

    /** Waits for {@code count} units (they arrive as the publisher sends, in real time), and no more. */
    private List<PrintFrames.Received> awaitUnits(int count) throws InterruptedException {
        return awaitUnits(count, count);
    }

    /** Waits for at least {@code least} units, then until no more come for half a second; at most {@code most}. */
    private List<PrintFrames.Received> awaitUnits(int least, int most) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.size() < least && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        for (int seen = -1; seen != received.size(); ) {
            seen = received.size();
            Thread.sleep(500);
        }
        int got = received.size();
        assertTrue(got >= least && got <= most, "access units received: " + got + ", expected " + least + ".." + most);
        return List.copyOf(received);
    }

    private static void assertSameUnits(Clip clip, List<PrintFrames.Received> units, UnaryOperator<byte[]> normalize,
                                        String publisher) {
        for (int i = 0; i < units.size(); i++) {
            byte[] expected = normalize.apply(clip.packets().get(i).data());
            byte[] got = normalize.apply(units.get(i).unit().data());
            assertEquals(Clip.md5(expected), Clip.md5(got), publisher + ": access unit " + i + " ("
                    + clip.packets().get(i).data().length + " bytes in the clip, " + units.get(i).unit().data().length
                    + " received)");
        }
        System.out.println("frames: " + units.size() + " H264 access units " + publisher + " published equal to the clip's");
    }

    private static byte[] withoutDelimiters(byte[] annexB) {
        return AnnexB.join(AnnexB.split(annexB).stream().filter(nal -> (nal[0] & 0x1F) != 9).toList());
    }
}
