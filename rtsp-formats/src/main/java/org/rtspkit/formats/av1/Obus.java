package org.rtspkit.formats.av1;

/**
 * OBUs of an AV1 temporal unit in the low-overhead bitstream format (AV1 specification §5.3): each an
 * OBU header (forbidden bit, type, extension flag, has-size flag, reserved bit; an extension byte when
 * flagged), a LEB128 size when flagged, then its payload.
 */
final class Obus {
    static final int SEQUENCE_HEADER = 1;
    static final int TEMPORAL_DELIMITER = 2;
    static final int TILE_LIST = 8;
    static final int PADDING = 15;

    private Obus() {
    }

    static int type(int header) {
        return (header >>> 3) & 0x0F;
    }

    static boolean hasExtension(int header) {
        return (header & 0x04) != 0;
    }

    static boolean hasSize(int header) {
        return (header & 0x02) != 0;
    }

    /** Bytes LEB128 takes for a value. */
    static int leb128Size(long value) {
        int size = 1;
        while (value >= 0x80) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Writes a value as LEB128; returns the bytes written. */
    static int writeLeb128(byte[] b, int at, long value) {
        int i = at;
        do {
            int low = (int) (value & 0x7F);
            value >>>= 7;
            b[i++] = (byte) (value != 0 ? low | 0x80 : low);
        } while (value != 0);
        return i - at;
    }

    /**
     * Reads a LEB128 value at {@code at} (at most 8 bytes, below 2^32); returns the value and stores
     * its length in {@code size[0]}, or returns -1 when it runs past {@code end} or is out of range.
     */
    static long readLeb128(byte[] b, int at, int end, int[] size) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            if (at + i >= end) {
                return -1;
            }
            int v = b[at + i] & 0xFF;
            value |= (long) (v & 0x7F) << (7 * i);
            if ((v & 0x80) == 0) {
                size[0] = i + 1;
                return value > 0xFFFF_FFFFL ? -1 : value;
            }
        }
        return -1;
    }
}
