package org.rtspkit.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * RTCP BYE (PT 203).
 *
 * @param sources at most 31 SSRC/CSRC identifiers leaving
 * @param reason  why, at most 255 bytes of UTF-8; null when none is given
 */
public record Goodbye(List<Long> sources, String reason) implements RtcpPacket {
    /**
     * Checks the number of sources (at most 31), each source and the reason's length (at most 255 bytes).
     *
     * @param sources at most 31 SSRC/CSRC identifiers leaving
     * @param reason why, at most 255 bytes of UTF-8; null when none is given
     */
    public Goodbye {
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (sources.size() > RtcpCodec.MAX_COUNT) {
            throw new IllegalArgumentException("a goodbye holds at most 31 sources, not " + sources.size());
        }
        for (Long s : sources) {
            Wire.checkU32(s, "source");
        }
        if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("a goodbye reason is at most 255 bytes of UTF-8");
        }
    }

    @Override
    public int marshalSize() {
        int size = RtcpCodec.HEADER_SIZE + 4 * sources.size();
        if (reason != null) {
            size += (1 + reason.getBytes(StandardCharsets.UTF_8).length + 3) & ~3;
        }
        return size;
    }

    @Override
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        Wire.checkRoom(dst, offset, size);
        RtcpCodec.writeHeader(dst, offset, false, sources.size(), RtcpCodec.BYE, size);
        int i = offset + RtcpCodec.HEADER_SIZE;
        for (long s : sources) {
            Wire.put32(dst, i, s);
            i += 4;
        }
        if (reason != null) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            dst[i] = (byte) text.length;
            System.arraycopy(text, 0, dst, i + 1, text.length);
            Arrays.fill(dst, i + 1 + text.length, offset + size, (byte) 0);
        }
        return size;
    }
}
