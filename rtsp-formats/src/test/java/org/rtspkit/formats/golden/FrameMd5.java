package org.rtspkit.formats.golden;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of FFmpeg's {@code framemd5} muxer: the time base of stream 0 and one line per packet or
 * decoded frame ({@code stream, dts, pts, duration, size, hash}).
 */
record FrameMd5(long timeBaseNum, long timeBaseDen, List<Line> lines) {
    record Line(long dts, long pts, long duration, int size, String hash) {
    }

    static FrameMd5 parse(byte[] output) {
        long num = 0;
        long den = 0;
        List<Line> lines = new ArrayList<>();
        for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("#tb 0:")) {
                String[] tb = line.substring(6).strip().split("/");
                num = Long.parseLong(tb[0]);
                den = Long.parseLong(tb[1]);
            } else if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split(",");
                if (Integer.parseInt(f[0].strip()) != 0) {
                    continue;
                }
                lines.add(new Line(Long.parseLong(f[1].strip()), Long.parseLong(f[2].strip()), Long.parseLong(f[3].strip()),
                        Integer.parseInt(f[4].strip()), f[5].strip()));
            }
        }
        return new FrameMd5(num, den, lines);
    }

    List<String> hashes() {
        List<String> hashes = new ArrayList<>();
        for (Line l : lines) {
            hashes.add(l.hash());
        }
        return hashes;
    }
}
