package org.rtspkit.formats.internal;

import java.util.Arrays;

/**
 * The NAL units of one access unit as slices of other arrays (no copy), reused from unit to unit: it
 * grows to the largest count seen and then allocates nothing.
 */
public final class NalUnitList {
    private byte[][] arrays = new byte[16][];
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    private int count;

    public int count() {
        return count;
    }

    public byte[] array(int i) {
        return arrays[i];
    }

    public int offset(int i) {
        return offsets[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    public void clear() {
        Arrays.fill(arrays, 0, count, null);
        count = 0;
    }

    public void add(byte[] array, int offset, int length) {
        insert(count, array, offset, length);
    }

    public void insert(int index, byte[] array, int offset, int length) {
        if (count == arrays.length) {
            arrays = Arrays.copyOf(arrays, count * 2);
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        System.arraycopy(arrays, index, arrays, index + 1, count - index);
        System.arraycopy(offsets, index, offsets, index + 1, count - index);
        System.arraycopy(lengths, index, lengths, index + 1, count - index);
        arrays[index] = array;
        offsets[index] = offset;
        lengths[index] = length;
        count++;
    }

    /**
     * Adds the NAL units of an Annex-B byte stream (ITU-T H.264 / H.265 Annex B): each after a
     * {@code 00 00 01} start code, the zero bytes before a start code (of a 4-byte start code, or
     * trailing) left out, as are empty units.
     *
     * @return false, adding nothing, when the bytes do not start with zero bytes and a start code
     */
    public boolean addAnnexB(byte[] b, int offset, int length) {
        int end = offset + length;
        int start = findStartCode(b, offset, end);
        if (start < 0) {
            return false;
        }
        for (int i = offset; i < start; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        int pos = start + 3;
        while (true) {
            int next = findStartCode(b, pos, end);
            int nalEnd = next < 0 ? end : next;
            while (nalEnd > pos && b[nalEnd - 1] == 0) {
                nalEnd--;
            }
            if (nalEnd > pos) {
                add(b, pos, nalEnd - pos);
            }
            if (next < 0) {
                return true;
            }
            pos = next + 3;
        }
    }

    /** Where the next {@code 00 00 01} starts in {@code [from, end)}, or -1. */
    public static int findStartCode(byte[] b, int from, int end) {
        int i = from;
        while (i + 2 < end) {
            int third = b[i + 2] & 0xFF;
            if (third > 1) {
                // No start code can begin at i, i + 1 or i + 2.
                i += 3;
            } else if (third == 1 && b[i + 1] == 0 && b[i] == 0) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }
}
