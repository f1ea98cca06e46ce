package org.rtspkit.formats.klv;

/** The structure of a KLV unit (SMPTE 336M): items of a 16-byte key, a BER length and the value. */
final class KlvUnits {
    /** Every SMPTE universal label starts with these four bytes. */
    static final byte[] KEY_PREFIX = {0x06, 0x0E, 0x2B, 0x34};
    static final int KEY_SIZE = 16;

    private KlvUnits() {
    }

    static boolean startsWithKey(byte[] b, int offset, int length) {
        if (length < KEY_PREFIX.length) {
            return false;
        }
        for (int i = 0; i < KEY_PREFIX.length; i++) {
            if (b[offset + i] != KEY_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the bytes are one or more whole KLV items, each with a universal label key. */
    static boolean whole(byte[] b, int offset, int length) {
        int end = offset + length;
        int i = offset;
        if (length == 0) {
            return false;
        }
        while (i < end) {
            if (!startsWithKey(b, i, end - i) || end - i < KEY_SIZE + 1) {
                return false;
            }
            i += KEY_SIZE;
            int first = b[i++] & 0xFF;
            long valueLength;
            if (first < 0x80) {
                valueLength = first;
            } else {
                int n = first & 0x7F;
                if (n == 0 || n > 8 || n > end - i) {
                    return false;
                }
                valueLength = 0;
                for (int k = 0; k < n; k++) {
                    valueLength = (valueLength << 8) | (b[i++] & 0xFF);
                }
                if (valueLength < 0) {
                    return false;
                }
            }
            if (valueLength > end - i) {
                return false;
            }
            i += (int) valueLength;
        }
        return true;
    }
}
