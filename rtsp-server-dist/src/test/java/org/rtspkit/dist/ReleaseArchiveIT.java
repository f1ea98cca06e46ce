package org.rtspkit.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.Loopback;

/**
 * The release archive as an operator uses it: unpacked with tar into an empty folder, started with its
 * own launch script and sample configuration, with no JDK on the PATH and no JAVA_HOME (the script
 * runs the image's own java), and FFmpeg decodes its demo stream.
 */
@Timeout(180)
class ReleaseArchiveIT {
    private static final int READ_SECONDS = 3;
    private static final int FRAME_RATE = 15;
    private static final Pattern LISTENING = Pattern.compile("rtspkit listening on rtsp://127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    Path dir;

    private Process server;
    private final List<Ffmpeg.Run> runs = new ArrayList<>();

    @BeforeAll
    static void ffmpegIsInstalled() {
        Ffmpeg.requireOnPath();
    }

    @AfterEach
    void stop() {
        runs.forEach(Ffmpeg.Run::kill);
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void unpacksAndServesTheDemoWithoutAJdk() throws Exception {
        Path archive = Path.of(System.getProperty("release.archive"));
        assertTrue(Files.isRegularFile(archive), archive + " was not built");
        Path unpacked = dir.resolve("opt");
        Files.createDirectories(unpacked);
        run(List.of("tar", "-xzf", archive.toString(), "-C", unpacked.toString()), Map.of(), 60);
        Path release = unpacked.resolve(System.getProperty("release.folder"));
        for (String file : List.of("bin/rtspkit-server", "conf/rtspkit.yml", "systemd/rtspkit-server.service",
                "runtime/bin/java", "runtime/lib/modules")) {
            assertTrue(Files.exists(release.resolve(file)), file + " is missing from the archive");
        }
        assertTrue(Files.getPosixFilePermissions(release.resolve("bin/rtspkit-server"))
                .contains(PosixFilePermission.OWNER_EXECUTE), "the launch script is not executable");
        String modules = run(List.of(release.resolve("runtime/bin/java").toString(), "--list-modules"), Map.of(), 30);
        for (String module : List.of("org.rtspkit.server", "org.rtspkit.transport.udp", "org.rtspkit.srtp",
                "io.prometheus.metrics.model", "org.snakeyaml.engine", "com.fasterxml.jackson.databind")) {
            assertTrue(modules.contains(module + "@") || modules.contains(module + "\n"), module + " not in the image:\n"
                    + modules);
        }

        // No JDK to find: an empty PATH, no JAVA_HOME. The script's shebang is an absolute path.
        Map<String, String> bare = Map.of("PATH", dir.resolve("no-bin").toString());
        String printed = run(List.of(release.resolve("bin/rtspkit-server").toString(), "--print-config"), bare, 60);
        assertTrue(printed.contains("  address: 127.0.0.1:9100\n"), "the sample configuration is the default:\n"
                + printed);

        int rtsp = freeTcpPort();
        int http = freeTcpPort();
        int rtsps = freeTcpPort();
        int udp = Loopback.freeUdpPair();
        int srtp = Loopback.freeUdpPair();
        int multicast = Loopback.freeUdpPair();
        Path out = dir.resolve("server.out");
        Path err = dir.resolve("server.err");
        ProcessBuilder pb = new ProcessBuilder(release.resolve("bin/rtspkit-server").toString(),
                "--rtsp-address", "127.0.0.1:" + rtsp, "--udp-rtp-address", "127.0.0.1:" + udp,
                "--rtsps-address", "127.0.0.1:" + rtsps, "--srtp-rtp-address", "127.0.0.1:" + srtp,
                "--multicast-rtp-port", Integer.toString(multicast), "--metrics-address", "127.0.0.1:" + http)
                .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(bare);
        server = pb.start();
        awaitListening(out, err);
        String demoLine = "demo stream (test picture and tone): rtsp://127.0.0.1:" + rtsp + "/demo";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(err).contains(demoLine)) {
            if (System.nanoTime() > deadline) {
                fail("no demo line in the log:\n" + Files.readString(err));
            }
            Thread.sleep(100);
        }

        Ffmpeg.Run reader = Ffmpeg.read(dir, "demo-reader", "rtsp://127.0.0.1:" + rtsp + "/demo", "tcp", READ_SECONDS);
        runs.add(reader);
        reader.awaitSuccess(Duration.ofSeconds(40));
        long pictures = reader.frames();
        System.out.println("FFmpeg decoded " + pictures + " pictures of /demo in " + READ_SECONDS
                + " s from the unpacked release");
        assertTrue(pictures >= FRAME_RATE * READ_SECONDS - 6 && pictures <= FRAME_RATE * READ_SECONDS + 3,
                pictures + " pictures\n" + reader.report());
        assertTrue(get(http, "/metrics").contains("rtspkit_paths "), "no /metrics");
        assertTrue(get(http, "/v1/paths").contains("\"/demo\""), "no /v1/paths");

        server.destroy(); // SIGTERM: the launch script exec'd java, so the signal reaches it
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            fail("the server did not stop on SIGTERM\n" + Files.readString(err));
        }
        assertTrue(Files.readString(out).endsWith("rtspkit stopped\n"), Files.readString(out));
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, Loopback.address())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(Path out, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(out));
            if (m.find()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the unpacked server did not start\nstdout: " + Files.readString(out) + "\nstderr: " + Files.readString(err));
    }

    private static String get(int port, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10_000);
        try {
            assertEquals(200, c.getResponseCode(), path);
            return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    /** Runs a command to its end; its output, or a failure with it. */
    private String run(List<String> command, Map<String, String> env, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (!env.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
