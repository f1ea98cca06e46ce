package org.rtspkit.client.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programs rtspkit did not write that the interop tests run, and how. A missing tool fails the
 * test with what to install: CI installs them through ./run-tests.
 */
final class Tools {
    /** Debian's Python, the one that sees python3-gi. */
    static final String PYTHON = "/usr/bin/python3";

    private Tools() {
    }

    static void require(String command, String packages) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        if (Files.isExecutable(Path.of("/usr/sbin", command)) || Files.isExecutable(Path.of("/sbin", command))) {
            return;
        }
        fail(command + " is not installed; install it with: apt-get install " + packages + " (./run-tests does)");
    }

    /** GStreamer's RTSP server library, from Debian's Python. */
    static void requireGstRtspServer() throws Exception {
        Result r = run(List.of(PYTHON, "-c", "import gi; gi.require_version('GstRtspServer', '1.0');"
                + " from gi.repository import GstRtspServer"), 30);
        assertTrue(r.exit == 0, "GStreamer's RTSP server library is not usable from " + PYTHON
                + "; install it with: apt-get install python3-gi gir1.2-gst-rtsp-server-1.0 (./run-tests does)\n" + r.output);
    }

    /** live555, fetched by scripts/fetch-live555 into .tools/live555 (./run-tests runs it). */
    static Path live555() {
        Path run = Path.of(System.getProperty("rtspkit.live555", "../.tools/live555/run")).toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(run), "live555 is missing at " + run + "; run scripts/fetch-live555 (./run-tests does)");
        return run;
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Result(int exit, String output) {
        /** The last number after {@code key=} in the output (FFmpeg's -progress lines). */
        long last(String key) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "=\\s*(\\d+)").matcher(output);
            long v = -1;
            while (m.find()) {
                v = Long.parseLong(m.group(1));
            }
            return v;
        }
    }

    /** Runs a command to its end, output and errors together; killed after {@code seconds}. */
    static Result run(List<String> command, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> drain(p, lines));
        reader.setDaemon(true);
        reader.start();
        boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(5000);
        String out = String.join("\n", lines);
        if (!ended) {
            fail("'" + String.join(" ", command) + "' did not end within " + seconds + " s:\n" + tail(out));
        }
        return new Result(p.exitValue(), out);
    }

    private static void drain(Process p, LinkedBlockingQueue<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }

    /** A background program: its output is collected, {@link #awaitLine} waits for a line. */
    static final class Background implements AutoCloseable {
        private final Process process;
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
        private final String name;

        Background(List<String> command, Path dir) throws IOException {
            name = String.join(" ", command);
            ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (dir != null) {
                b.directory(dir.toFile());
            }
            process = b.start();
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        all.add(line);
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // ended
                }
            });
            t.setDaemon(true);
            t.start();
        }

        /** Waits for a line matching {@code regex} and returns it; fails with the output so far. */
        String awaitLine(String regex, int seconds) throws InterruptedException {
            Pattern p = Pattern.compile(regex);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && p.matcher(line).find()) {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    break;
                }
            }
            fail("'" + name + "' printed no line matching " + regex + " within " + seconds + " s"
                    + (process.isAlive() ? "" : " (it ended with " + process.exitValue() + ")") + ":\n" + output());
            return null;
        }

        String output() {
            synchronized (all) {
                return tail(String.join("\n", all));
            }
        }

        /** Waits for the program to end by itself. */
        int await(int seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                close();
                fail("'" + name + "' did not end within " + seconds + " s:\n" + output());
            }
            return process.exitValue();
        }

        void interrupt() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }

        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** A test H.264 stream made by FFmpeg: {@code frames} pictures at 25 fps, a key frame every 25. */
    static Path h264File(Path dir, String name, int frames) throws Exception {
        require("ffmpeg", "ffmpeg");
        Path file = dir.resolve(name);
        Result r = run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=25", "-frames:v", Integer.toString(frames), "-c:v", "libx264",
                "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p",
                "-f", "h264", file.toString()), 60);
        assertTrue(r.exit == 0 && Files.size(file) > 0, "ffmpeg could not make " + file + ":\n" + r.output);
        return file;
    }

    /** Pictures FFmpeg decodes from an H.264 file. */
    static long decodedFrames(Path file) throws Exception {
        Result r = run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-f", "h264", "-i", file.toString(),
                "-f", "null", "-", "-progress", "pipe:1"), 60);
        return r.last("frame");
    }
}
