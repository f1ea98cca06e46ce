package org.rtspkit.formats.klv;

import java.util.Map;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.RtpPacketWriter;

/**
 * KLV metadata packetizer (RFC 6597). An access unit is one KLV unit: one or more whole KLV items
 * (SMPTE 336M: a 16-byte universal label key, a BER length, the value) that share a time. It is cut
 * into packets of at most the payload, all with its timestamp; the last one has the marker bit.
 * Allocates nothing per packet.
 */
public final class KlvPacketizer implements Packetizer {
    /** The encoding name in the rtpmap. */
    public static final String ENCODING = "SMPTE336M";

    private final GenericFormat format;
    private final RtpPacketWriter writer;

    /**
     * A packetizer.
     *
     * @param format an {@code SMPTE336M/<rate>} format
     * @param settings the largest payload and the first header values
     */
    public KlvPacketizer(GenericFormat format, PacketizerSettings settings) {
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, 1);
    }

    /**
     * A KLV format.
     *
     * @param payloadType the dynamic payload type
     * @param clockRate the RTP clock rate (90000 to share the video's)
     * @return {@code SMPTE336M/<clockRate>}
     */
    public static GenericFormat format(int payloadType, int clockRate) {
        return new GenericFormat(payloadType, clockRate, ENCODING + "/" + clockRate, Map.of());
    }

    @Override
    public GenericFormat format() {
        return format;
    }

    /**
     * Packetizes one KLV unit.
     *
     * @throws IllegalArgumentException when the bytes are not whole KLV items
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(unit, offset, length);
        if (!KlvUnits.whole(unit, offset, length)) {
            throw new IllegalArgumentException("not a KLV unit of whole items with universal label keys");
        }
        long timestamp = writer.timestamp(presentationTime);
        int packets = 0;
        for (int done = 0; done < length; ) {
            int chunk = Math.min(writer.maxPayloadSize(), length - done);
            System.arraycopy(unit, offset + done, writer.buffer(), RtpPacketWriter.PAYLOAD_OFFSET, chunk);
            done += chunk;
            writer.send(chunk, done == length, timestamp, sink);
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
