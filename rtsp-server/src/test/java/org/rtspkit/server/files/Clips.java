package org.rtspkit.server.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Clips FFmpeg makes for the files and recording tests, and the hashes of what FFmpeg decodes
 * ({@code -f framemd5}: one MD5 per decoded picture or audio frame).
 */
public final class Clips {
    private Clips() {
    }

    /** Pictures a second of every clip, with a keyframe each second. */
    public static final int FPS = 25;

    /**
     * H264 with two B-frames and pictures over 64 kB (1280x720 at quantizer 2), and AAC: {@code name.ts}.
     */
    public static Path h264Aac(Path dir, String name, int seconds) throws Exception {
        return h264Aac(dir, name, seconds, "ts");
    }

    /**
     * As {@link #h264Aac(Path, String, int)} in another container: {@code mkv} for FFmpeg to publish
     * (its RTSP muxer wants AAC's configuration out of band, which MPEG-TS does not give it).
     */
    public static Path h264Aac(Path dir, String name, int seconds, String container) throws Exception {
        Path file = dir.resolve(name + "." + container);
        ffmpeg(dir, 120, "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=" + FPS, "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds), "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", Integer.toString(FPS), "-qp", "2",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2", "-f", container.equals("ts") ? "mpegts" : "matroska", "-y",
                file.toString());
        return file;
    }

    /** H265 with B-frames, and Opus: {@code name.ts}. */
    public static Path h265Opus(Path dir, String name, int seconds) throws Exception {
        Path file = dir.resolve(name + ".ts");
        ffmpeg(dir, 180, "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=" + FPS, "-f", "lavfi", "-i",
                "sine=frequency=330:sample_rate=48000", "-t", Integer.toString(seconds), "-map", "0:v", "-map", "1:a",
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:bframes=2:keyint=" + FPS,
                "-pix_fmt", "yuv420p", "-c:a", "libopus", "-ac", "2", "-f", "mpegts", "-y", file.toString());
        return file;
    }

    /** The video of a clip as a raw Annex-B file ({@code .h264} or {@code .h265}), as it is. */
    public static Path rawVideo(Path dir, Path clip, String name) throws Exception {
        Path file = dir.resolve(name);
        ffmpeg(dir, 60, "-i", clip.toString(), "-map", "0:v", "-c", "copy",
                "-f", name.endsWith("5") ? "hevc" : "h264", "-y", file.toString());
        return file;
    }

    /** The AAC of a clip as an ADTS file. */
    public static Path adts(Path dir, Path clip, String name) throws Exception {
        Path file = dir.resolve(name);
        ffmpeg(dir, 60, "-i", clip.toString(), "-map", "0:a", "-c", "copy", "-f", "adts", "-y", file.toString());
        return file;
    }

    /** The hashes of every decoded picture ({@code v}) or audio frame ({@code a}) of a file, in order. */
    public static List<String> decoded(Path dir, Path file, String stream) throws Exception {
        return hashes(ffmpeg(dir, 120, "-i", file.toString(), "-map", "0:" + stream, "-fps_mode", "passthrough",
                "-f", "framemd5", "-"));
    }

    /** The lines of framemd5 output: their hashes. */
    public static List<String> hashes(String framemd5) {
        List<String> hashes = new ArrayList<>();
        for (String line : framemd5.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                hashes.add(line.split(",")[5].strip());
            }
        }
        return hashes;
    }

    /**
     * Asserts that {@code read} is a run of {@code source} from some frame on, going round to the start
     * when a file loops; returns where it started.
     */
    public static int assertRunOf(List<String> source, List<String> read, String what) {
        assertTrue(!read.isEmpty(), what + ": nothing read");
        int start = source.indexOf(read.get(0));
        assertTrue(start >= 0, what + ": the first frame read is no frame of the source");
        for (int i = 0; i < read.size(); i++) {
            assertEquals(source.get((start + i) % source.size()), read.get(i),
                    what + ": frame " + i + " read (frame " + ((start + i) % source.size()) + " of the source)");
        }
        return start;
    }

    /** Runs FFmpeg and returns its standard output; fails with its standard error. */
    public static String ffmpeg(Path dir, long seconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("timeout", "-k", "3", Long.toString(seconds), "ffmpeg",
                "-hide_banner", "-nostdin", "-loglevel", "error"));
        command.addAll(List.of(args));
        return run(dir, command);
    }

    /** Runs a command and returns its standard output; fails with its standard error. */
    public static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "tool", ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + "\n" + readQuietly(log));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
