package org.rtspkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.testkit.Loopback;
import org.rtspkit.testkit.TestRtspClient;

/** The server as a user runs it: a separate JVM started from the module path, as ./rtspkit-server does. */
@Timeout(120)
class RtspkitServerProcessTest {
    private static final long EXIT_SECONDS = 30;
    private static final Pattern LISTENING =
            Pattern.compile("rtspkit listening on rtsp://127\\.0\\.0\\.1:(\\d+) \\(transports: tcp, udp\\)");

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aBadFlagIsNamedWithTheUsage() throws Exception {
        Result r = runToExit("--rtsp-address", ":8554", "--bogus");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.stderr().startsWith("rtspkit-server: unknown flag '--bogus'\n"), r.toString());
        assertTrue(r.stderr().contains("Usage: rtspkit-server [flags]"), r.toString());
        assertEquals("", r.stdout(), r.toString());
    }

    @Test
    void helpGoesToStdout() throws Exception {
        Result r = runToExit("--help");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.stdout().startsWith("Usage: rtspkit-server [flags]"), r.toString());
        assertEquals("", r.stderr(), r.toString());
    }

    @Test
    void aMistakeInTheConfigurationFileIsNamedWithItsPlaceAndNothingStarts() throws Exception {
        Path config = dir.resolve("rtspkit.yml");
        Files.writeString(config, "rtsp:\n  address: 127.0.0.1:0\nudp:\n  rtpPrt: 8000\n");
        Result r = runToExit("--config", config.toString());
        assertEquals(2, r.status(), r.toString());
        assertEquals("rtspkit-server: " + config + ":4:3: unknown key 'rtpPrt' in udp (known: enabled, rtpAddress,"
                + " rtcpAddress)\n", r.stderr());
        assertEquals("", r.stdout(), r.toString());
    }

    @Test
    void printConfigShowsTheFileUnderTheFlagsWithEveryDefault() throws Exception {
        Path config = dir.resolve("rtspkit.yml");
        Files.writeString(config, "rtsp:\n  address: 127.0.0.1:9554\nlimits:\n  maxSessions: 50\n");
        Result r = runToExit("--config", config.toString(), "--rtsp-address", "127.0.0.1:7554", "--print-config");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.stdout().contains("rtsp:\n  address: 127.0.0.1:7554\n"), r.stdout());
        assertTrue(r.stdout().contains("  maxSessions: 50\n"), r.stdout());
        assertTrue(r.stdout().contains("  readTimeout: 10s\n"), "defaults are printed too:\n" + r.stdout());
    }

    @Test
    void aBusyRtspPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, Loopback.address())) {
            int port = taken.getLocalPort();
            Result r = runToExit("--rtsp-address", "127.0.0.1:" + port, "--no-udp", "--no-rtsps", "--no-multicast");
            assertEquals(1, r.status(), r.toString());
            assertEquals("rtspkit-server: cannot listen on 127.0.0.1:" + port + ": address already in use\n", r.stderr());
        }
    }

    @Test
    void aBusyUdpPortIsNamed() throws Exception {
        int rtp = Loopback.freeUdpPair();
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(Loopback.address(), rtp))) {
            Result r = runToExit("--rtsp-address", "127.0.0.1:0", "--udp-rtp-address", "127.0.0.1:" + rtp, "--no-rtsps",
                    "--no-multicast");
            assertEquals(1, r.status(), r.toString());
            assertEquals("rtspkit-server: cannot listen on 127.0.0.1:" + rtp + " (UDP, RTP): address already in use\n",
                    r.stderr());
        }
    }

    @Test
    void servesUntilTerminated() throws Exception {
        int rtp = Loopback.freeUdpPair();
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        process = launch(out, err, "--rtsp-address", "127.0.0.1:0", "--udp-rtp-address", "127.0.0.1:" + rtp,
                "--no-rtsps", "--no-multicast");

        int port = awaitListening(out, err);
        try (TestRtspClient client = new TestRtspClient(Loopback.port(port))) {
            assertEquals(200, client.request("OPTIONS", "rtsp://127.0.0.1/").status());
        }

        process.destroy(); // SIGTERM
        if (!process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
            fail("the server did not stop within " + EXIT_SECONDS + " s of SIGTERM\n" + Files.readString(err));
        }
        assertTrue(Files.readString(out).endsWith("rtspkit stopped\n"), "stdout: " + Files.readString(out));
    }

    private static int awaitListening(Path out, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(out);
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        fail("the server did not print its listening line\nstdout: " + Files.readString(out) + "\nstderr: "
                + Files.readString(err));
        throw new AssertionError();
    }

    private Result runToExit(String... args) throws Exception {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        process = launch(out, err, args);
        if (!process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
            fail("rtspkit-server " + String.join(" ", args) + " did not exit within " + EXIT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The server's JVM on this test's module path (the examples classes, the engine, the transports). */
    private static Process launch(Path out, Path err, String... args) throws IOException {
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath == null) {
            fail("these tests run on the module path; jdk.module.path is not set");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath,
                "-m", "org.rtspkit.server/org.rtspkit.server.RtspkitServer"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        return p;
    }

    private record Result(int status, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit status " + status + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
