package org.rtspkit.formats.internal;

/**
 * Reads big-endian bit fields, and the Exp-Golomb codes of H.264 and H.265, from a byte range. Reading
 * past the end throws {@link IllegalArgumentException} naming what was being read; callers that must not
 * throw check {@link #remaining()} first.
 */
public final class BitReader {
    private final byte[] bytes;
    private final long end;
    private long position;

    public BitReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public BitReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = 8L * offset;
        this.end = 8L * (offset + length);
    }

    /** Bits left. */
    public long remaining() {
        return end - position;
    }

    /** Bits read so far from the first byte of the array. */
    public long position() {
        return position;
    }

    public boolean readFlag() {
        return readBits(1) == 1;
    }

    /** An unsigned field of 0 to 32 bits. */
    public long readBits(int n) {
        if (n > remaining()) {
            throw new IllegalArgumentException("needs " + n + " more bits at bit " + position + ", only " + remaining()
                    + " left");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            int bit = (bytes[(int) (position >>> 3)] >>> (7 - (position & 7))) & 1;
            v = (v << 1) | bit;
            position++;
        }
        return v;
    }

    public int readInt(int n) {
        return (int) readBits(n);
    }

    public void skip(long n) {
        if (n > remaining()) {
            throw new IllegalArgumentException("needs " + n + " more bits at bit " + position + ", only " + remaining()
                    + " left");
        }
        position += n;
    }

    /** Skips to the next byte boundary. */
    public void align() {
        position = Math.min(end, (position + 7) & ~7L);
    }

    /** An unsigned Exp-Golomb code, ue(v). */
    public long readUe() {
        int zeros = 0;
        while (!readFlag()) {
            zeros++;
            if (zeros > 31) {
                throw new IllegalArgumentException("Exp-Golomb code longer than 32 bits at bit " + position);
            }
        }
        return (1L << zeros) - 1 + readBits(zeros);
    }

    /** A signed Exp-Golomb code, se(v). */
    public long readSe() {
        long k = readUe();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }
}
