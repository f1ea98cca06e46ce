package org.rtspkit.api;

/**
 * An RTP packet (RFC 3550 §5.1). Unsigned 32-bit fields are held in {@code long}s.
 * STUB: signatures fixed, bodies to be written.
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                        int[] csrcs, RtpExtension extension, byte[] payload, int paddingSize) {

    /** The most common packet: no CSRC, no extension, no padding. */
    public static RtpPacket of(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc, byte[] payload) {
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, new int[0], null, payload, 0);
    }

    /** Bytes {@link #marshalTo} writes. */
    public int marshalSize() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Writes the packet at {@code offset}; returns the number of bytes written. */
    public int marshalTo(byte[] dst, int offset) {
        throw new UnsupportedOperationException("TODO");
    }

    public byte[] marshal() {
        byte[] b = new byte[marshalSize()];
        marshalTo(b, 0);
        return b;
    }

    /** Parses one packet occupying exactly {@code length} bytes; {@link MalformedDataException} if invalid. */
    public static RtpPacket unmarshal(byte[] buf, int offset, int length) {
        throw new UnsupportedOperationException("TODO");
    }

    public static RtpPacket unmarshal(byte[] buf) {
        return unmarshal(buf, 0, buf.length);
    }

    /** Header extension (RFC 3550 §5.3.1): profile-defined id and data (length a multiple of 4). */
    public record RtpExtension(int profile, byte[] data) {
    }
}
