package org.rtspkit.formats.internal;

import java.util.Arrays;

/**
 * The bytes of the access unit being assembled, bounded by a limit: an append that would pass it is
 * refused and the buffer marks itself oversized, so a sender cannot make a depacketizer hold more than
 * the limit. Grows by doubling up to the limit and keeps its capacity across units.
 */
public final class UnitBuffer {
    private static final int INITIAL_CAPACITY = 4096;

    private final int limit;
    private byte[] bytes;
    private int size;
    private boolean oversized;

    public UnitBuffer(int limit) {
        this.limit = limit;
        this.bytes = new byte[Math.min(INITIAL_CAPACITY, limit)];
    }

    public int size() {
        return size;
    }

    public boolean oversized() {
        return oversized;
    }

    /** The buffer; valid up to {@link #size()}, and until the next append. */
    public byte[] array() {
        return bytes;
    }

    public void append(byte[] b, int offset, int length) {
        if (!room(length)) {
            return;
        }
        System.arraycopy(b, offset, bytes, size, length);
        size += length;
    }

    public void append(int b) {
        if (!room(1)) {
            return;
        }
        bytes[size++] = (byte) b;
    }

    /** Appends a 4-byte Annex-B start code. */
    public void appendStartCode() {
        if (!room(4)) {
            return;
        }
        bytes[size] = 0;
        bytes[size + 1] = 0;
        bytes[size + 2] = 0;
        bytes[size + 3] = 1;
        size += 4;
    }

    /** Overwrites a byte already appended. */
    public void set(int index, int b) {
        bytes[index] = (byte) b;
    }

    private boolean room(int length) {
        if (oversized) {
            return false;
        }
        if (length > limit - size) {
            oversized = true;
            return false;
        }
        if (length > bytes.length - size) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max((long) bytes.length * 2, (long) size + length)));
        }
        return true;
    }

    /** A copy of the unit; the buffer is then empty. */
    public byte[] take() {
        byte[] unit = Arrays.copyOf(bytes, size);
        clear();
        return unit;
    }

    public void clear() {
        size = 0;
        oversized = false;
    }
}
