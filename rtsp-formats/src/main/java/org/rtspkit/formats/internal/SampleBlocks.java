package org.rtspkit.formats.internal;

import org.rtspkit.formats.RtpPacketSink;

/**
 * Packetizes audio whose payload is a run of fixed-size sample frames (G.711, LPCM, G.722): a block of
 * any length is cut into packets of whole frames within the payload, each packet's timestamp advanced
 * by the frames before it. The marker bit is 0, as RFC 3551 §4.1 asks of senders without silence
 * suppression. Allocates nothing.
 */
public final class SampleBlocks {
    private final RtpPacketWriter writer;
    private final int frameSize;
    private final int ticksPerFrame;

    /**
     * @param frameSize bytes of one sample frame (a sample of every channel)
     * @param ticksPerFrame clock ticks one frame lasts
     */
    public SampleBlocks(RtpPacketWriter writer, int frameSize, int ticksPerFrame) {
        this.writer = writer;
        this.frameSize = frameSize;
        this.ticksPerFrame = ticksPerFrame;
        if (writer.maxPayloadSize() < frameSize) {
            throw new IllegalArgumentException("a payload of " + writer.maxPayloadSize() + " bytes cannot hold one "
                    + frameSize + "-byte sample frame");
        }
    }

    public int send(byte[] samples, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(samples, offset, length);
        if (length == 0 || length % frameSize != 0) {
            throw new IllegalArgumentException("a block of samples is a positive whole number of " + frameSize
                    + "-byte frames, not " + length + " bytes");
        }
        int chunkMax = writer.maxPayloadSize() / frameSize * frameSize;
        long timestamp = writer.timestamp(presentationTime);
        int packets = 0;
        for (int done = 0; done < length; ) {
            int chunk = Math.min(chunkMax, length - done);
            System.arraycopy(samples, offset + done, writer.buffer(), RtpPacketWriter.PAYLOAD_OFFSET, chunk);
            writer.send(chunk, false, (timestamp + (long) (done / frameSize) * ticksPerFrame) & 0xFFFF_FFFFL, sink);
            done += chunk;
            packets++;
        }
        return packets;
    }
}
