package org.rtspkit.formats.g722;

import java.util.Map;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.RtpPacketWriter;
import org.rtspkit.formats.internal.SampleBlocks;

/**
 * G.722 packetizer (RFC 3551 §4.5.2). An access unit is a block of G.722 codewords, one byte per pair
 * of 16 kHz samples, of any length; it is cut into packets within the payload. The RTP clock runs at
 * 8000 Hz, as RFC 3551 fixes for G.722 whatever its sampling rate, so each byte is one tick. The marker
 * bit is 0. Allocates nothing per packet.
 */
public final class G722Packetizer implements Packetizer {
    /** The static payload type of G.722. */
    public static final int PAYLOAD_TYPE = 9;

    private final GenericFormat format;
    private final RtpPacketWriter writer;
    private final SampleBlocks blocks;

    /**
     * A packetizer.
     *
     * @param format a {@code G722/8000} format
     * @param settings the largest payload and the first header values
     */
    public G722Packetizer(GenericFormat format, PacketizerSettings settings) {
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, 1);
        this.blocks = new SampleBlocks(writer, G722Depacketizer.channels(format), 1);
    }

    /**
     * The format of G.722: static payload type 9, {@code G722/8000}.
     *
     * @return the format
     */
    public static GenericFormat defaultFormat() {
        return new GenericFormat(PAYLOAD_TYPE, 8000, "G722/8000", Map.of());
    }

    @Override
    public GenericFormat format() {
        return format;
    }

    /**
     * Packetizes one block of codewords.
     *
     * @throws IllegalArgumentException when the block is empty or not a whole number of sample frames
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        return blocks.send(unit, offset, length, presentationTime, sink);
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
