package org.rtspkit.server.demo;

import java.util.Arrays;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/**
 * A JPEG image reduced to what RTP carries of it (RFC 2435): the receiver rebuilds the headers from
 * the RTP/JPEG header, so only the entropy-coded scan, the size, the chroma sampling and the
 * quantization tables travel. {@link #parse} accepts exactly the images a receiver can rebuild:
 * baseline, three components, standard Huffman tables, no restart markers.
 *
 * @param type    the RTP/JPEG type: 0 for 4:2:2, 1 for 4:2:0 sampling
 * @param width   pixels, a multiple of 8, at most 2040
 * @param height  pixels, a multiple of 8, at most 2040
 * @param qTables the luma then the chroma quantization table, 64 bytes each in zigzag order (as in DQT)
 * @param scan    the entropy-coded data between the SOS header and EOI
 */
record BaselineJpeg(int type, int width, int height, byte[] qTables, byte[] scan) {
    static final int TYPE_422 = 0;
    static final int TYPE_420 = 1;
    /** The RTP/JPEG header gives the size in 8-pixel blocks, in one byte each. */
    static final int MAX_SIDE = 255 * 8;

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOF0 = 0xC0;
    private static final int DHT = 0xC4;
    private static final int DQT = 0xDB;
    private static final int DRI = 0xDD;
    private static final int SOS = 0xDA;

    /**
     * Parses an encoder's output.
     *
     * @throws IllegalArgumentException naming what RFC 2435 cannot carry
     */
    static BaselineJpeg parse(byte[] jpeg) {
        if (jpeg.length < 4 || u8(jpeg, 0) != 0xFF || u8(jpeg, 1) != SOI) {
            throw new IllegalArgumentException("not a JPEG image: no SOI marker");
        }
        byte[][] tables = new byte[4][];
        int width = -1;
        int height = -1;
        int type = -1;
        int i = 2;
        while (true) {
            if (i + 4 > jpeg.length || u8(jpeg, i) != 0xFF) {
                throw new IllegalArgumentException("JPEG marker expected at byte " + i);
            }
            int marker = u8(jpeg, i + 1);
            int length = u16(jpeg, i + 2);
            int body = i + 4;
            int end = i + 2 + length;
            if (length < 2 || end > jpeg.length) {
                throw new IllegalArgumentException("JPEG segment at byte " + i + " runs past the image");
            }
            switch (marker) {
                case DQT -> readQuantizationTables(jpeg, body, end, tables);
                case DHT -> checkStandardHuffmanTables(jpeg, body, end);
                case DRI -> {
                    need(length, 4, "DRI");
                    if (u16(jpeg, body) != 0) {
                        throw new IllegalArgumentException("restart markers are not supported (DRI "
                                + u16(jpeg, body) + ")");
                    }
                }
                case SOF0 -> {
                    need(length, 17, "SOF0");
                    height = u16(jpeg, body + 1);
                    width = u16(jpeg, body + 3);
                    type = frameType(jpeg, body);
                }
                case SOS -> {
                    if (type < 0) {
                        throw new IllegalArgumentException("JPEG scan before any SOF0 frame header");
                    }
                    need(length, 12, "SOS");
                    checkScanHeader(jpeg, body);
                    if (u8(jpeg, jpeg.length - 2) != 0xFF || u8(jpeg, jpeg.length - 1) != EOI) {
                        throw new IllegalArgumentException("JPEG image does not end with EOI right after its scan");
                    }
                    if (tables[0] == null || tables[1] == null) {
                        throw new IllegalArgumentException("JPEG image lacks quantization table 0 or 1");
                    }
                    checkSize(width, height);
                    byte[] qTables = new byte[128];
                    System.arraycopy(tables[0], 0, qTables, 0, 64);
                    System.arraycopy(tables[1], 0, qTables, 64, 64);
                    return new BaselineJpeg(type, width, height, qTables, Arrays.copyOfRange(jpeg, end, jpeg.length - 2));
                }
                default -> {
                    if (marker >= 0xC1 && marker <= 0xCF && marker != 0xC8) {
                        // SOF1..SOF15 (DHT, JPG and DAC already excluded): not baseline.
                        throw new IllegalArgumentException(String.format("JPEG frame type 0x%02X is not baseline", marker));
                    }
                    // APPn (JFIF, EXIF) and COM: the receiver rebuilds headers without them.
                }
            }
            i = end;
        }
    }

    private static void readQuantizationTables(byte[] jpeg, int from, int end, byte[][] tables) {
        int i = from;
        while (i < end) {
            int precision = u8(jpeg, i) >> 4;
            int id = u8(jpeg, i) & 0x0F;
            if (precision != 0 || id > 3 || i + 65 > end) {
                throw new IllegalArgumentException("only 8-bit quantization tables 0..3 are supported");
            }
            tables[id] = Arrays.copyOfRange(jpeg, i + 1, i + 65);
            i += 65;
        }
    }

    /** Type 0 or 1 from the SOF0 components: Y sampled 2x1 or 2x2, Cb and Cr 1x1, tables 0, 1, 1. */
    private static int frameType(byte[] jpeg, int body) {
        if (u8(jpeg, body) != 8 || u8(jpeg, body + 5) != 3) {
            throw new IllegalArgumentException("only 8-bit, three-component (YCbCr) JPEG images are supported");
        }
        int ySampling = u8(jpeg, body + 7);
        boolean chromaAsExpected = u8(jpeg, body + 10) == 0x11 && u8(jpeg, body + 13) == 0x11
                && u8(jpeg, body + 8) == 0 && u8(jpeg, body + 11) == 1 && u8(jpeg, body + 14) == 1;
        if (chromaAsExpected && ySampling == 0x21) {
            return TYPE_422;
        }
        if (chromaAsExpected && ySampling == 0x22) {
            return TYPE_420;
        }
        throw new IllegalArgumentException(String.format(
                "JPEG sampling Y %02X, Cb %02X, Cr %02X is neither 4:2:2 nor 4:2:0 with tables 0, 1, 1",
                ySampling, u8(jpeg, body + 10), u8(jpeg, body + 13)));
    }

    /** One scan of the three components, Y on Huffman tables 0 and Cb, Cr on tables 1, as receivers assume. */
    private static void checkScanHeader(byte[] jpeg, int body) {
        boolean ok = u8(jpeg, body) == 3
                && u8(jpeg, body + 2) == 0x00 && u8(jpeg, body + 4) == 0x11 && u8(jpeg, body + 6) == 0x11
                && u8(jpeg, body + 7) == 0 && u8(jpeg, body + 8) == 63 && u8(jpeg, body + 9) == 0;
        if (!ok) {
            throw new IllegalArgumentException("the JPEG scan is not one baseline scan of Y, Cb and Cr");
        }
    }

    /** Receivers decode with the tables of JPEG Annex K (RFC 2435 §3.1.3); other tables would garble the picture. */
    private static void checkStandardHuffmanTables(byte[] jpeg, int from, int end) {
        int i = from;
        while (i < end) {
            int tableClass = u8(jpeg, i) >> 4;
            int id = u8(jpeg, i) & 0x0F;
            JPEGHuffmanTable expected = switch (tableClass << 4 | id) {
                case 0x00 -> JPEGHuffmanTable.StdDCLuminance;
                case 0x01 -> JPEGHuffmanTable.StdDCChrominance;
                case 0x10 -> JPEGHuffmanTable.StdACLuminance;
                case 0x11 -> JPEGHuffmanTable.StdACChrominance;
                default -> throw new IllegalArgumentException(String.format("unexpected Huffman table %02X", u8(jpeg, i)));
            };
            short[] lengths = expected.getLengths();
            short[] values = expected.getValues();
            boolean same = i + 17 + values.length <= end;
            for (int k = 0; same && k < 16; k++) {
                same = u8(jpeg, i + 1 + k) == lengths[k];
            }
            for (int k = 0; same && k < values.length; k++) {
                same = u8(jpeg, i + 17 + k) == values[k];
            }
            if (!same) {
                throw new IllegalArgumentException(String.format(
                        "Huffman table %02X is not the standard one (optimized tables cannot be sent)", u8(jpeg, i)));
            }
            i += 17 + values.length;
        }
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0 || width % 8 != 0 || height % 8 != 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("JPEG size " + width + "x" + height
                    + " cannot be sent: both sides must be multiples of 8, at most " + MAX_SIDE);
        }
    }

    private static void need(int length, int least, String segment) {
        if (length < least) {
            throw new IllegalArgumentException("JPEG " + segment + " segment of " + length + " bytes is too short");
        }
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i) {
        return u8(b, i) << 8 | u8(b, i + 1);
    }
}
