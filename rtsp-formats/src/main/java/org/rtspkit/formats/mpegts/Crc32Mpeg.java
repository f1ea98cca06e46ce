package org.rtspkit.formats.mpegts;

/** The CRC of PSI sections (ISO/IEC 13818-1 Annex A): CRC-32 with polynomial 0x04C11DB7, not reflected. */
final class Crc32Mpeg {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x8000_0000) != 0 ? (c << 1) ^ 0x04C1_1DB7 : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc32Mpeg() {
    }

    /** The CRC of {@code length} bytes; a section whose CRC field is included computes to 0 when intact. */
    static int of(byte[] b, int offset, int length) {
        int crc = 0xFFFF_FFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ b[i]) & 0xFF];
        }
        return crc;
    }
}
