package org.rtspkit.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs FFmpeg as a publisher or reader, the way CLIENTS.md drives it: every process wrapped in
 * {@code timeout -k} (a UDP reader can hang for minutes once its publisher is gone), stderr kept in a
 * file for the failure message, frames counted from a {@code -progress} file.
 */
final class Ffmpeg {
    private Ffmpeg() {
    }

    /** Fails, with what to install, when ffmpeg or timeout is missing: these tests need the real client. */
    static void requireOnPath() {
        for (String tool : List.of("ffmpeg", "timeout")) {
            if (findOnPath(tool) == null) {
                fail(tool + " is not on PATH (" + System.getenv("PATH") + "). The interop tests drive a real FFmpeg:"
                        + " install it with 'apt-get install -y ffmpeg' (./run-tests does) and run them again.");
            }
        }
    }

    private static Path findOnPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The audio codec a publisher sends beside its H264 video. */
    enum Audio {
        AAC("aac", "128k"),
        OPUS("libopus", "64k");

        private final String encoder;
        private final String bitrate;

        Audio(String encoder, String bitrate) {
            this.encoder = encoder;
            this.bitrate = bitrate;
        }
    }

    /**
     * Publishes a synthetic 30 fps 640x360 H264 picture and a 440 Hz tone for {@code seconds}, in real time.
     *
     * @param transport {@code tcp} or {@code udp}
     */
    static Run publish(Path dir, String name, String url, String transport, int seconds, Audio audio) {
        return start(dir, name, seconds + 20, List.of(
                "-hide_banner", "-nostdin", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=30",
                "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", Integer.toString(seconds), "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30",
                "-pix_fmt", "yuv420p", "-b:v", "1M",
                "-c:a", audio.encoder, "-b:a", audio.bitrate, "-ac", "2",
                "-f", "rtsp", "-rtsp_transport", transport, url), false);
    }

    /**
     * Reads for {@code seconds} of media and decodes every stream (no {@code -c copy}): the frame count
     * is of pictures that decoded.
     */
    static Run read(Path dir, String name, String url, String transport, int seconds) {
        return start(dir, name, seconds + 15, List.of(
                "-hide_banner", "-nostdin", "-loglevel", "error",
                "-rtsp_transport", transport, "-timeout", "5000000",
                "-i", url, "-t", Integer.toString(seconds), "-map", "0",
                "-f", "null", "-"), true);
    }

    /**
     * Reads for {@code seconds} of media, decodes every stream and writes one line per decoded video
     * picture or audio frame, with its MD5, to {@link #frameHashes(Path, String)}.
     */
    static Run hashFrames(Path dir, String name, String url, String transport, int seconds) {
        return start(dir, name, seconds + 15, List.of(
                "-hide_banner", "-nostdin", "-loglevel", "error",
                "-rtsp_transport", transport, "-timeout", "5000000",
                "-i", url, "-t", Integer.toString(seconds), "-map", "0",
                "-f", "framemd5", frameHashes(dir, name).toString()), false);
    }

    /** Where {@link #hashFrames} writes: lines of stream index, dts, pts, duration, size and hash. */
    static Path frameHashes(Path dir, String name) {
        return dir.resolve(name + ".framemd5.txt");
    }

    private static Run start(Path dir, String name, int deadlineSeconds, List<String> ffmpegArgs, boolean progress) {
        Path stderr = dir.resolve(name + ".stderr.txt");
        Path progressFile = dir.resolve(name + ".progress.txt");
        List<String> command = new ArrayList<>(List.of("timeout", "-k", "3", Integer.toString(deadlineSeconds), "ffmpeg"));
        command.addAll(ffmpegArgs);
        if (progress) {
            command.addAll(List.of("-progress", progressFile.toString()));
        }
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(false)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            return new Run(name, String.join(" ", command), process, stderr, progress ? progressFile : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** One FFmpeg process. */
    record Run(String name, String command, Process process, Path stderr, Path progress) {

        /** The exit status; fails (after killing the process) when it has not exited within the time given. */
        int awaitExit(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                fail(name + " was still running after " + limit.toSeconds() + " s\n" + report());
            }
            return process.exitValue();
        }

        /** Waits for a successful exit; fails with FFmpeg's stderr otherwise. */
        void awaitSuccess(Duration limit) throws InterruptedException {
            int status = awaitExit(limit);
            if (status != 0) {
                fail(name + " exited with status " + status + (status == 124 ? " (killed by timeout)" : "") + "\n" + report());
            }
        }

        void kill() {
            // timeout forwards the signal to ffmpeg; the JVM's destroy reaches the wrapper only.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        /** The last {@code frame=} value of the progress file: video pictures decoded. */
        long frames() {
            long frames = -1;
            for (String line : lines(progress)) {
                if (line.startsWith("frame=")) {
                    frames = Long.parseLong(line.substring("frame=".length()).trim());
                }
            }
            return frames;
        }

        String stderrText() {
            return String.join("\n", lines(stderr));
        }

        String report() {
            return "  command: " + command + "\n  stderr:\n" + stderrText().indent(4);
        }

        private static List<String> lines(Path file) {
            try {
                return file != null && Files.exists(file) ? Files.readAllLines(file) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
