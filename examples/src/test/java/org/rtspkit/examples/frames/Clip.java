package org.rtspkit.examples.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A clip FFmpeg encoded, and its first stream's packets as FFmpeg reads them back ({@code -c copy}):
 * {@code -f framemd5} gives each packet's times, size and MD5, {@code -f data} their bytes back to back,
 * which the sizes cut and the hashes check. Times are in the clip's time base.
 */
record Clip(Path file, long timeBaseNum, long timeBaseDen, List<Packet> packets) {
    record Packet(long dts, long pts, byte[] data) {
    }

    /** Encodes {@code name} in {@code dir} with FFmpeg's arguments (inputs, codec, format), then reads it back. */
    static Clip encode(Path dir, String name, String... args) {
        Path file = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("-y"));
        command.addAll(List.of(args));
        command.add(file.toString());
        ffmpeg(dir, 120, command.toArray(new String[0]));
        return load(dir, file);
    }

    static Clip load(Path dir, Path file) {
        String md5 = new String(ffmpeg(dir, 60, "-i", file.toString(), "-map", "0:0", "-c", "copy", "-f", "framemd5",
                "-"), StandardCharsets.US_ASCII);
        byte[] data = ffmpeg(dir, 60, "-i", file.toString(), "-map", "0:0", "-c", "copy", "-f", "data", "-");
        long num = 0;
        long den = 0;
        List<Packet> packets = new ArrayList<>();
        int at = 0;
        for (String line : md5.split("\n")) {
            if (line.startsWith("#tb 0:")) {
                String[] tb = line.substring("#tb 0:".length()).strip().split("/");
                num = Long.parseLong(tb[0]);
                den = Long.parseLong(tb[1]);
            }
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            // stream, dts, pts, duration, size, hash
            String[] f = line.split(",");
            int size = Integer.parseInt(f[4].strip());
            byte[] packet = Arrays.copyOfRange(data, at, at + size);
            at += size;
            assertEquals(f[5].strip(), md5(packet), "packet " + packets.size() + " of " + file + " read back differently");
            packets.add(new Packet(Long.parseLong(f[1].strip()), Long.parseLong(f[2].strip()), packet));
        }
        assertEquals(data.length, at, "the packets of " + file + " do not add up to its data");
        return new Clip(file, num, den, List.copyOf(packets));
    }

    /** A time of the clip's time base in nanoseconds. */
    long nanos(long time) {
        return Math.round(time * 1e9 * timeBaseNum / timeBaseDen);
    }

    /** The MD5 of every frame FFmpeg decodes from the clip's first stream, in order. */
    List<String> decodedHashes(Path dir) {
        return hashes(new String(ffmpeg(dir, 60, "-i", file.toString(), "-map", "0:0", "-fps_mode", "passthrough",
                "-f", "framemd5", "-"), StandardCharsets.US_ASCII));
    }

    /** The hashes of the lines of a framemd5 file's text. */
    static List<String> hashes(String framemd5) {
        return framemd5.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.substring(l.lastIndexOf(',') + 1).strip()).toList();
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs FFmpeg to its end within {@code seconds} and returns its standard output; fails unless it exits 0. */
    static byte[] ffmpeg(Path dir, long seconds, String... args) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "ffmpeg", ".out");
            Path err = Files.createTempFile(dir, "ffmpeg", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail("FFmpeg did not finish within " + seconds + " s: " + command + "\n" + Files.readString(err));
            }
            assertEquals(0, process.exitValue(), () -> "FFmpeg failed: " + command + "\n" + read(err));
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
