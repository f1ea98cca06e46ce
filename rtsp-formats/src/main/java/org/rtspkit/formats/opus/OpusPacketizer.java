package org.rtspkit.formats.opus;

import org.rtspkit.api.OpusFormat;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.RtpPacketWriter;

/**
 * Opus packetizer (RFC 7587). An access unit is one Opus packet (RFC 6716), sent as the whole payload
 * of one RTP packet, timestamps at 48 kHz whatever the coded bandwidth. Opus packets are not
 * fragmented, so one larger than the payload is refused. The marker bit is 0 (no discontinuous
 * transmission). Allocates nothing per packet.
 */
public final class OpusPacketizer implements Packetizer {
    private final OpusFormat format;
    private final RtpPacketWriter writer;

    /**
     * A packetizer.
     *
     * @param format the format
     * @param settings the largest payload and the first header values
     */
    public OpusPacketizer(OpusFormat format, PacketizerSettings settings) {
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, 1);
    }

    @Override
    public OpusFormat format() {
        return format;
    }

    /**
     * Packetizes one Opus packet.
     *
     * @throws IllegalArgumentException when the packet is empty or larger than the payload
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(unit, offset, length);
        if (length == 0 || length > writer.maxPayloadSize()) {
            throw new IllegalArgumentException("an Opus packet of " + length + " bytes does not fit a payload of "
                    + writer.maxPayloadSize() + " bytes (RFC 7587 does not fragment)");
        }
        System.arraycopy(unit, offset, writer.buffer(), RtpPacketWriter.PAYLOAD_OFFSET, length);
        writer.send(length, false, writer.timestamp(presentationTime), sink);
        return 1;
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
