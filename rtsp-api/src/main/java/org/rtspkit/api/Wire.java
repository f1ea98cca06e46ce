package org.rtspkit.api;

import java.util.HexFormat;

/** Big-endian field access and range checks shared by the RTP and RTCP codecs. */
final class Wire {
    static final byte[] NO_BYTES = new byte[0];
    static final int[] NO_INTS = new int[0];
    private static final HexFormat HEX = HexFormat.of();

    private Wire() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static long u32(byte[] b, int i) {
        return s32(b, i) & 0xFFFF_FFFFL;
    }

    static int s32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static long u64(byte[] b, int i) {
        return ((long) s32(b, i) << 32) | u32(b, i + 4);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put24(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 16);
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) v;
    }

    static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    static void put64(byte[] b, int i, long v) {
        put32(b, i, v >>> 32);
        put32(b, i + 4, v);
    }

    static long checkU32(long v, String name) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " must be an unsigned 32-bit value (0..4294967295): " + v);
        }
        return v;
    }

    static int checkRange(int v, int min, int max, String name) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + v);
        }
        return v;
    }

    static int checkPayloadType(int payloadType) {
        return checkRange(payloadType, 0, 127, "payload type");
    }

    /** Throws when {@code size} bytes do not fit in {@code dst} at {@code offset}, before anything is written. */
    static void checkRoom(byte[] dst, int offset, int size) {
        if (offset < 0 || offset > dst.length || dst.length - offset < size) {
            throw new IndexOutOfBoundsException("a packet of " + size + " bytes does not fit at offset " + offset
                    + " of a " + dst.length + "-byte buffer");
        }
    }

    static void checkSlice(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + " + " + length
                    + ") is outside a " + buf.length + "-byte buffer");
        }
    }

    /** Hex of short arrays; long ones (payloads) are summarised so a log line stays readable. */
    static String describe(byte[] b) {
        if (b == null) {
            return "null";
        }
        if (b.length <= 32) {
            return "[" + HEX.formatHex(b) + "]";
        }
        return "[" + b.length + " bytes: " + HEX.formatHex(b, 0, 16) + "...]";
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    static byte[] copy(byte[] b) {
        return b == null ? null : b.clone();
    }
}
