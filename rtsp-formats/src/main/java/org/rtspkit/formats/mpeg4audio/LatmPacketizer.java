package org.rtspkit.formats.mpeg4audio;

import org.rtspkit.api.GenericFormat;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.RtpPacketWriter;

/**
 * AAC packetizer for {@code MP4A-LATM} (RFC 6416 with {@code cpresent=0}). An access unit is one raw AAC
 * frame; it is sent as one AudioMuxElement (its PayloadLengthInfo, then the frame), fragmented over
 * several packets when it does not fit one. The marker bit is set on the packet that ends an element.
 * The format must describe one payload per element without other data ({@link LatmConfig#of}).
 * Allocates nothing per packet.
 */
public final class LatmPacketizer implements Packetizer {
    /** The smallest {@code maxPayloadSize}. */
    public static final int MIN_PAYLOAD_SIZE = 64;

    private final GenericFormat format;
    private final RtpPacketWriter writer;

    /**
     * A packetizer.
     *
     * @param format an {@code MP4A-LATM} format, as {@link LatmConfig#toFormat} makes
     * @param settings the largest payload and the first header values
     * @throws IllegalArgumentException when the format is not LATM or its configuration is not one payload
     *         per element without other data, or the payload is too small
     */
    public LatmPacketizer(GenericFormat format, PacketizerSettings settings) {
        LatmConfig config = LatmConfig.fromFormat(format);
        if (config.numSubFrames() != 0 || config.otherDataBits() != 0 || config.crcPresent()) {
            throw new IllegalArgumentException("the LATM packetizer sends one payload per element, without other data: "
                    + config);
        }
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, MIN_PAYLOAD_SIZE);
    }

    @Override
    public GenericFormat format() {
        return format;
    }

    /**
     * Packetizes one raw AAC frame.
     *
     * @throws IllegalArgumentException when the frame is empty or so large that its length does not fit a packet
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(unit, offset, length);
        int lengthInfo = length / 255 + 1;
        if (length == 0 || lengthInfo >= writer.maxPayloadSize()) {
            throw new IllegalArgumentException("an AAC frame of " + length + " bytes cannot be sent as LATM here");
        }
        byte[] buf = writer.buffer();
        int at = RtpPacketWriter.PAYLOAD_OFFSET;
        for (int k = 0; k < lengthInfo - 1; k++) {
            buf[at++] = (byte) 0xFF;
        }
        buf[at++] = (byte) (length % 255);
        long timestamp = writer.timestamp(presentationTime);
        int room = writer.maxPayloadSize() - lengthInfo;
        int packets = 0;
        int done = 0;
        while (done < length) {
            int chunk = Math.min(room, length - done);
            System.arraycopy(unit, offset + done, buf, at, chunk);
            done += chunk;
            writer.send(at - RtpPacketWriter.PAYLOAD_OFFSET + chunk, done == length, timestamp, sink);
            packets++;
            at = RtpPacketWriter.PAYLOAD_OFFSET;
            room = writer.maxPayloadSize();
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
