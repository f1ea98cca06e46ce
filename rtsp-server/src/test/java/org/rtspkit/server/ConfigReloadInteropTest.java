package org.rtspkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.server.config.ConfigFile;
import org.rtspkit.server.config.ConfigWatcher;
import org.rtspkit.server.demo.DemoStream;
import org.rtspkit.server.options.Given;
import org.rtspkit.server.options.Plugins;
import org.rtspkit.server.options.ServerOptions;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.Loopback;
import org.rtspkit.testkit.TestRtspClient;

/**
 * The configuration file changed under a running server, as an operator edits it, while an FFmpeg
 * reader plays {@code /demo}: a path is added, another gets read credentials, a publisher's path is
 * removed (its publisher is closed), a limit that needs a restart is said to need one, and a file that
 * no longer parses changes nothing. The reader's pictures arrive without a gap throughout.
 */
@Timeout(120)
class ConfigReloadInteropTest {
    private static final int READ_SECONDS = 10;
    private static final Duration EXIT = Duration.ofSeconds(40);
    private static final long APPLIED_MILLIS = 10_000;

    private static final String V1 = """
            metrics:
              summaryInterval: 0
            paths:
              demo:
                source: demo
              cam:
            """;
    private static final String V2 = """
            limits:
              readTimeout: 5s
            metrics:
              summaryInterval: 0
            paths:
              demo:
                source: demo
              cam:
                read: {user: viewer, pass: secret}
              extra:
                read: {user: viewer, pass: secret}
            """;
    private static final String V3 = """
            limits:
              readTimeout: 5s
            metrics:
              summaryInterval: 0
            paths:
              demo:
                source: demo
              cam:
                read: {user: viewer, pass: secret}
            """;
    private static final String BROKEN = """
            paths:
              demo:
                source: demo
              cam: [
            """;
    private static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\n"
            + "a=control:trackID=0\r\n";

    @TempDir
    Path dir;

    private RunningServer started;
    private ConfigWatcher watcher;
    private Ffmpeg.Run reader;

    @BeforeAll
    static void ffmpegIsInstalled() {
        Ffmpeg.requireOnPath();
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.kill();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (started != null) {
            started.close();
        }
    }

    @Test
    void aReloadChangesPathsWhileAReaderOfAnotherPathKeepsPlaying() throws Exception {
        Path file = dir.resolve("rtspkit.yml");
        Files.writeString(file, V1);
        int rtp = Loopback.freeUdpPair();
        // The flags put the listeners on loopback ports, over the file: as ./rtspkit-server --config does.
        Given flags = ServerOptions.flags("--config", file.toString(), "--rtsp-address", "127.0.0.1:0",
                "--udp-rtp-address", "127.0.0.1:" + rtp, "--no-rtsps", "--no-multicast");
        started = RunningServer.start(ServerOptions.resolve(ConfigFile.read(file).overriddenBy(flags))
                .fitTo(Plugins.found(), line -> { }));
        try (LogCapture log = new LogCapture(ConfigReload.class.getName());
             LogCapture runLog = new LogCapture(RunningServer.class.getName())) {
            watcher = ConfigReload.watch(started, file, flags, Plugins.found(), Duration.ofMillis(200));

            try (TestRtspClient client = client()) {
                assertEquals(404, client.requestWithBody("ANNOUNCE", url("/extra"), SDP,
                        "Content-Type: application/sdp").status(), "/extra is not configured yet");
            }
            reader = Ffmpeg.hashFrames(dir, "demo-reader", url("/demo"), "tcp", READ_SECONDS);
            awaitDemoReaders(1);
            assertEquals(404, describe("/cam"), "/cam is open: nobody publishes there");

            // 1. A path added, credentials on another, a limit changed.
            Files.writeString(file, V2);
            String applied = log.await("applied:", APPLIED_MILLIS);
            assertNotNull(applied, "the change was not applied: " + log.lines());
            assertTrue(applied.contains("paths.cam changed (read)") && applied.contains("paths.extra added"), applied);
            String restart = log.await("need a restart", APPLIED_MILLIS);
            assertNotNull(restart, log.lines().toString());
            assertTrue(restart.contains("limits.readTimeout (10s -> 5s)"), restart);
            assertEquals(401, describe("/cam"), "/cam now asks readers for credentials");
            assertEquals(401, describe("/extra"), "/extra is served, with credentials");

            // 2. Someone publishes to the new path; then the path is taken out of the file.
            try (TestRtspClient publisher = client()) {
                assertEquals(200, publisher.requestWithBody("ANNOUNCE", url("/extra"), SDP,
                        "Content-Type: application/sdp").status());
                TestRtspClient.Response setup = publisher.request("SETUP", url("/extra") + "/trackID=0",
                        "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record");
                assertEquals(200, setup.status(), setup.toString());
                assertEquals(200, publisher.request("RECORD", url("/extra"),
                        "Session: " + setup.header("Session").split(";")[0]).status());
                assertTrue(started.paths().stream("/extra").isPresent());

                Files.writeString(file, V3);
                assertNotNull(log.await("paths.extra removed", APPLIED_MILLIS), log.lines().toString());
                assertNotNull(runLog.await("closing the publisher of /extra", APPLIED_MILLIS), runLog.lines().toString());
                awaitGone("/extra");
            }

            // 3. A file that no longer parses: the running configuration stays.
            Files.writeString(file, BROKEN);
            String refused = log.await("not applied", APPLIED_MILLIS);
            assertNotNull(refused, log.lines().toString());
            assertTrue(refused.contains(file + ":5:1: not valid YAML"), refused);
            assertEquals(401, describe("/cam"), "the running configuration is kept");
            assertEquals(1, started.demo().readers(), "the demo reader is still there");
            System.out.println("reload log:\n  " + String.join("\n  ", log.lines()));
        }

        reader.awaitSuccess(EXIT);
        List<Ffmpeg.FrameHash> pictures = reader.hashes().stream().filter(f -> f.stream() == 0).toList();
        List<Long> pts = pictures.stream().map(Ffmpeg.FrameHash::pts).toList();
        // The demo's picture moves every frame: a picture equal to the one before would be FFmpeg filling a
        // gap at a constant frame rate.
        for (int i = 1; i < pictures.size(); i++) {
            if (pictures.get(i).hash().equals(pictures.get(i - 1).hash())) {
                fail("picture " + i + " repeats the one before: the stream stalled there\n" + reader.report());
            }
        }
        // framemd5 gives times in the decoded stream's time base: one picture is the usual step.
        List<Long> steps = new java.util.ArrayList<>();
        for (int i = 1; i < pts.size(); i++) {
            steps.add(pts.get(i) - pts.get(i - 1));
        }
        List<Long> sorted = steps.stream().sorted().toList();
        long usual = sorted.get(sorted.size() / 2);
        long widest = sorted.get(sorted.size() - 1);
        int expected = DemoStream.FRAME_RATE * READ_SECONDS;
        System.out.println("demo reader across the reloads: " + pts.size() + " pictures in " + READ_SECONDS
                + " s (expected about " + expected + "), widest step between two pictures " + widest
                + " (one picture: " + usual + ")");
        assertTrue(pts.size() >= expected - 8 && pts.size() <= expected + 3, pts.size() + " pictures\n" + reader.report());
        // One picture interval between any two pictures, or two when the machine was late with one.
        assertTrue(usual > 0 && widest <= 2 * usual, "a gap of " + widest + " (one picture: " + usual
                + ") in the demo reader's pictures");
    }

    private int describe(String path) throws Exception {
        try (TestRtspClient client = client()) {
            return client.request("DESCRIBE", url(path), "Accept: application/sdp").status();
        }
    }

    private TestRtspClient client() throws Exception {
        return new TestRtspClient(started.server().rtspAddress());
    }

    private void awaitDemoReaders(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (started.demo().readers() != n) {
            if (System.nanoTime() > deadline) {
                fail("the demo has " + started.demo().readers() + " readers, expected " + n + "\n" + reader.report());
            }
            Thread.sleep(50);
        }
    }

    private void awaitGone(String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (started.paths().stream(path).isPresent()) {
            if (System.nanoTime() > deadline) {
                fail(path + " still has a stream after its entry went");
            }
            Thread.sleep(50);
        }
    }

    private String url(String path) {
        return "rtsp://127.0.0.1:" + started.server().rtspAddress().getPort() + path;
    }
}
