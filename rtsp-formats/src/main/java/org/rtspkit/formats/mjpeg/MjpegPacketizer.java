package org.rtspkit.formats.mjpeg;

import java.util.Arrays;
import java.util.Map;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.RtpPacketWriter;

/**
 * Motion JPEG packetizer (RFC 2435). An access unit is one JPEG (JFIF) image that {@link JpegImage#parse}
 * accepts. Its scan is cut into packets that each carry the 8-byte main JPEG header (type 0 or 1, or 64
 * or 65 with restart markers, Q = 255, the size in 8-pixel blocks, the fragment offset); the first
 * packet of an image also carries the quantization tables (the encoder's own, which no Q factor from 1
 * to 99 stands for), and the last one has the marker bit. With restart markers every packet carries
 * the restart header with F = L = 1 and the count 0x3FFF (restart intervals not aligned to packets).
 *
 * <p>Parsing an image allocates (a copy of its scan); {@link #packetize(JpegImage, long, RtpPacketSink)}
 * takes an image already parsed and allocates nothing per packet.
 */
public final class MjpegPacketizer implements Packetizer {
    /** The static payload type of JPEG (RFC 3551). */
    public static final int PAYLOAD_TYPE = 26;
    /** RFC 2435 §3.1: type-specific, fragment offset, type, Q, width and height. */
    static final int MAIN_HEADER_SIZE = 8;
    /** RFC 2435 §3.1.7: restart interval, F, L, restart count. */
    static final int RESTART_HEADER_SIZE = 4;
    /** RFC 2435 §3.1.8: MBZ, precision, length, then the tables. */
    static final int QUANTIZATION_HEADER_SIZE = 4;
    /** Q values from 128 up mean the tables travel in band; 255 that they may change with every image. */
    static final int Q_IN_BAND_TABLES = 255;
    /** The smallest {@code maxPayloadSize}: the headers of a first packet with two 8-bit tables, and a byte of scan. */
    public static final int MIN_PAYLOAD_SIZE = MAIN_HEADER_SIZE + QUANTIZATION_HEADER_SIZE + 128 + 1;
    /** The fragment offset field is 24 bits wide. */
    static final int MAX_SCAN_SIZE = 1 << 24;

    private final GenericFormat format;
    private final RtpPacketWriter writer;

    /**
     * A packetizer.
     *
     * @param format a JPEG format ({@link #defaultFormat()}, or another payload type with clock rate 90000)
     * @param settings the largest payload and the first header values
     * @throws IllegalArgumentException when the payload is smaller than {@link #MIN_PAYLOAD_SIZE}
     */
    public MjpegPacketizer(GenericFormat format, PacketizerSettings settings) {
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, MIN_PAYLOAD_SIZE);
    }

    /**
     * The format of Motion JPEG: static payload type 26, {@code JPEG/90000}.
     *
     * @return the format
     */
    public static GenericFormat defaultFormat() {
        return new GenericFormat(PAYLOAD_TYPE, 90000, "JPEG/90000", Map.of());
    }

    @Override
    public GenericFormat format() {
        return format;
    }

    /**
     * Packetizes one JPEG image.
     *
     * @throws IllegalArgumentException when the image cannot be sent over RTP (see {@link JpegImage#parse})
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(unit, offset, length);
        byte[] jpeg = offset == 0 && length == unit.length ? unit : Arrays.copyOfRange(unit, offset, offset + length);
        return packetize(JpegImage.parse(jpeg), presentationTime, sink);
    }

    /**
     * Packetizes one image already parsed.
     *
     * @param image the image
     * @param presentationTime its presentation time in nanoseconds
     * @param sink receives each packet, in order, during this call
     * @return the number of packets written
     * @throws IllegalArgumentException when the scan is too large for the 24-bit fragment offset, or the
     *         first packet's headers leave no room in the payload
     */
    public int packetize(JpegImage image, long presentationTime, RtpPacketSink sink) {
        byte[] scan = image.scan();
        byte[] tables = image.qTables();
        boolean restart = image.restartInterval() != 0;
        int mainHeaders = MAIN_HEADER_SIZE + (restart ? RESTART_HEADER_SIZE : 0);
        int firstHeaders = mainHeaders + QUANTIZATION_HEADER_SIZE + tables.length;
        if (scan.length >= MAX_SCAN_SIZE) {
            throw new IllegalArgumentException("a JPEG scan of " + scan.length + " bytes cannot be sent over RTP");
        }
        if (firstHeaders >= writer.maxPayloadSize()) {
            throw new IllegalArgumentException("a payload of " + writer.maxPayloadSize() + " bytes cannot hold "
                    + firstHeaders + " bytes of JPEG headers and some scan");
        }
        byte[] buf = writer.buffer();
        long timestamp = writer.timestamp(presentationTime);
        int packets = 0;
        int done = 0;
        while (done < scan.length) {
            boolean first = done == 0;
            int headers = first ? firstHeaders : mainHeaders;
            int chunk = Math.min(scan.length - done, writer.maxPayloadSize() - headers);
            int at = RtpPacketWriter.PAYLOAD_OFFSET;
            buf[at] = 0; // type-specific: progressive (not interlaced)
            Bytes.put24(buf, at + 1, done);
            buf[at + 4] = (byte) (image.type() + (restart ? 64 : 0));
            buf[at + 5] = (byte) Q_IN_BAND_TABLES;
            buf[at + 6] = (byte) (image.width() / 8);
            buf[at + 7] = (byte) (image.height() / 8);
            at += MAIN_HEADER_SIZE;
            if (restart) {
                Bytes.put16(buf, at, image.restartInterval());
                Bytes.put16(buf, at + 2, 0xFFFF); // F = 1, L = 1, count 0x3FFF
                at += RESTART_HEADER_SIZE;
            }
            if (first) {
                buf[at] = 0; // MBZ
                buf[at + 1] = (byte) image.precision();
                Bytes.put16(buf, at + 2, tables.length);
                System.arraycopy(tables, 0, buf, at + QUANTIZATION_HEADER_SIZE, tables.length);
                at += QUANTIZATION_HEADER_SIZE + tables.length;
            }
            System.arraycopy(scan, done, buf, at, chunk);
            done += chunk;
            writer.send(headers + chunk, done == scan.length, timestamp, sink);
            packets++;
        }
        return packets;
    }

    @Override
    public long rtpTimestamp(long presentationTime) {
        return writer.timestamp(presentationTime);
    }

    @Override
    public int nextSequenceNumber() {
        return writer.nextSequenceNumber();
    }
}
