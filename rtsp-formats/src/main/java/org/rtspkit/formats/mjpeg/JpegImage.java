package org.rtspkit.formats.mjpeg;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A JPEG image as RTP carries it (RFC 2435): the receiver rebuilds the headers from the RTP/JPEG
 * header, so only the entropy-coded scan, the size, the chroma sampling, the restart interval and the
 * quantization tables travel. {@link #parse} accepts exactly the images a receiver can rebuild:
 * baseline, three components (YCbCr) sampled 4:2:2 or 4:2:0, Cb and Cr on one quantization table
 * (which may be the luminance one), Y on Huffman tables 0 and Cb, Cr on tables 1, the standard Huffman tables, sides multiples of 8 up to 2040. {@link #toJfif()} writes the image back
 * as a JFIF file, the way the depacketizer rebuilds it.
 *
 * @param type            the RTP/JPEG type: 0 for 4:2:2, 1 for 4:2:0 sampling (restart markers are
 *                        given by {@code restartInterval}, not by the type)
 * @param width           pixels, a multiple of 8, 8..2040
 * @param height          pixels, a multiple of 8, 8..2040
 * @param precision       bit {@code i} set when table {@code i} has 16-bit entries (128 bytes) instead of 8-bit ones
 * @param qTables         the quantization tables one after the other, luminance (0) then chrominance (1),
 *                        entries in zig-zag order as in a DQT segment; not copied
 * @param restartInterval MCUs between restart markers, 0 for none
 * @param scan            the entropy-coded data after the SOS header, without the EOI marker; not copied
 */
public record JpegImage(int type, int width, int height, int precision, byte[] qTables, int restartInterval,
                        byte[] scan) {
    /** The RTP/JPEG header gives each side in 8-pixel blocks, in one byte. */
    public static final int MAX_SIDE = 255 * 8;

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOF0 = 0xC0;
    private static final int DHT = 0xC4;
    private static final int DQT = 0xDB;
    private static final int DRI = 0xDD;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;

    /**
     * Checks the fields.
     *
     * @param type 0 (4:2:2) or 1 (4:2:0)
     * @param width pixels, a multiple of 8, 8..2040
     * @param height pixels, a multiple of 8, 8..2040
     * @param precision bit {@code i} set when table {@code i} is 16-bit
     * @param qTables the luminance then chrominance tables
     * @param restartInterval MCUs between restart markers, 0..65535
     * @param scan the entropy-coded data, not empty
     */
    public JpegImage {
        if (type != 0 && type != 1) {
            throw new IllegalArgumentException("RTP/JPEG type must be 0 (4:2:2) or 1 (4:2:0): " + type);
        }
        if (width <= 0 || height <= 0 || width % 8 != 0 || height % 8 != 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("JPEG size " + width + "x" + height
                    + " cannot be sent: both sides must be multiples of 8, at most " + MAX_SIDE);
        }
        Objects.requireNonNull(qTables, "qTables");
        if (qTables.length != tableSize(precision, 0) + tableSize(precision, 1)) {
            throw new IllegalArgumentException("two quantization tables of precision " + precision + " take "
                    + (tableSize(precision, 0) + tableSize(precision, 1)) + " bytes, not " + qTables.length);
        }
        if (restartInterval < 0 || restartInterval > 0xFFFF) {
            throw new IllegalArgumentException("restart interval must be 0..65535: " + restartInterval);
        }
        Objects.requireNonNull(scan, "scan");
        if (scan.length == 0) {
            throw new IllegalArgumentException("a JPEG image needs scan data");
        }
    }

    static int tableSize(int precision, int table) {
        return (precision >>> table & 1) == 1 ? 128 : 64;
    }

    /**
     * Reads an encoder's JPEG (JFIF) image.
     *
     * @param jpeg the whole image, SOI to EOI
     * @return what RTP carries of it
     * @throws IllegalArgumentException naming what RFC 2435 cannot carry, or where the image is broken
     */
    public static JpegImage parse(byte[] jpeg) {
        if (jpeg.length < 4 || u8(jpeg, 0) != 0xFF || u8(jpeg, 1) != SOI) {
            throw new IllegalArgumentException("not a JPEG image: no SOI marker");
        }
        byte[][] tables = new byte[4][];
        int precision = 0;
        int width = -1;
        int height = -1;
        int type = -1;
        int restartInterval = 0;
        int lumaTable = -1;
        int chromaTable = -1;
        int i = 2;
        while (true) {
            if (i + 4 > jpeg.length || u8(jpeg, i) != 0xFF) {
                throw new IllegalArgumentException("JPEG marker expected at byte " + i);
            }
            int marker = u8(jpeg, i + 1);
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int length = u16(jpeg, i + 2);
            int body = i + 4;
            int end = i + 2 + length;
            if (length < 2 || end > jpeg.length) {
                throw new IllegalArgumentException("JPEG segment at byte " + i + " runs past the image");
            }
            switch (marker) {
                case DQT -> precision = readQuantizationTables(jpeg, body, end, tables, precision);
                case DHT -> checkStandardHuffmanTables(jpeg, body, end);
                case DRI -> {
                    need(length, 4, "DRI");
                    restartInterval = u16(jpeg, body);
                }
                case SOF0 -> {
                    need(length, 17, "SOF0");
                    height = u16(jpeg, body + 1);
                    width = u16(jpeg, body + 3);
                    type = frameType(jpeg, body);
                    lumaTable = u8(jpeg, body + 8);
                    chromaTable = u8(jpeg, body + 11);
                }
                case SOS -> {
                    if (type < 0) {
                        throw new IllegalArgumentException("JPEG scan before any SOF0 frame header");
                    }
                    need(length, 12, "SOS");
                    checkScanHeader(jpeg, body);
                    if (tables[lumaTable] == null || tables[chromaTable] == null) {
                        throw new IllegalArgumentException("JPEG image lacks quantization table " + lumaTable + " or "
                                + chromaTable);
                    }
                    int scanEnd = jpeg.length;
                    if (u8(jpeg, scanEnd - 2) == 0xFF && u8(jpeg, scanEnd - 1) == EOI) {
                        scanEnd -= 2;
                    }
                    // The luminance table goes first, the chrominance one second, even when the image
                    // uses one table for both (receivers then get it twice).
                    int p = (precision >>> lumaTable & 1) | (precision >>> chromaTable & 1) << 1;
                    byte[] qTables = new byte[tables[lumaTable].length + tables[chromaTable].length];
                    System.arraycopy(tables[lumaTable], 0, qTables, 0, tables[lumaTable].length);
                    System.arraycopy(tables[chromaTable], 0, qTables, tables[lumaTable].length, tables[chromaTable].length);
                    if (end >= scanEnd) {
                        throw new IllegalArgumentException("JPEG image without scan data");
                    }
                    return new JpegImage(type, width, height, p, qTables, restartInterval,
                            Arrays.copyOfRange(jpeg, end, scanEnd));
                }
                default -> {
                    if (marker >= 0xC1 && marker <= 0xCF && marker != 0xC8 && marker != 0xCC) {
                        // SOF1..SOF15 (DHT, JPG and DAC excluded): not baseline.
                        throw new IllegalArgumentException(String.format("JPEG frame type 0x%02X is not baseline", marker));
                    }
                    // APPn (JFIF, EXIF) and COM: the receiver rebuilds headers without them.
                }
            }
            i = end;
        }
    }

    private static int readQuantizationTables(byte[] jpeg, int from, int end, byte[][] tables, int precision) {
        int i = from;
        int bits = precision;
        while (i < end) {
            int p = u8(jpeg, i) >> 4;
            int id = u8(jpeg, i) & 0x0F;
            int size = p == 0 ? 64 : 128;
            if (p > 1 || id > 3 || i + 1 + size > end) {
                throw new IllegalArgumentException("broken DQT segment at byte " + i);
            }
            tables[id] = Arrays.copyOfRange(jpeg, i + 1, i + 1 + size);
            bits = p == 1 ? bits | (1 << id) : bits & ~(1 << id);
            i += 1 + size;
        }
        return bits;
    }

    /** Type 0 or 1 from the SOF0 components: Y sampled 2x1 or 2x2, Cb and Cr 1x1 on one table, tables 0..3. */
    private static int frameType(byte[] jpeg, int body) {
        if (u8(jpeg, body) != 8 || u8(jpeg, body + 5) != 3) {
            throw new IllegalArgumentException("only 8-bit, three-component (YCbCr) JPEG images can be sent");
        }
        int ySampling = u8(jpeg, body + 7);
        boolean chromaAsExpected = u8(jpeg, body + 10) == 0x11 && u8(jpeg, body + 13) == 0x11
                && u8(jpeg, body + 8) <= 3 && u8(jpeg, body + 11) <= 3 && u8(jpeg, body + 14) == u8(jpeg, body + 11);
        if (chromaAsExpected && ySampling == 0x21) {
            return 0;
        }
        if (chromaAsExpected && ySampling == 0x22) {
            return 1;
        }
        throw new IllegalArgumentException(String.format(
                "JPEG sampling Y %02X, Cb %02X, Cr %02X is neither 4:2:2 nor 4:2:0 with Cb and Cr on one table",
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

    /** Receivers decode with the tables of Annex K; other tables would garble the picture. */
    private static void checkStandardHuffmanTables(byte[] jpeg, int from, int end) {
        int i = from;
        while (i < end) {
            int id = u8(jpeg, i);
            int[] bits;
            int[] values;
            switch (id) {
                case 0x00 -> { bits = JpegTables.DC_LUMINANCE_BITS; values = JpegTables.DC_VALUES; }
                case 0x01 -> { bits = JpegTables.DC_CHROMINANCE_BITS; values = JpegTables.DC_VALUES; }
                case 0x10 -> { bits = JpegTables.AC_LUMINANCE_BITS; values = JpegTables.AC_LUMINANCE_VALUES; }
                case 0x11 -> { bits = JpegTables.AC_CHROMINANCE_BITS; values = JpegTables.AC_CHROMINANCE_VALUES; }
                default -> throw new IllegalArgumentException(String.format("unexpected Huffman table %02X", id));
            }
            boolean same = i + 17 + values.length <= end;
            for (int k = 0; same && k < 16; k++) {
                same = u8(jpeg, i + 1 + k) == bits[k];
            }
            for (int k = 0; same && k < values.length; k++) {
                same = u8(jpeg, i + 17 + k) == values[k];
            }
            if (!same) {
                throw new IllegalArgumentException(String.format(
                        "Huffman table %02X is not the standard one (optimized tables cannot be sent over RTP)", id));
            }
            i += 17 + values.length;
        }
    }

    private static void need(int length, int least, String segment) {
        if (length < least) {
            throw new IllegalArgumentException("JPEG " + segment + " segment of " + length + " bytes is too short");
        }
    }

    /**
     * The image as a JFIF file: SOI, APP0 (JFIF 1.01), DQT, DRI when there are restart markers, SOF0, the
     * standard DHT tables, SOS, the scan, EOI.
     *
     * @return the file's bytes
     */
    public byte[] toJfif() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(scan.length + 1024);
        marker(out, SOI);
        marker(out, APP0);
        u16(out, 16);
        out.writeBytes(new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
        int at = 0;
        for (int table = 0; table < 2; table++) {
            int size = tableSize(precision, table);
            marker(out, DQT);
            u16(out, 3 + size);
            out.write((size == 128 ? 0x10 : 0) | table);
            out.write(qTables, at, size);
            at += size;
        }
        if (restartInterval != 0) {
            marker(out, DRI);
            u16(out, 4);
            u16(out, restartInterval);
        }
        marker(out, SOF0);
        u16(out, 17);
        out.write(8);
        u16(out, height);
        u16(out, width);
        out.write(3);
        out.writeBytes(new byte[] {1, (byte) (type == 0 ? 0x21 : 0x22), 0, 2, 0x11, 1, 3, 0x11, 1});
        marker(out, DHT);
        u16(out, 2 + huffmanSize(JpegTables.DC_VALUES) * 2 + huffmanSize(JpegTables.AC_LUMINANCE_VALUES)
                + huffmanSize(JpegTables.AC_CHROMINANCE_VALUES));
        huffman(out, 0x00, JpegTables.DC_LUMINANCE_BITS, JpegTables.DC_VALUES);
        huffman(out, 0x10, JpegTables.AC_LUMINANCE_BITS, JpegTables.AC_LUMINANCE_VALUES);
        huffman(out, 0x01, JpegTables.DC_CHROMINANCE_BITS, JpegTables.DC_VALUES);
        huffman(out, 0x11, JpegTables.AC_CHROMINANCE_BITS, JpegTables.AC_CHROMINANCE_VALUES);
        marker(out, SOS);
        u16(out, 12);
        out.writeBytes(new byte[] {3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0});
        out.writeBytes(scan);
        marker(out, EOI);
        return out.toByteArray();
    }

    private static int huffmanSize(int[] values) {
        return 17 + values.length;
    }

    private static void huffman(ByteArrayOutputStream out, int id, int[] bits, int[] values) {
        out.write(id);
        for (int b : bits) {
            out.write(b);
        }
        for (int v : values) {
            out.write(v);
        }
    }

    private static void marker(ByteArrayOutputStream out, int marker) {
        out.write(0xFF);
        out.write(marker);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i) {
        return u8(b, i) << 8 | u8(b, i + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JpegImage j && type == j.type && width == j.width && height == j.height
                && precision == j.precision && restartInterval == j.restartInterval
                && Arrays.equals(qTables, j.qTables) && Arrays.equals(scan, j.scan);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(type, width, height, precision, restartInterval);
        return 31 * (31 * h + Arrays.hashCode(qTables)) + Arrays.hashCode(scan);
    }

    @Override
    public String toString() {
        return "JpegImage[type=" + type + ", " + width + "x" + height + ", precision=" + precision
                + ", restartInterval=" + restartInterval + ", scan=" + scan.length + " bytes]";
    }
}
