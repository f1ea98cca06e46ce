package org.rtspkit.server.demo;

import java.util.ArrayList;
import java.util.List;
import org.rtspkit.api.RtpPacket;

/**
 * Splits JPEG frames into RTP packets (RFC 2435, static payload type 26). Every packet carries the
 * 8-byte main JPEG header; the first of a frame also carries the two quantization tables, announced
 * by Q = 255, since the encoder's tables are not the ones a Q factor from 1 to 99 stands for. Not
 * thread-safe: sequence numbers continue from frame to frame.
 */
final class JpegRtpPacketizer {
    static final int PAYLOAD_TYPE = 26;
    /** RFC 2435 §3.1: type-specific, fragment offset, type, Q, width and height. */
    static final int MAIN_HEADER_SIZE = 8;
    /** RFC 2435 §3.1.8: MBZ, precision, length, then the tables. */
    static final int QUANTIZATION_HEADER_SIZE = 4;
    /** Q values from 128 up mean the tables travel in-band; 255 that they may change with every frame. */
    static final int Q_IN_BAND_TABLES = 255;
    /** The fragment offset field is 24 bits wide. */
    static final int MAX_SCAN_SIZE = 1 << 24;

    private final int maxPacketSize;
    private int sequenceNumber;

    /**
     * @param maxPacketSize         the largest RTP packet, header included (the server's {@code maxPacketSize})
     * @param firstSequenceNumber   the sequence number of the first packet
     */
    JpegRtpPacketizer(int maxPacketSize, int firstSequenceNumber) {
        int least = RtpPacket.HEADER_SIZE + MAIN_HEADER_SIZE + QUANTIZATION_HEADER_SIZE + 128 + 1;
        if (maxPacketSize < least) {
            throw new IllegalArgumentException("packets of " + maxPacketSize + " bytes cannot carry RTP/JPEG; at least "
                    + least + " are needed");
        }
        this.maxPacketSize = maxPacketSize;
        this.sequenceNumber = firstSequenceNumber & 0xFFFF;
    }

    /**
     * The packets of one frame, in order, all with the given 90 kHz timestamp; the last one has the
     * marker bit. Their SSRC is 0: the stream sets its own.
     */
    List<RtpPacket> packetize(BaselineJpeg frame, long timestamp) {
        byte[] scan = frame.scan();
        if (scan.length == 0 || scan.length >= MAX_SCAN_SIZE) {
            throw new IllegalArgumentException("a JPEG scan of " + scan.length + " bytes cannot be sent over RTP");
        }
        byte[] tables = frame.qTables();
        List<RtpPacket> packets = new ArrayList<>(scan.length / (maxPacketSize - 32) + 2);
        int offset = 0;
        while (offset < scan.length) {
            boolean first = offset == 0;
            int headers = MAIN_HEADER_SIZE + (first ? QUANTIZATION_HEADER_SIZE + tables.length : 0);
            int chunk = Math.min(scan.length - offset, maxPacketSize - RtpPacket.HEADER_SIZE - headers);
            byte[] payload = new byte[headers + chunk];
            payload[0] = 0; // type-specific: progressive scan, nothing interlaced
            payload[1] = (byte) (offset >>> 16);
            payload[2] = (byte) (offset >>> 8);
            payload[3] = (byte) offset;
            payload[4] = (byte) frame.type();
            payload[5] = (byte) Q_IN_BAND_TABLES;
            payload[6] = (byte) (frame.width() / 8);
            payload[7] = (byte) (frame.height() / 8);
            if (first) {
                payload[8] = 0; // MBZ
                payload[9] = 0; // precision: every table has 8-bit entries
                payload[10] = (byte) (tables.length >>> 8);
                payload[11] = (byte) tables.length;
                System.arraycopy(tables, 0, payload, 12, tables.length);
            }
            System.arraycopy(scan, offset, payload, headers, chunk);
            offset += chunk;
            packets.add(RtpPacket.of(offset == scan.length, PAYLOAD_TYPE, sequenceNumber, timestamp, 0, payload));
            sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
        }
        return packets;
    }
}
