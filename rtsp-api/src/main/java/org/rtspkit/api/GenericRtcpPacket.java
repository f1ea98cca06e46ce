package org.rtspkit.api;

import java.util.Arrays;

/**
 * Any other RTCP packet (APP, transport and payload feedback, XR...), kept as its header fields and
 * raw body. A body whose length is not a multiple of 4 is sent with RTCP padding (the P bit), and
 * padding is removed again on parsing, so the body survives a round trip.
 *
 * @param packetType the PT field, 0..255
 * @param count      the 5-bit field after the P bit (report count, FMT or subtype), 0..31
 * @param body       everything after the 4-byte header, without padding; copied in and out
 */
public record GenericRtcpPacket(int packetType, int count, byte[] body) implements RtcpPacket {
    /**
     * Checks the header fields and the packet size, and copies the body.
     *
     * @param packetType the PT field, 0..255
     * @param count the 5-bit field after the P bit (report count, FMT or subtype), 0..31
     * @param body everything after the 4-byte header, without padding; copied in and out
     */
    public GenericRtcpPacket {
        Wire.checkRange(packetType, 0, 255, "RTCP packet type");
        Wire.checkRange(count, 0, RtcpCodec.MAX_COUNT, "RTCP count");
        body = body == null ? Wire.NO_BYTES : body.clone();
        RtcpCodec.checkSize(RtcpCodec.HEADER_SIZE + body.length, "RTCP packet");
    }

    /**
     * The packet's body after the header, without padding.
     *
     * @return a copy of the body
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    private int paddingSize() {
        return (4 - body.length % 4) % 4;
    }

    @Override
    public int marshalSize() {
        return RtcpCodec.HEADER_SIZE + body.length + paddingSize();
    }

    @Override
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        Wire.checkRoom(dst, offset, size);
        int padding = paddingSize();
        RtcpCodec.writeHeader(dst, offset, padding > 0, count, packetType, size);
        System.arraycopy(body, 0, dst, offset + RtcpCodec.HEADER_SIZE, body.length);
        if (padding > 0) {
            Arrays.fill(dst, offset + size - padding, offset + size - 1, (byte) 0);
            dst[offset + size - 1] = (byte) padding;
        }
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenericRtcpPacket p && packetType == p.packetType && count == p.count
                && Arrays.equals(body, p.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * packetType + count) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "GenericRtcpPacket[packetType=" + packetType + ", count=" + count + ", body=" + Wire.describe(body) + "]";
    }
}
