package org.rtspkit.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * The RTP packets the load tool publishes: a 12-byte RTP header, then a payload whose first byte is
 * an H264 NAL unit header (a non-IDR slice, so H264 depayloaders pass it on as a single NAL unit
 * packet), a magic word, the publisher's counter and its {@link System#nanoTime()} at sending, and
 * filler up to the requested size. Readers in the same JVM (or on the same Linux host, where
 * nanoTime is CLOCK_MONOTONIC for every process) subtract that time from their own to get the
 * latency.
 */
final class SyntheticPacket {
    static final int RTP_HEADER = 12;
    static final int PAYLOAD_TYPE = 96;
    /** "rkLT": tells the load tool's packets from anything else on a path. */
    static final int MAGIC = 0x726b4c54;
    /** NAL header byte, magic, counter, time. */
    static final int STAMP = 1 + 4 + 8 + 8;
    static final int MIN_SIZE = RTP_HEADER + STAMP;
    private static final byte NAL_NON_IDR_SLICE = 0x41;

    private SyntheticPacket() {
    }

    /** Writes a whole packet of {@code size} bytes at the buffer's position; filler bytes stay as they are. */
    static void write(ByteBuffer b, int size, int ssrc, long counter, long clockRate, long rate, long nanoTime) {
        int p = b.position();
        b.put(p, (byte) 0x80);
        b.put(p + 1, (byte) (0x80 | PAYLOAD_TYPE)); // marker: every packet is a whole access unit
        b.putShort(p + 2, (short) counter);
        b.putInt(p + 4, (int) (counter * clockRate / rate));
        b.putInt(p + 8, ssrc);
        b.put(p + RTP_HEADER, NAL_NON_IDR_SLICE);
        b.putInt(p + RTP_HEADER + 1, MAGIC);
        b.putLong(p + RTP_HEADER + 5, counter);
        b.putLong(p + RTP_HEADER + 13, nanoTime);
        b.position(p + size);
    }

    /** Offset of the RTP payload in a packet at {@code off}, or -1 when the header is malformed. */
    static int payloadOffset(ByteBuffer b, int off, int len) {
        if (len < RTP_HEADER || (b.get(off) & 0xC0) != 0x80) {
            return -1;
        }
        int first = b.get(off) & 0xff;
        int p = off + RTP_HEADER + 4 * (first & 0x0f);
        if ((first & 0x10) != 0) {
            if (p + 4 > off + len) {
                return -1;
            }
            p += 4 + 4 * (b.getShort(p + 2) & 0xffff);
        }
        return p <= off + len ? p : -1;
    }

    static boolean stamped(ByteBuffer b, int payload, int end) {
        return payload + STAMP <= end && b.getInt(payload + 1) == MAGIC;
    }

    static long counter(ByteBuffer b, int payload) {
        return b.getLong(payload + 5);
    }

    static long nanoTime(ByteBuffer b, int payload) {
        return b.getLong(payload + 13);
    }
}
