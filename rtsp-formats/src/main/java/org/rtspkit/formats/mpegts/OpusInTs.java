package org.rtspkit.formats.mpegts;

/**
 * Opus in transport streams: each packet behind an Opus control header ({@code 0x7FE0} prefix, trim
 * flags, the packet's size as a run of 0xFF bytes), and the duration each packet's TOC byte gives
 * (RFC 6716 §3.1), which times the packets after the first of a PES.
 */
final class OpusInTs {
    static final int PREFIX = 0x7FE0;
    static final int PREFIX_MASK = 0xFFE0;

    private OpusInTs() {
    }

    /** Samples at 48 kHz of one Opus packet; 0 when the packet is too short to tell. */
    static int samples(byte[] b, int offset, int length) {
        if (length < 1) {
            return 0;
        }
        int toc = b[offset] & 0xFF;
        int config = toc >> 3;
        int frameSamples;
        if (config < 12) {
            frameSamples = new int[] {480, 960, 1920, 2880}[config & 3];
        } else if (config < 16) {
            frameSamples = (config & 1) == 0 ? 480 : 960;
        } else {
            frameSamples = 120 << (config & 3);
        }
        int frames = switch (toc & 3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> length < 2 ? 0 : b[offset + 1] & 0x3F;
        };
        return frameSamples * frames;
    }

    /** Bytes of the control header of a packet of {@code size} bytes, without trims or extension. */
    static int headerSize(int size) {
        return 2 + size / 255 + 1;
    }

    /** Writes the control header of a packet of {@code size} bytes at {@code at}; returns the index after it. */
    static int writeHeader(byte[] b, int at, int size) {
        b[at++] = 0x7F;
        b[at++] = (byte) 0xE0;
        int left = size;
        while (left >= 255) {
            b[at++] = (byte) 0xFF;
            left -= 255;
        }
        b[at++] = (byte) left;
        return at;
    }
}
