package org.rtspkit.formats.vp9;

import java.util.Map;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.RtpPacketWriter;

/**
 * VP9 packetizer (RFC 9628), non-flexible mode without layers. An access unit is one VP9 frame (or
 * superframe). It is cut into packets of at most the payload, each after a one-byte payload
 * descriptor: B on the first packet, E on the last, P unless the frame is a key frame. The last packet
 * has the marker bit. Allocates nothing per packet.
 */
public final class Vp9Packetizer implements Packetizer {
    /** The encoding name in the rtpmap. */
    public static final String ENCODING = "VP9";

    private final GenericFormat format;
    private final RtpPacketWriter writer;

    /**
     * A packetizer.
     *
     * @param format a {@code VP9/90000} format
     * @param settings the largest payload and the first header values
     */
    public Vp9Packetizer(GenericFormat format, PacketizerSettings settings) {
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, 2);
    }

    /**
     * A VP9 format.
     *
     * @param payloadType the dynamic payload type
     * @return {@code VP9/90000}
     */
    public static GenericFormat format(int payloadType) {
        return new GenericFormat(payloadType, 90000, ENCODING + "/90000", Map.of());
    }

    @Override
    public GenericFormat format() {
        return format;
    }

    /**
     * Packetizes one VP9 frame.
     *
     * @throws IllegalArgumentException when the frame is empty
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(unit, offset, length);
        if (length == 0) {
            throw new IllegalArgumentException("an empty VP9 frame");
        }
        int predicted = Vp9Frames.isKeyFrame(unit, offset, length) ? 0 : 0x40;
        byte[] buf = writer.buffer();
        long timestamp = writer.timestamp(presentationTime);
        int chunkMax = writer.maxPayloadSize() - 1;
        int packets = 0;
        for (int done = 0; done < length; ) {
            int chunk = Math.min(chunkMax, length - done);
            boolean first = done == 0;
            done += chunk;
            boolean last = done == length;
            buf[RtpPacketWriter.PAYLOAD_OFFSET] = (byte) (predicted | (first ? 0x08 : 0) | (last ? 0x04 : 0));
            System.arraycopy(unit, offset + done - chunk, buf, RtpPacketWriter.PAYLOAD_OFFSET + 1, chunk);
            writer.send(1 + chunk, last, timestamp, sink);
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
