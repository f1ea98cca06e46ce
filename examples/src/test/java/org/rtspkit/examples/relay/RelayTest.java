package org.rtspkit.examples.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.rtspkit.examples.SourceVideo;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.Loopback;
import org.rtspkit.testkit.TestRtspClient;

/**
 * The relay against FFmpeg: FFmpeg publishes a file, as it is, to the ingest server; FFmpeg readers of
 * the output server decode the file's pictures; once the publisher has left, the path is gone.
 */
@Timeout(120)
class RelayTest {
    /** The file's length: published once, in real time. */
    private static final int PUBLISH_SECONDS = 8;
    private static final int READ_SECONDS = 3;
    private static final Duration EXIT = Duration.ofSeconds(40);

    @TempDir
    static Path dir;
    private static SourceVideo source;

    private final List<Ffmpeg.Run> runs = new ArrayList<>();
    private Relay relay;

    @BeforeAll
    static void makeTheSource() throws InterruptedException {
        Ffmpeg.requireOnPath();
        source = SourceVideo.make(dir, PUBLISH_SECONDS);
    }

    @AfterEach
    void stop() {
        runs.forEach(Ffmpeg.Run::kill);
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void readersOfTheOutputServerDecodeWhatWasPublishedToTheIngestServer() throws Exception {
        relay = new Relay(Loopback.port(0), Loopback.port(0));
        Ffmpeg.Run publisher = track(Ffmpeg.publishFile(dir, "publisher", source.file(),
                "rtsp://127.0.0.1:" + relay.ingestAddress().getPort() + "/cam", "tcp"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!relay.relays("/cam")) {
            if (!publisher.process().isAlive() || System.nanoTime() > deadline) {
                fail("the publisher did not start recording\n" + publisher.report());
            }
            Thread.sleep(50);
        }
        String out = "rtsp://127.0.0.1:" + relay.outputAddress().getPort() + "/cam";
        Ffmpeg.Run first = track(Ffmpeg.hashFrames(dir, "reader-1", out, "tcp", READ_SECONDS));
        Ffmpeg.Run second = track(Ffmpeg.hashFrames(dir, "reader-2", out, "tcp", READ_SECONDS));
        first.awaitSuccess(EXIT);
        second.awaitSuccess(EXIT);
        System.out.println("relay: the output server's readers decoded " + source.check(first, READ_SECONDS) + " and "
                + source.check(second, READ_SECONDS) + " pictures of the published file");

        publisher.awaitSuccess(EXIT);
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (relay.relays("/cam") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        try (TestRtspClient client = new TestRtspClient(relay.outputAddress())) {
            assertEquals(404, client.request("DESCRIBE", out, "Accept: application/sdp").status(),
                    "the path is gone with its publisher");
        }
        assertTrue(!relay.relays("/cam"));
    }

    private Ffmpeg.Run track(Ffmpeg.Run run) {
        runs.add(run);
        return run;
    }
}
