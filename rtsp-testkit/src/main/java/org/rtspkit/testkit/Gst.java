package org.rtspkit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** GStreamer's command line as an RTSP client in tests: rtspsrc readers and an rtspclientsink publisher. */
public final class Gst {
    private Gst() {
    }

    /** Fails with what to install when GStreamer is missing: these tests never skip. */
    public static void requireOnPath() {
        Tools.require("gst-launch-1.0", "the GStreamer interop tests", "gstreamer1.0-tools gstreamer1.0-plugins-base"
                + " gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-rtsp"
                + " gstreamer1.0-libav");
    }

    /**
     * Reads H264 for about {@code seconds} with rtspsrc and decodes it (avdec_h264), so SRTP that did not
     * decrypt cannot pass. {@code protocols} is tcp, udp or udp-mcast.
     */
    public static Run read(Path dir, String name, String url, String protocols, int seconds) {
        return start(dir, name, seconds, List.of("-e", "rtspsrc", "location=" + url, "protocols=" + protocols,
                "tls-validation-flags=0", "latency=100",
                "!", "rtph264depay", "!", "h264parse", "!", "avdec_h264",
                "!", "fakesink", "sync=false", "silent=false", "-v"));
    }

    /** Publishes a live test picture for about {@code seconds} with rtspclientsink. */
    public static Run publish(Path dir, String name, String url, String protocols, String profiles, int seconds) {
        return start(dir, name, seconds, List.of("videotestsrc", "is-live=true", "!",
                "video/x-raw,width=320,height=240,framerate=30/1", "!",
                "x264enc", "tune=zerolatency", "speed-preset=ultrafast", "bitrate=500", "key-int-max=30", "!",
                "h264parse", "!", "rtspclientsink", "location=" + url, "protocols=" + protocols,
                "profiles=" + profiles, "tls-validation-flags=0"));
    }

    private static Run start(Path dir, String name, int seconds, List<String> args) {
        Path log = dir.resolve(name + ".log");
        // SIGINT, as a user's Ctrl-C: rtspsrc then tears down; -k ends it if it hangs.
        List<String> command = new ArrayList<>(List.of("timeout", "-s", "INT", "-k", "3", Integer.toString(seconds),
                "gst-launch-1.0"));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            return new Run(name, String.join(" ", command), p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** One gst-launch process. */
    public record Run(String name, String command, Process process, Path log) {
        public void awaitEnd(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError(name + " was still running after " + limit.toSeconds() + " s\n" + report());
            }
        }

        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        /** Buffers that reached the sink after decoding: decoded pictures. */
        public long decodedBuffers() {
            try {
                return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains("last-message = chain")).count() : 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String report() {
            try {
                List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
                List<String> tail = lines.subList(Math.max(0, lines.size() - 30), lines.size());
                return "  command: " + command + "\n  last output:\n" + String.join("\n", tail).indent(4);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
