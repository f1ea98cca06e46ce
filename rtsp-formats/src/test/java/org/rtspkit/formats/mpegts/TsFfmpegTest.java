package org.rtspkit.formats.mpegts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtspkit.formats.nal.AnnexB;

/**
 * Transport streams FFmpeg wrote, read by {@link TsDemuxer}: every unit equals the packet FFmpeg's own
 * demuxer reads ({@code -c copy -f framemd5}), stream by stream, in order. Then the units written again
 * by {@link TsMuxer}: FFmpeg reads the same packets out of that file, and decodes the same pictures.
 */
class TsFfmpegTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac", "h265-opus"})
    void demuxedUnitsAreFfmpegsPacketsAndRemuxingKeepsThem(String clip) throws Exception {
        Path source = dir.resolve(clip + ".ts");
        boolean h264 = clip.startsWith("h264");
        // B-frames, and pictures of more than 64 kB (a PES longer than its 16-bit length field).
        ffmpeg("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "2", "-map", "0:v", "-map", "1:a",
                "-c:v", h264 ? "libx264" : "libx265", "-preset", "veryfast", "-bf", "2", "-g", "25",
                h264 ? "-qp" : "-x265-params", h264 ? "2" : "log-level=error:qp=2:bframes=2",
                "-pix_fmt", "yuv420p", "-c:a", h264 ? "aac" : "libopus", "-ac", "2", "-f", "mpegts", "-y", source.toString());

        List<TsUnit> units = new ArrayList<>();
        TsDemuxer demuxer = new TsDemuxer(units::add);
        byte[] bytes = Files.readAllBytes(source);
        demuxer.push(bytes, 0, bytes.length);
        demuxer.flush();
        assertEquals(0, demuxer.stats().continuityErrors() + demuxer.stats().unitsDropped()
                + demuxer.stats().malformedPackets(), demuxer.stats().toString());
        List<TsTrack> tracks = demuxer.tracks();
        assertEquals(List.of(h264 ? TsCodec.H264 : TsCodec.H265, h264 ? TsCodec.AAC : TsCodec.OPUS),
                tracks.stream().map(TsTrack::codec).toList());
        assertTrue(units.stream().anyMatch(u -> u.data().length > 65_535), "a picture larger than 64 kB");
        assertTrue(units.stream().anyMatch(u -> u.pts() != u.dts()), "B-frames");

        for (int stream = 0; stream < 2; stream++) {
            TsTrack track = tracks.get(stream);
            List<String> ours = units.stream().filter(u -> u.track().equals(track)).map(u -> md5(canonical(track, u.data())))
                    .toList();
            List<String> theirs = copyPackets(source, stream).stream().map(p -> md5(canonical(track, p))).toList();
            assertEquals(theirs, ours, track.codec() + ": units against FFmpeg's packets");
        }

        // Written again, from time 0.
        long first = units.stream().mapToLong(TsUnit::dts).min().orElseThrow();
        TsMuxer muxer = new TsMuxer(tracks);
        Path remuxed = dir.resolve(clip + "-remuxed.ts");
        try (OutputStream out = Files.newOutputStream(remuxed)) {
            for (TsUnit u : units) {
                out.write(muxer.write(u.track(), u.pts() - first, u.dts() - first, u.randomAccess(), u.data()));
            }
        }
        for (int stream = 0; stream < 2; stream++) {
            assertEquals(copyHashes(source, stream), copyHashes(remuxed, stream), "stream " + stream + " after remuxing");
        }
        assertEquals(decodedHashes(source), decodedHashes(remuxed), "decoded pictures after remuxing");
    }

    /**
     * A unit as compared: video with its start codes written one way (FFmpeg's parser hands the zero
     * byte of a four-byte start code to the picture before), audio as it is.
     */
    private static byte[] canonical(TsTrack track, byte[] unit) {
        return track.codec().video() ? AnnexB.normalize(unit) : unit;
    }

    /** FFmpeg's packets of one stream: {@code -f data} gives their bytes, {@code -f framemd5} their sizes. */
    private List<byte[]> copyPackets(Path file, int stream) throws Exception {
        String md5 = ffmpegOutput("-i", file.toString(), "-map", "0:" + stream, "-c", "copy", "-f", "framemd5", "-");
        Path data = dir.resolve("packets-" + stream + ".bin");
        ffmpeg("-i", file.toString(), "-map", "0:" + stream, "-c", "copy", "-f", "data", "-y", data.toString());
        byte[] bytes = Files.readAllBytes(data);
        List<byte[]> packets = new ArrayList<>();
        int at = 0;
        for (String line : md5.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int size = Integer.parseInt(line.split(",")[4].strip());
                packets.add(Arrays.copyOfRange(bytes, at, at + size));
                at += size;
            }
        }
        assertEquals(bytes.length, at, "FFmpeg's packet sizes add up to its data");
        return packets;
    }

    private List<String> copyHashes(Path file, int stream) throws Exception {
        return hashes(ffmpegOutput("-i", file.toString(), "-map", "0:" + stream, "-c", "copy", "-f", "framemd5", "-"));
    }

    private List<String> decodedHashes(Path file) throws Exception {
        List<String> hashes = hashes(ffmpegOutput("-i", file.toString(), "-map", "0:v", "-fps_mode", "passthrough",
                "-f", "framemd5", "-"));
        assertTrue(hashes.size() >= 45, "pictures decoded from " + file + ": " + hashes.size());
        return hashes;
    }

    private static List<String> hashes(String framemd5) {
        List<String> hashes = new ArrayList<>();
        for (String line : framemd5.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split(",");
                hashes.add(f[5].strip());
            }
        }
        return hashes;
    }

    private void ffmpeg(String... args) throws Exception {
        ffmpegOutput(args);
    }

    private String ffmpegOutput(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "ffmpeg", ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("FFmpeg did not finish: " + command);
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + "\n" + read(log));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
