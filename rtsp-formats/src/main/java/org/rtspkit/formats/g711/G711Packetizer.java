package org.rtspkit.formats.g711;

import org.rtspkit.api.G711Format;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.RtpPacketWriter;
import org.rtspkit.formats.internal.SampleBlocks;

/**
 * G.711 packetizer (RFC 3551 §4.5.14, PCMU and PCMA). An access unit is a block of encoded samples, one
 * byte each, channels interleaved, of any length; it is cut into packets of whole sample frames within
 * the payload, each packet's timestamp advanced by the samples before it. The marker bit is 0.
 * Allocates nothing per packet.
 */
public final class G711Packetizer implements Packetizer {
    private final G711Format format;
    private final RtpPacketWriter writer;
    private final SampleBlocks blocks;

    /**
     * A packetizer.
     *
     * @param format the format
     * @param settings the largest payload and the first header values
     */
    public G711Packetizer(G711Format format, PacketizerSettings settings) {
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, format.channelCount());
        this.blocks = new SampleBlocks(writer, format.channelCount(), 1);
    }

    @Override
    public G711Format format() {
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
