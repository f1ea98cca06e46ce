package org.rtspkit.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.RtspServer;
import org.rtspkit.server.RunningServer;
import org.rtspkit.server.TestServers;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.TestRtspClient;

/**
 * The demo stream at {@code /demo} against real FFmpeg readers on loopback: every picture decodes,
 * each differs from the one before, the tone arrives, and nothing is made once they leave.
 */
@Timeout(120)
class DemoStreamInteropTest {
    private static final int READ_SECONDS = 3;
    // FFmpeg's -t counts from the first packet; a reader joins between two pictures and a loaded
    // machine may run a frame late, so allow a few pictures either side of 15 fps * 3 s.
    private static final int MIN_PICTURES = DemoStream.FRAME_RATE * READ_SECONDS - 6;
    private static final int MAX_PICTURES = DemoStream.FRAME_RATE * READ_SECONDS + 3;
    private static final Duration EXIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private final List<Ffmpeg.Run> runs = new ArrayList<>();
    private RtspServer server;

    @BeforeAll
    static void ffmpegIsInstalled() {
        Ffmpeg.requireOnPath();
    }

    @AfterEach
    void stopEverything() {
        runs.forEach(Ffmpeg.Run::kill);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readersOverTcpAndUdpDecodeMovingPicturesAndTheTone() throws Exception {
        RunningServer started = TestServers.start(null, true);
        server = started.server();
        DemoStream demo = started.demo();
        assertNotNull(demo, "the demo is on");
        assertEquals(0, demo.readers());

        List<Ffmpeg.Run> readers = new ArrayList<>();
        for (String transport : List.of("tcp", "udp")) {
            readers.add(track(Ffmpeg.hashFrames(dir, "demo-reader-" + transport, url("/demo"), transport, READ_SECONDS)));
        }
        StringBuilder figures = new StringBuilder();
        for (Ffmpeg.Run reader : readers) {
            reader.awaitSuccess(EXIT);
            // At -loglevel error FFmpeg says nothing about a stream it decodes cleanly: a broken
            // RTP/JPEG frame would show as an mjpeg error here.
            assertEquals(List.of(), errors(reader.stderrText()), reader.name() + " reported errors\n" + reader.report());

            List<Ffmpeg.FrameHash> frames = reader.hashes();
            List<String> pictures = frames.stream().filter(f -> f.stream() == 0).map(Ffmpeg.FrameHash::hash).toList();
            long audioSamples = frames.stream().filter(f -> f.stream() == 1).mapToLong(Ffmpeg.FrameHash::duration).sum();
            figures.append(' ').append(reader.name()).append(": ").append(pictures.size()).append(" pictures, ")
                    .append(audioSamples).append(" audio samples;");

            assertTrue(pictures.size() >= MIN_PICTURES && pictures.size() <= MAX_PICTURES, reader.name() + " decoded "
                    + pictures.size() + " pictures in " + READ_SECONDS + " s; expected " + MIN_PICTURES + ".."
                    + MAX_PICTURES + "\n" + reader.report());
            for (int i = 1; i < pictures.size(); i++) {
                if (pictures.get(i).equals(pictures.get(i - 1))) {
                    fail(reader.name() + ": picture " + i + " is the same as the one before; the pattern should move");
                }
            }
            // 8000 samples a second; the audio's -t ends up to a packet or two either side.
            assertTrue(Math.abs(audioSamples - 8000L * READ_SECONDS) <= 8000 / 5, reader.name() + " decoded "
                    + audioSamples + " audio samples in " + READ_SECONDS + " s\n" + reader.report());
        }
        System.out.println("demo stream decoded by" + figures);

        awaitReaders(demo, 0);
    }

    @Test
    void publishingToTheDemoPathIsRefusedWithAReason() throws Exception {
        RunningServer started = TestServers.start(null, true);
        server = started.server();
        String sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                + "m=audio 0 RTP/AVP 0\r\n";
        try (TestRtspClient client = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response response = client.requestWithBody("ANNOUNCE", url("/demo"), sdp,
                    "Content-Type: application/sdp");
            assertEquals(400, response.status(), response.toString());
            assertTrue(response.body().contains("--no-demo"), "the refusal should say how to publish there: " + response);
        }
        assertTrue(started.paths().stream("/demo").isPresent(), "the demo still holds its path");
    }

    @Test
    void withoutTheDemoItsPathIsNotFound() throws Exception {
        RunningServer started = TestServers.start(null, false);
        server = started.server();
        assertNull(started.demo());
        try (TestRtspClient client = new TestRtspClient(server.rtspAddress())) {
            TestRtspClient.Response response = client.request("DESCRIBE", url("/demo"));
            assertEquals(404, response.status(), response.toString());
        }
    }

    @Test
    void theDemoStopsWithItsServer() throws Exception {
        RunningServer started = TestServers.start(null, true);
        started.server().close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("rtspkit-demo") && t.isAlive())) {
            if (System.nanoTime() > deadline) {
                fail("the demo's thread outlived its server by 5 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * FFmpeg's error lines, less the one every RTP/JPEG reader may print once: a reader that joins
     * while a frame is being sent gets its tail without the first fragment and drops it.
     */
    private static List<String> errors(String stderr) {
        return stderr.lines()
                .filter(line -> !line.isBlank())
                .filter(line -> !line.endsWith("Received packet without a start chunk; dropping frame."))
                .filter(line -> !line.trim().matches("Last message repeated \\d+ times"))
                .toList();
    }

    private static void awaitReaders(DemoStream demo, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (demo.readers() != expected) {
            if (System.nanoTime() > deadline) {
                fail("the demo counts " + demo.readers() + " readers; expected " + expected);
            }
            Thread.sleep(50);
        }
    }

    private String url(String path) {
        return "rtsp://127.0.0.1:" + server.rtspAddress().getPort() + path;
    }

    private Ffmpeg.Run track(Ffmpeg.Run run) {
        runs.add(run);
        return run;
    }
}
