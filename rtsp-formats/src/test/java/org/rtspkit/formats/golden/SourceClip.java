package org.rtspkit.formats.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A clip FFmpeg made, read back packet by packet with FFmpeg: {@code -c copy -f framemd5} gives each
 * packet's times, size and hash, {@code -c copy -f data} the packets' bytes back to back, which the
 * sizes split and the hashes check.
 */
record SourceClip(Path file, long timeBaseNum, long timeBaseDen, List<Packet> packets) {
    record Packet(long dts, long pts, byte[] data, String md5) {
    }

    static SourceClip load(Path dir, Path file) {
        FrameMd5 md5 = FrameMd5.parse(Ffmpeg.output(dir, 60, "-i", file.toString(), "-map", "0:0", "-c", "copy",
                "-f", "framemd5", "-"));
        byte[] data = Ffmpeg.output(dir, 60, "-i", file.toString(), "-map", "0:0", "-c", "copy", "-f", "data", "-");
        List<Packet> packets = new ArrayList<>();
        int at = 0;
        for (FrameMd5.Line line : md5.lines()) {
            byte[] packet = Arrays.copyOfRange(data, at, at + line.size());
            at += line.size();
            assertEquals(line.hash(), md5(packet), "packet " + packets.size() + " of " + file + " read back differently");
            packets.add(new Packet(line.dts(), line.pts(), packet, line.hash()));
        }
        assertEquals(data.length, at, "the packets of " + file + " do not add up to its data");
        return new SourceClip(file, md5.timeBaseNum(), md5.timeBaseDen(), packets);
    }

    /** A time of this clip's time base in nanoseconds. */
    long nanos(long time) {
        return Math.round(time * 1e9 * timeBaseNum / timeBaseDen);
    }

    /** A time of this clip's time base in ticks of a clock. */
    long ticks(long time, int clockRate) {
        return Math.round((double) time * clockRate * timeBaseNum / timeBaseDen);
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
