package org.rtspkit.formats.av1;

import java.util.Arrays;
import java.util.Map;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.RtpPacketWriter;

/**
 * AV1 packetizer (AOMedia "RTP Payload Format for AV1" v1.0). An access unit is one temporal unit in the
 * low-overhead bitstream format: OBUs each with its size field (the last one may go without), as
 * encoders and ".obu" files write them. Temporal delimiters, tile lists and padding are left out, as
 * the format asks; the other OBUs are sent without their size fields, each after a LEB128 length
 * (W = 0), as many as fit in a packet, an OBU that does not fit being fragmented (Y, then Z on the
 * next packet). N is set on the first packet of a temporal unit that holds a sequence header. The
 * last packet has the marker bit. Allocates nothing per packet.
 */
public final class Av1Packetizer implements Packetizer {
    /** The encoding name in the rtpmap. */
    public static final String ENCODING = "AV1";

    private final GenericFormat format;
    private final RtpPacketWriter writer;
    /** Per OBU kept: where its header and payload start, header size and payload size. */
    private int[] headerAt = new int[16];
    private int[] headerSize = new int[16];
    private int[] payloadAt = new int[16];
    private int[] payloadSize = new int[16];
    private int count;
    private final int[] lebSize = new int[1];

    /**
     * A packetizer.
     *
     * @param format an {@code AV1/90000} format
     * @param settings the largest payload and the first header values
     */
    public Av1Packetizer(GenericFormat format, PacketizerSettings settings) {
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, 8);
    }

    /**
     * An AV1 format.
     *
     * @param payloadType the dynamic payload type
     * @return {@code AV1/90000}
     */
    public static GenericFormat format(int payloadType) {
        return new GenericFormat(payloadType, 90000, ENCODING + "/90000", Map.of());
    }

    @Override
    public GenericFormat format() {
        return format;
    }

    /**
     * Packetizes one temporal unit.
     *
     * @throws IllegalArgumentException when the OBUs are truncated (an OBU without a size field runs to
     *         the end of the unit), or nothing is left to send
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(unit, offset, length);
        boolean sequenceHeader = split(unit, offset, length);
        byte[] buf = writer.buffer();
        int max = writer.maxPayloadSize();
        long timestamp = writer.timestamp(presentationTime);
        int element = 0;
        long done = 0;
        int packets = 0;
        while (element < count) {
            int at = RtpPacketWriter.PAYLOAD_OFFSET + 1;
            boolean continuation = done > 0;
            boolean fragmentAtEnd = false;
            while (element < count) {
                long left = elementSize(element) - done;
                int room = max - (at - RtpPacketWriter.PAYLOAD_OFFSET);
                int lengthBytes = Obus.leb128Size(Math.min(left, room));
                int chunk = (int) Math.min(left, room - lengthBytes);
                if (chunk <= 0) {
                    break;
                }
                at += Obus.writeLeb128(buf, at, chunk);
                copyElement(unit, element, (int) done, chunk, buf, at);
                at += chunk;
                done += chunk;
                if (done == elementSize(element)) {
                    element++;
                    done = 0;
                } else {
                    fragmentAtEnd = true;
                    break;
                }
            }
            buf[RtpPacketWriter.PAYLOAD_OFFSET] = (byte) ((continuation ? 0x80 : 0) | (fragmentAtEnd ? 0x40 : 0)
                    | (packets == 0 && sequenceHeader ? 0x08 : 0));
            writer.send(at - RtpPacketWriter.PAYLOAD_OFFSET, element == count, timestamp, sink);
            packets++;
        }
        return packets;
    }

    private long elementSize(int e) {
        return (long) headerSize[e] + payloadSize[e];
    }

    /** Copies {@code count} bytes of an OBU element from {@code from} on: its header, size flag cleared, then its payload. */
    private void copyElement(byte[] unit, int e, int from, int count, byte[] dst, int at) {
        int i = from;
        int end = from + count;
        int o = at;
        while (i < end && i < headerSize[e]) {
            int b = unit[headerAt[e] + i];
            dst[o++] = (byte) (i == 0 ? b & ~0x02 : b);
            i++;
        }
        if (i < end) {
            System.arraycopy(unit, payloadAt[e] + i - headerSize[e], dst, o, end - i);
        }
    }

    /** Finds the OBUs to send; returns whether there is a sequence header among them. */
    private boolean split(byte[] unit, int offset, int length) {
        count = 0;
        boolean sequenceHeader = false;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int header = unit[i] & 0xFF;
            int hSize = Obus.hasExtension(header) ? 2 : 1;
            if (end - i < hSize || (header & 0x80) != 0) {
                throw new IllegalArgumentException("broken OBU header at byte " + (i - offset));
            }
            int pAt;
            long pSize;
            if (Obus.hasSize(header)) {
                pSize = Obus.readLeb128(unit, i + hSize, end, lebSize);
                pAt = i + hSize + lebSize[0];
                if (pSize < 0 || pSize > end - pAt) {
                    throw new IllegalArgumentException("OBU at byte " + (i - offset) + " runs past the temporal unit");
                }
            } else {
                pAt = i + hSize;
                pSize = end - pAt;
            }
            int type = Obus.type(header);
            if (type != Obus.TEMPORAL_DELIMITER && type != Obus.TILE_LIST && type != Obus.PADDING) {
                sequenceHeader |= type == Obus.SEQUENCE_HEADER;
                if (count == headerAt.length) {
                    headerAt = Arrays.copyOf(headerAt, count * 2);
                    headerSize = Arrays.copyOf(headerSize, count * 2);
                    payloadAt = Arrays.copyOf(payloadAt, count * 2);
                    payloadSize = Arrays.copyOf(payloadSize, count * 2);
                }
                headerAt[count] = i;
                headerSize[count] = hSize;
                payloadAt[count] = pAt;
                payloadSize[count] = (int) pSize;
                count++;
            }
            i = (int) (pAt + pSize);
        }
        if (count == 0) {
            throw new IllegalArgumentException("a temporal unit without an OBU to send");
        }
        return sequenceHeader;
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
