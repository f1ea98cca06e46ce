package org.rtspkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.formats.nal.AnnexB;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.TestRtspClient;

/** The README's code sample is {@link Camera}, word for word, and it works against a raw client and FFmpeg. */
@Timeout(60)
class ReadmeSampleTest {
    private static final String BEGIN = "// README:begin\n";
    private static final String END = "// README:end\n";

    @Test
    void theReadmeShowsTheSampleAsItIsHere() throws IOException {
        Path module = moduleDirectory();
        String source = Files.readString(module.resolve("src/main/java/org/rtspkit/examples/Camera.java"));
        String sample = source.substring(source.indexOf(BEGIN) + BEGIN.length(), source.indexOf(END));
        String readme = Files.readString(module.resolveSibling("README.md"));
        assertTrue(readme.contains("```java\n" + sample + "```\n"),
                "README.md must show the code between the README markers of Camera.java exactly, in a java block");
    }

    @Test
    void aReaderReceivesWhatTheApplicationWrites() throws Exception {
        try (Camera camera = new Camera(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
             TestRtspClient client = new TestRtspClient(camera.address())) {
            String url = "rtsp://127.0.0.1:" + camera.address().getPort() + "/camera";

            TestRtspClient.Response describe = client.request("DESCRIBE", url, "Accept: application/sdp");
            assertEquals(200, describe.status(), describe.toString());
            assertTrue(describe.body().contains("a=rtpmap:96 H264/90000"), describe.body());
            String setupUrl = controlUrl(describe);

            TestRtspClient.Response setup = client.request("SETUP", setupUrl,
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertEquals(200, setup.status(), setup.toString());
            String session = setup.header("Session").split(";")[0];

            TestRtspClient.Response play = client.request("PLAY", url, "Session: " + session);
            assertEquals(200, play.status(), play.toString());

            byte[][] nalUnits = {
                    {0x65, 1, 2, 3, 4}, // IDR slice
                    {0x41, 5, 6, 7},    // non-IDR slice
                    {0x41, 8, 9},
            };
            for (int i = 0; i < nalUnits.length; i++) {
                camera.send(nalUnits[i], 3000L * i, true);
            }

            int received = 0;
            int firstSequence = -1;
            while (received < nalUnits.length) {
                TestRtspClient.Frame frame = client.frame();
                if (frame.channel() != 0) {
                    continue; // RTCP (sender reports) on channel 1
                }
                byte[] rtp = frame.data();
                int sequence = ((rtp[2] & 0xFF) << 8) | (rtp[3] & 0xFF);
                if (firstSequence < 0) {
                    firstSequence = sequence;
                }
                int headerLength = 12 + 4 * (rtp[0] & 0x0F);
                assertEquals(2, (rtp[0] & 0xFF) >>> 6, "RTP version");
                assertEquals(0x80 | 96, rtp[1] & 0xFF, "marker bit and payload type 96");
                assertEquals((firstSequence + received) & 0xFFFF, sequence, "consecutive sequence numbers");
                assertArrayEquals(nalUnits[received], Arrays.copyOfRange(rtp, headerLength, rtp.length));
                received++;
            }
        }
    }

    /**
     * The sample fed, as an application would, with the NAL units of an H264 file at its pace (slices
     * of at most 1,200 bytes, since the sample sends a NAL unit per packet): FFmpeg decodes the file's
     * own pictures from it.
     */
    @Test
    void ffmpegDecodesThePicturesTheSampleSends(@TempDir Path dir) throws Exception {
        Ffmpeg.requireOnPath();
        SourceVideo source = SourceVideo.make(dir, 2, "slice-max-size=1200");
        List<List<byte[]>> pictures = H264File.read(source.file()).pictures().stream().map(AnnexB::split).toList();
        ScheduledExecutorService encoder = Executors.newSingleThreadScheduledExecutor();
        try (Camera camera = new Camera(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            AtomicLong sent = new AtomicLong();
            encoder.scheduleAtFixedRate(() -> {
                long n = sent.getAndIncrement();
                List<byte[]> picture = pictures.get((int) (n % pictures.size()));
                for (int i = 0; i < picture.size(); i++) {
                    camera.send(picture.get(i), n * 90_000 / SourceVideo.FPS, i == picture.size() - 1);
                }
            }, 0, 1_000_000 / SourceVideo.FPS, TimeUnit.MICROSECONDS);
            Ffmpeg.Run reader = Ffmpeg.hashFrames(dir, "reader", "rtsp://127.0.0.1:" + camera.address().getPort()
                    + "/camera", "tcp", 3);
            try {
                reader.awaitSuccess(Duration.ofSeconds(40));
            } finally {
                reader.kill();
            }
            System.out.println("README sample: FFmpeg decoded " + source.check(reader, 3) + " pictures of the file");
        } finally {
            encoder.shutdownNow();
        }
    }

    /** The SETUP URL of the first media: its a=control, resolved against Content-Base. */
    private static String controlUrl(TestRtspClient.Response describe) {
        String control = describe.body().lines().filter(l -> l.startsWith("a=control:"))
                .reduce((first, second) -> second) // the media's control follows any session-level one
                .map(l -> l.substring("a=control:".length()))
                .orElseThrow(() -> new AssertionError("no a=control in\n" + describe.body()));
        if (control.startsWith("rtsp://")) {
            return control;
        }
        String base = describe.header("Content-Base");
        assertNotNull(base, "DESCRIBE without Content-Base: " + describe);
        return base.endsWith("/") ? base + control : base + "/" + control;
    }

    private static Path moduleDirectory() {
        // Surefire sets basedir; an IDE usually runs tests in the module directory.
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
    }
}
