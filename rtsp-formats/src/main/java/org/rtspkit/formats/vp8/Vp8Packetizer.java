package org.rtspkit.formats.vp8;

import java.util.Map;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.RtpPacketWriter;

/**
 * VP8 packetizer (RFC 7741). An access unit is one compressed VP8 frame. It is cut into packets of
 * at most the payload, each after a one-byte payload descriptor without extensions: S = 1 with partition
 * index 0 on the first packet of the frame, 0 on the others (the frame's partitions go as one run of
 * bytes, as RFC 7741 §4.4 allows). The last packet of a frame has the marker bit. Allocates nothing per
 * packet.
 */
public final class Vp8Packetizer implements Packetizer {
    /** The encoding name in the rtpmap. */
    public static final String ENCODING = "VP8";

    private final GenericFormat format;
    private final RtpPacketWriter writer;

    /**
     * A packetizer.
     *
     * @param format a {@code VP8/90000} format
     * @param settings the largest payload and the first header values
     */
    public Vp8Packetizer(GenericFormat format, PacketizerSettings settings) {
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, 2);
    }

    /**
     * A VP8 format.
     *
     * @param payloadType the dynamic payload type
     * @return {@code VP8/90000}
     */
    public static GenericFormat format(int payloadType) {
        return new GenericFormat(payloadType, 90000, ENCODING + "/90000", Map.of());
    }

    @Override
    public GenericFormat format() {
        return format;
    }

    /**
     * Packetizes one VP8 frame.
     *
     * @throws IllegalArgumentException when the frame is shorter than a VP8 frame tag (3 bytes)
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(unit, offset, length);
        if (length < 3) {
            throw new IllegalArgumentException("a VP8 frame of " + length + " bytes has no frame tag");
        }
        byte[] buf = writer.buffer();
        long timestamp = writer.timestamp(presentationTime);
        int chunkMax = writer.maxPayloadSize() - 1;
        int packets = 0;
        for (int done = 0; done < length; ) {
            int chunk = Math.min(chunkMax, length - done);
            buf[RtpPacketWriter.PAYLOAD_OFFSET] = (byte) (done == 0 ? 0x10 : 0);
            System.arraycopy(unit, offset + done, buf, RtpPacketWriter.PAYLOAD_OFFSET + 1, chunk);
            done += chunk;
            writer.send(1 + chunk, done == length, timestamp, sink);
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
