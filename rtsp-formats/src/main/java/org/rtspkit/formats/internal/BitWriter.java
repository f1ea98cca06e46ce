package org.rtspkit.formats.internal;

import java.util.Arrays;

/** Writes big-endian bit fields into a growing array. */
public final class BitWriter {
    private byte[] bytes = new byte[16];
    private long position;

    public void writeBits(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            int index = (int) (position >>> 3);
            if (index == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            if (((value >>> i) & 1) != 0) {
                bytes[index] |= (byte) (0x80 >>> (position & 7));
            }
            position++;
        }
    }

    public void writeFlag(boolean flag) {
        writeBits(flag ? 1 : 0, 1);
    }

    public long position() {
        return position;
    }

    /** The bits written, padded with zero bits to a whole byte. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, (int) ((position + 7) >>> 3));
    }
}
