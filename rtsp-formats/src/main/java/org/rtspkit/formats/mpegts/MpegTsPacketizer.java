package org.rtspkit.formats.mpegts;

import java.util.Map;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.RtpPacketWriter;

/**
 * MPEG-2 transport stream packetizer (RFC 2250 §2). An access unit is any whole number of 188-byte TS
 * packets; they go as many to an RTP packet as fit the payload (7 at the default size), all with the
 * timestamp of the unit's presentation time. The marker bit is 0 (RFC 2250 sets it on timestamp
 * discontinuities only). Allocates nothing per packet.
 */
public final class MpegTsPacketizer implements Packetizer {
    /** The static payload type of MP2T (RFC 3551). */
    public static final int PAYLOAD_TYPE = 33;
    /** Bytes of a TS packet. */
    public static final int TS_PACKET_SIZE = 188;
    static final int SYNC_BYTE = 0x47;

    private final GenericFormat format;
    private final RtpPacketWriter writer;

    /**
     * A packetizer.
     *
     * @param format an {@code MP2T/90000} format ({@link #defaultFormat()})
     * @param settings the largest payload (at least one TS packet) and the first header values
     */
    public MpegTsPacketizer(GenericFormat format, PacketizerSettings settings) {
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, TS_PACKET_SIZE);
    }

    /**
     * The format of MPEG-TS over RTP: static payload type 33, {@code MP2T/90000}.
     *
     * @return the format
     */
    public static GenericFormat defaultFormat() {
        return new GenericFormat(PAYLOAD_TYPE, 90000, "MP2T/90000", Map.of());
    }

    @Override
    public GenericFormat format() {
        return format;
    }

    /**
     * Packetizes TS packets.
     *
     * @throws IllegalArgumentException when the bytes are not whole TS packets, each starting with 0x47
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(unit, offset, length);
        if (length == 0 || length % TS_PACKET_SIZE != 0) {
            throw new IllegalArgumentException("MPEG-TS goes in whole 188-byte packets, not " + length + " bytes");
        }
        for (int i = offset; i < offset + length; i += TS_PACKET_SIZE) {
            if ((unit[i] & 0xFF) != SYNC_BYTE) {
                throw new IllegalArgumentException("TS packet at byte " + (i - offset) + " has no sync byte");
            }
        }
        int chunkMax = writer.maxPayloadSize() / TS_PACKET_SIZE * TS_PACKET_SIZE;
        long timestamp = writer.timestamp(presentationTime);
        int packets = 0;
        for (int done = 0; done < length; ) {
            int chunk = Math.min(chunkMax, length - done);
            System.arraycopy(unit, offset + done, writer.buffer(), RtpPacketWriter.PAYLOAD_OFFSET, chunk);
            writer.send(chunk, false, timestamp, sink);
            done += chunk;
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
