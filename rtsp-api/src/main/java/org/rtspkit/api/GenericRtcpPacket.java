package org.rtspkit.api;

/** Any other RTCP packet (APP, feedback, XR...), kept as its header fields and raw body. STUB bodies. */
public record GenericRtcpPacket(int packetType, int count, byte[] body) implements RtcpPacket {
    public int marshalSize() { throw new UnsupportedOperationException("TODO"); }
    public int marshalTo(byte[] dst, int offset) { throw new UnsupportedOperationException("TODO"); }
}
