package org.rtspkit.examples.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The example against FFmpeg: both paths decode to the file's pictures, and only with the right credentials for /private. */
@Timeout(120)
class PerPathCredentialsTest {
    private static final int READ_SECONDS = 3;
    private static final Duration EXIT = Duration.ofSeconds(40);

    @TempDir
    static Path dir;
    private static SourceVideo source;

    private final List<Ffmpeg.Run> runs = new ArrayList<>();
    private PerPathCredentials example;

    @BeforeAll
    static void makeTheSource() throws InterruptedException {
        Ffmpeg.requireOnPath();
        source = SourceVideo.make(dir, 2);
    }

    @AfterEach
    void stop() {
        runs.forEach(Ffmpeg.Run::kill);
        if (example != null) {
            example.close();
        }
    }

    @Test
    void anyoneReadsThePublicPathAndTheRightCredentialsReadThePrivateOne() throws Exception {
        example = new PerPathCredentials(Loopback.port(0), source.file(), SourceVideo.FPS, "viewer", "s3cret");
        Ffmpeg.Run open = track(Ffmpeg.hashFrames(dir, "public", url("", "/public"), "tcp", READ_SECONDS));
        Ffmpeg.Run allowed = track(Ffmpeg.hashFrames(dir, "private", url("viewer:s3cret@", "/private"), "tcp",
                READ_SECONDS));
        open.awaitSuccess(EXIT);
        allowed.awaitSuccess(EXIT);
        System.out.println("per-path credentials: /public decoded " + source.check(open, READ_SECONDS)
                + " pictures of the file, /private with credentials " + source.check(allowed, READ_SECONDS));
    }

    @Test
    void thePrivatePathRefusesReadersWithoutTheRightCredentials() throws Exception {
        example = new PerPathCredentials(Loopback.port(0), source.file(), SourceVideo.FPS, "viewer", "s3cret");
        Ffmpeg.Run anonymous = track(Ffmpeg.read(dir, "anonymous", url("", "/private"), "tcp", 1));
        Ffmpeg.Run guessing = track(Ffmpeg.read(dir, "guessing", url("viewer:guess@", "/private"), "tcp", 1));
        for (Ffmpeg.Run refused : List.of(anonymous, guessing)) {
            assertNotEquals(0, refused.awaitExit(EXIT), refused.name() + " read /private\n" + refused.report());
            assertTrue(refused.stderrText().contains("401"), "FFmpeg should report 401:\n" + refused.report());
        }
        Ffmpeg.Run nowhere = track(Ffmpeg.read(dir, "nowhere", url("", "/other"), "tcp", 1));
        assertNotEquals(0, nowhere.awaitExit(EXIT), "a path the example does not serve\n" + nowhere.report());
        assertTrue(nowhere.stderrText().contains("404"), "FFmpeg should report 404:\n" + nowhere.report());
    }

    @Test
    void thePrivatePathOffersDigestOnly() throws Exception {
        example = new PerPathCredentials(Loopback.port(0), source.file(), SourceVideo.FPS, "viewer", "s3cret");
        try (TestRtspClient client = new TestRtspClient(example.address())) {
            TestRtspClient.Response response = client.request("DESCRIBE", url("", "/private"), "Accept: application/sdp");
            assertEquals(401, response.status(), response.toString());
            assertTrue(response.header("WWW-Authenticate").startsWith("Digest "), response.toString());
        }
    }

    private String url(String credentials, String path) {
        return "rtsp://" + credentials + "127.0.0.1:" + example.address().getPort() + path;
    }

    private Ffmpeg.Run track(Ffmpeg.Run run) {
        runs.add(run);
        return run;
    }
}
