package org.rtspkit.testkit;

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
 * file for the failure message, pictures counted from a {@code -progress} file or hashed one by one
 * with {@code -f framemd5}.
 */
public final class Ffmpeg {
    private static final String INSTALL = "ffmpeg";

    private Ffmpeg() {
    }

    /** Fails, with what to install, when ffmpeg or timeout is missing: these tests need the real client. */
    public static void requireOnPath() {
        Tools.require("ffmpeg", "the FFmpeg interop tests", INSTALL);
        Tools.require("timeout", "the FFmpeg interop tests", "coreutils");
    }

    /** The audio codec a publisher sends beside its H264 video. */
    public enum Audio {
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
    public static Run publish(Path dir, String name, String url, String transport, int seconds, Audio audio) {
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
     * Publishes a file as it is ({@code -c copy}), in real time, once (a raw H264 file cannot be looped:
     * FFmpeg cannot seek in it).
     *
     * @param transport {@code tcp} or {@code udp}
     */
    public static Run publishFile(Path dir, String name, Path file, String url, String transport) {
        return start(dir, name, 120, List.of(
                "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-i", file.toString(),
                "-map", "0", "-c", "copy", "-f", "rtsp", "-rtsp_transport", transport, url), false);
    }

    /**
     * Reads for {@code seconds} of media and decodes every stream (no {@code -c copy}): the frame count
     * is of pictures that decoded.
     *
     * @param transport {@code tcp}, {@code udp} or {@code udp_multicast}
     */
    public static Run read(Path dir, String name, String url, String transport, int seconds) {
        return start(dir, name, seconds + 15, List.of(
                "-hide_banner", "-nostdin", "-loglevel", "error",
                "-rtsp_transport", transport, "-timeout", "5000000",
                "-i", url, "-t", Integer.toString(seconds), "-map", "0",
                "-f", "null", "-"), true);
    }

    /**
     * Reads for {@code seconds} of media, decodes every stream and writes one line per decoded video
     * picture or audio frame, with its MD5, to {@link #frameHashes(Path, String)}; {@link Run#hashes()}
     * reads them.
     *
     * @param transport {@code tcp}, {@code udp} or {@code udp_multicast}
     */
    public static Run hashFrames(Path dir, String name, String url, String transport, int seconds) {
        return start(dir, name, seconds + 15, List.of(
                "-hide_banner", "-nostdin", "-loglevel", "error",
                "-rtsp_transport", transport, "-timeout", "5000000",
                "-i", url, "-t", Integer.toString(seconds), "-map", "0",
                "-f", "framemd5", frameHashes(dir, name).toString()), false);
    }

    /** Where {@link #hashFrames} writes: lines of stream index, dts, pts, duration, size and hash. */
    public static Path frameHashes(Path dir, String name) {
        return dir.resolve(name + ".framemd5.txt");
    }

    /**
     * Encodes {@code seconds} of FFmpeg's moving test picture (every picture differs from every other)
     * as an H264 Annex B file: 320x240, {@code fps} pictures a second, a keyframe each second with the
     * parameter sets before it, no B-frames.
     */
    public static Path encodeH264(Path dir, String name, int seconds, int fps) throws InterruptedException {
        return encodeH264(dir, name, seconds, fps, "");
    }

    /**
     * As {@link #encodeH264(Path, String, int, int)}, with more x264 options ({@code key=value:...},
     * for example {@code slice-max-size=1200} for NAL units that each fit one RTP packet).
     */
    public static Path encodeH264(Path dir, String name, int seconds, int fps, String x264Options)
            throws InterruptedException {
        Path file = dir.resolve(name + ".h264");
        start(dir, name, 60, List.of(
                "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=" + fps, "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", Integer.toString(fps),
                "-bf", "0", "-pix_fmt", "yuv420p",
                "-x264-params", x264Options.isEmpty() ? "repeat-headers=1" : "repeat-headers=1:" + x264Options,
                "-f", "h264", "-y", file.toString()), false).awaitSuccess(Duration.ofSeconds(60));
        return file;
    }

    /** Encodes {@code seconds} of a 440 Hz tone as raw G.711 mu-law, 8000 samples a second, mono. */
    public static Path encodeMuLaw(Path dir, String name, int seconds) throws InterruptedException {
        Path file = dir.resolve(name + ".ulaw");
        start(dir, name, 60, List.of(
                "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", Integer.toString(seconds),
                "-ac", "1", "-f", "mulaw", "-y", file.toString()), false).awaitSuccess(Duration.ofSeconds(60));
        return file;
    }

    /** The hashes of every picture of a video file, decoded, in order. */
    public static List<String> decodedPictureHashes(Path dir, Path file) throws InterruptedException {
        String name = "hashes-of-" + file.getFileName();
        Path out = frameHashes(dir, name);
        start(dir, name, 60, List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-i", file.toString(),
                "-map", "0:v", "-f", "framemd5", "-y", out.toString()), false).awaitSuccess(Duration.ofSeconds(60));
        return FrameHash.read(out).stream().map(FrameHash::hash).toList();
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
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            return new Run(name, String.join(" ", command), process, stderr, progress ? progressFile : null,
                    frameHashes(dir, name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * One line of {@code -f framemd5}: a decoded picture or audio frame.
     *
     * @param stream   the stream's index in the input (0 is the first media)
     * @param pts      the presentation time, in the stream's time base
     * @param duration in the stream's time base (audio: samples at the stream's rate)
     * @param size     bytes of the decoded frame
     * @param hash     MD5 of the decoded frame
     */
    public record FrameHash(int stream, long pts, long duration, long size, String hash) {
        /** The lines of a framemd5 file; none when it does not exist. */
        public static List<FrameHash> read(Path file) {
            List<FrameHash> frames = new ArrayList<>();
            for (String line : lines(file)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",\\s*");
                frames.add(new FrameHash(Integer.parseInt(f[0]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), f[5].trim()));
            }
            return frames;
        }
    }

    /** One FFmpeg process. */
    public record Run(String name, String command, Process process, Path stderr, Path progress, Path hashFile) {

        /** The exit status; fails (after killing the process) when it has not exited within the time given. */
        public int awaitExit(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError(name + " was still running after " + limit.toSeconds() + " s\n" + report());
            }
            return process.exitValue();
        }

        /** Waits for a successful exit; fails with FFmpeg's stderr otherwise. */
        public void awaitSuccess(Duration limit) throws InterruptedException {
            int status = awaitExit(limit);
            if (status != 0) {
                throw new AssertionError(name + " exited with status " + status
                        + (status == 124 ? " (killed by timeout)" : "") + "\n" + report());
            }
        }

        public void kill() {
            // timeout forwards the signal to ffmpeg; the JVM's destroy reaches the wrapper only.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        /** The last {@code frame=} value of the progress file: video pictures decoded. */
        public long frames() {
            long frames = -1;
            for (String line : lines(progress)) {
                if (line.startsWith("frame=")) {
                    frames = Long.parseLong(line.substring("frame=".length()).trim());
                }
            }
            return frames;
        }

        /** What {@link Ffmpeg#hashFrames} wrote: one line per decoded picture or audio frame. */
        public List<FrameHash> hashes() {
            return FrameHash.read(hashFile);
        }

        public String stderrText() {
            return String.join("\n", lines(stderr));
        }

        public String report() {
            return "  command: " + command + "\n  stderr:\n" + stderrText().indent(4);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return file != null && Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
