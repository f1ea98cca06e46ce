package org.rtspkit.formats.lpcm;

import org.rtspkit.api.GenericFormat;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.RtpPacketWriter;
import org.rtspkit.formats.internal.SampleBlocks;

/**
 * LPCM packetizer (L8, L16, L24). An access unit is a block of samples as they go on the wire (L8
 * unsigned, L16 and L24 signed big-endian, channels interleaved), of any whole number of sample frames;
 * it is cut into packets of whole frames within the payload, each packet's timestamp advanced by the
 * frames before it. The marker bit is 0. Allocates nothing per packet.
 */
public final class LpcmPacketizer implements Packetizer {
    private final GenericFormat format;
    private final RtpPacketWriter writer;
    private final SampleBlocks blocks;

    /**
     * A packetizer.
     *
     * @param format an L8, L16 or L24 format
     * @param settings the largest payload and the first header values
     * @throws IllegalArgumentException when the format is not LPCM, or a sample frame does not fit the payload
     */
    public LpcmPacketizer(GenericFormat format, PacketizerSettings settings) {
        LpcmParameters parameters = LpcmParameters.fromFormat(format);
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, parameters.frameSize());
        this.blocks = new SampleBlocks(writer, parameters.frameSize(), 1);
    }

    @Override
    public GenericFormat format() {
        return format;
    }

    /**
     * Packetizes one block of samples.
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
