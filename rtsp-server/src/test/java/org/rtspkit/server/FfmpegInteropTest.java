package org.rtspkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.RtspServer;
import org.rtspkit.server.options.Credentials;
import org.rtspkit.testkit.Ffmpeg;

/**
 * The ready-to-use server against real FFmpeg clients on loopback: one publisher, six readers at
 * once (three over UDP, three over TCP), each of which must decode about as many pictures as the
 * publisher sent while it read.
 */
@Timeout(180)
class FfmpegInteropTest {
    private static final int PUBLISH_SECONDS = 10;
    private static final int READ_SECONDS = 4;
    private static final int READERS_PER_TRANSPORT = 3;
    private static final int SHORT_READ_SECONDS = 3;
    private static final int FPS = 30;
    // A reader joins at any point of the publisher's one-second group of pictures and decodes nothing
    // before the next keyframe, while -t counts from its first packet: reading n seconds decodes
    // between 30(n - 1) and 30n pictures (measured here: 98..115 for n = 4, 68..71 for n = 3). The
    // slack of 5 on each side is for a picture that misses its decode on a loaded machine and for
    // FFmpeg's rounding of -t.
    private static final int SLACK = 5;

    private static final Duration STARTUP = Duration.ofSeconds(15);
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
    void publishOverTcpWithAacAndReadOverUdpAndTcp() throws Exception {
        publishAndReadAtOnce("tcp", Ffmpeg.Audio.AAC);
    }

    @Test
    void publishOverUdpWithOpusAndReadOverUdpAndTcp() throws Exception {
        publishAndReadAtOnce("udp", Ffmpeg.Audio.OPUS);
    }

    private void publishAndReadAtOnce(String publishTransport, Ffmpeg.Audio audio) throws Exception {
        RunningServer started = TestServers.start(null);
        server = started.server();
        String path = "/live/" + publishTransport;
        String url = url(path);

        Ffmpeg.Run publisher = track(Ffmpeg.publish(dir, "publisher-" + publishTransport, url, publishTransport,
                PUBLISH_SECONDS, audio));
        awaitUntil("the publisher to start recording on " + path, () -> started.paths().stream(path).isPresent(), publisher);

        List<Ffmpeg.Run> readers = new ArrayList<>();
        for (String transport : List.of("udp", "tcp")) {
            for (int i = 1; i <= READERS_PER_TRANSPORT; i++) {
                readers.add(track(Ffmpeg.read(dir, "reader-" + transport + "-" + i, url, transport, READ_SECONDS)));
            }
        }
        StringBuilder counts = new StringBuilder();
        List<String> outOfRange = new ArrayList<>();
        for (Ffmpeg.Run reader : readers) {
            reader.awaitSuccess(EXIT);
            long frames = reader.frames();
            counts.append(' ').append(reader.name()).append('=').append(frames);
            if (!plausible(frames, READ_SECONDS)) {
                outOfRange.add(reader.name() + " decoded " + frames + " pictures\n" + reader.report());
            }
        }
        System.out.println("publisher over " + publishTransport + " (" + audio + "), pictures decoded by readers:" + counts);
        if (!outOfRange.isEmpty()) {
            fail("every reader should decode " + range(READ_SECONDS) + " pictures in " + READ_SECONDS
                    + " s of " + FPS + " fps:\n" + String.join("\n", outOfRange));
        }

        publisher.awaitSuccess(EXIT);
        awaitUntil("the path to be freed once its publisher left", () -> started.paths().size() == 0, null);
    }

    @Test
    void aPathWithoutPublisherIsNotFoundAndAPathTakesOnePublisher() throws Exception {
        RunningServer started = TestServers.start(null);
        server = started.server();

        Ffmpeg.Run nobody = track(Ffmpeg.read(dir, "reader-of-nothing", url("/nothing"), "tcp", 1));
        assertNotEquals(0, nobody.awaitExit(EXIT), "reading a path nobody publishes to\n" + nobody.report());
        assertTrue(nobody.stderrText().contains("404"), "FFmpeg should report 404:\n" + nobody.report());

        Ffmpeg.Run first = track(Ffmpeg.publish(dir, "first-publisher", url("/busy"), "tcp", 8, Ffmpeg.Audio.AAC));
        awaitUntil("the first publisher to record", () -> started.paths().stream("/busy").isPresent(), first);
        Ffmpeg.Run second = track(Ffmpeg.publish(dir, "second-publisher", url("/busy"), "tcp", 2, Ffmpeg.Audio.AAC));
        assertNotEquals(0, second.awaitExit(EXIT), "a second publisher on a busy path\n" + second.report());
        assertTrue(second.stderrText().contains("400"), "FFmpeg should report 400:\n" + second.report());

        Ffmpeg.Run reader = track(Ffmpeg.read(dir, "reader-of-first", url("/busy"), "tcp", SHORT_READ_SECONDS));
        reader.awaitSuccess(EXIT);
        assertPlausible(reader, SHORT_READ_SECONDS);
        first.awaitSuccess(EXIT);
    }

    @Test
    void credentialsAreAskedOfPublishersAndReaders() throws Exception {
        RunningServer started = TestServers.start(new Credentials("alice", "s3cret"));
        server = started.server();
        String authority = "alice:s3cret@127.0.0.1:" + server.rtspAddress().getPort();

        Ffmpeg.Run intruder = track(Ffmpeg.publish(dir, "publisher-wrong-password",
                "rtsp://alice:guess@127.0.0.1:" + server.rtspAddress().getPort() + "/secure", "tcp", 2, Ffmpeg.Audio.AAC));
        assertNotEquals(0, intruder.awaitExit(EXIT), "publishing with a wrong password\n" + intruder.report());
        assertTrue(intruder.stderrText().contains("401"), "FFmpeg should report 401:\n" + intruder.report());
        assertEquals(0, started.paths().size(), "the refused publisher holds no path");

        Ffmpeg.Run publisher = track(Ffmpeg.publish(dir, "publisher", "rtsp://" + authority + "/secure", "tcp", 8,
                Ffmpeg.Audio.AAC));
        awaitUntil("the publisher to record", () -> started.paths().stream("/secure").isPresent(), publisher);

        Ffmpeg.Run anonymous = track(Ffmpeg.read(dir, "reader-without-credentials", url("/secure"), "tcp", 1));
        assertNotEquals(0, anonymous.awaitExit(EXIT), "reading without credentials\n" + anonymous.report());
        assertTrue(anonymous.stderrText().contains("401"), "FFmpeg should report 401:\n" + anonymous.report());

        List<Ffmpeg.Run> readers = new ArrayList<>();
        for (String transport : List.of("udp", "tcp")) {
            readers.add(track(Ffmpeg.read(dir, "reader-" + transport, "rtsp://" + authority + "/secure", transport,
                    SHORT_READ_SECONDS)));
        }
        for (Ffmpeg.Run reader : readers) {
            reader.awaitSuccess(EXIT);
            assertPlausible(reader, SHORT_READ_SECONDS);
        }
        publisher.awaitSuccess(EXIT);
    }

    private static boolean plausible(long pictures, int seconds) {
        return pictures >= (long) FPS * (seconds - 1) - SLACK && pictures <= (long) FPS * seconds + SLACK;
    }

    private static String range(int seconds) {
        return (FPS * (seconds - 1) - SLACK) + ".." + (FPS * seconds + SLACK);
    }

    private static void assertPlausible(Ffmpeg.Run reader, int seconds) {
        long pictures = reader.frames();
        System.out.println(reader.name() + " decoded " + pictures + " pictures in " + seconds + " s");
        assertTrue(plausible(pictures, seconds), reader.name() + " decoded " + pictures + " pictures in " + seconds
                + " s; expected " + range(seconds) + "\n" + reader.report());
    }

    private String url(String path) {
        return "rtsp://127.0.0.1:" + server.rtspAddress().getPort() + path;
    }

    private Ffmpeg.Run track(Ffmpeg.Run run) {
        runs.add(run);
        return run;
    }

    /** Polls the condition; fails when it stays false too long or the process it depends on exits first. */
    private static void awaitUntil(String what, BooleanSupplier condition, Ffmpeg.Run dependsOn) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!condition.getAsBoolean()) {
            if (dependsOn != null && !dependsOn.process().isAlive()) {
                fail("gave up waiting for " + what + ": " + dependsOn.name() + " exited with status "
                        + dependsOn.process().exitValue() + "\n" + dependsOn.report());
            }
            if (System.nanoTime() > deadline) {
                fail("gave up waiting for " + what + " after " + STARTUP.toSeconds() + " s"
                        + (dependsOn == null ? "" : "\n" + dependsOn.report()));
            }
            Thread.sleep(50);
        }
    }
}
