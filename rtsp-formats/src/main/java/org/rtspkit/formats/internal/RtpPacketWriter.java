package org.rtspkit.formats.internal;

import org.rtspkit.api.Format;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;

/**
 * The part of packetizing every format shares: one reusable buffer holding the packet being written,
 * the header fields (payload type, SSRC, the sequence number that continues across calls) and the
 * mapping of presentation times to RTP timestamps. A format writes its payload at
 * {@link #PAYLOAD_OFFSET} of {@link #buffer()} and calls {@link #send}. Allocates nothing after it is made.
 */
public final class RtpPacketWriter {
    /** Where the payload starts in the buffer: after the 12-byte fixed header. */
    public static final int PAYLOAD_OFFSET = 12;

    private final byte[] buffer;
    private final int maxPayloadSize;
    private final int clockRate;
    private final long initialTimestamp;
    private int sequenceNumber;

    /**
     * @param format the format whose payload type and clock rate go in the header
     * @param settings the largest payload, SSRC, first sequence number and first timestamp
     * @param leastPayloadSize the smallest {@code maxPayloadSize} the format can work with
     */
    public RtpPacketWriter(Format format, PacketizerSettings settings, int leastPayloadSize) {
        if (format.clockRate() <= 0) {
            throw new IllegalArgumentException("the format has no clock rate: " + format);
        }
        if (settings.maxPayloadSize() < leastPayloadSize) {
            throw new IllegalArgumentException("a largest payload of " + settings.maxPayloadSize() + " bytes cannot carry "
                    + format.rtpMap() + "; at least " + leastPayloadSize + " are needed");
        }
        this.maxPayloadSize = settings.maxPayloadSize();
        this.buffer = new byte[PAYLOAD_OFFSET + maxPayloadSize];
        this.clockRate = format.clockRate();
        this.initialTimestamp = settings.initialTimestamp();
        this.sequenceNumber = settings.initialSequenceNumber();
        buffer[0] = (byte) 0x80;
        buffer[1] = (byte) format.payloadType();
        Bytes.put32(buffer, 8, settings.ssrc());
    }

    /** The packet buffer; the payload goes from {@link #PAYLOAD_OFFSET} on. */
    public byte[] buffer() {
        return buffer;
    }

    public int maxPayloadSize() {
        return maxPayloadSize;
    }

    public int clockRate() {
        return clockRate;
    }

    /** The RTP timestamp of a presentation time in nanoseconds. */
    public long timestamp(long presentationTime) {
        return (initialTimestamp + RtpClock.ticks(presentationTime, clockRate)) & 0xFFFF_FFFFL;
    }

    /** The sequence number the next packet gets. */
    public int nextSequenceNumber() {
        return sequenceNumber;
    }

    /** Completes the header of the packet whose payload is in the buffer and hands it to the sink. */
    public void send(int payloadLength, boolean marker, long timestamp, RtpPacketSink sink) {
        buffer[1] = (byte) ((buffer[1] & 0x7F) | (marker ? 0x80 : 0));
        Bytes.put16(buffer, 2, sequenceNumber);
        Bytes.put32(buffer, 4, timestamp);
        sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
        sink.packet(buffer, 0, PAYLOAD_OFFSET + payloadLength);
    }
}
