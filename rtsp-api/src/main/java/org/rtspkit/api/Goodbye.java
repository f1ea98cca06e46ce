package org.rtspkit.api;

import java.util.List;

/** RTCP BYE (PT 203). {@code reason} may be null. STUB bodies. */
public record Goodbye(List<Long> sources, String reason) implements RtcpPacket {
    public int marshalSize() { throw new UnsupportedOperationException("TODO"); }
    public int marshalTo(byte[] dst, int offset) { throw new UnsupportedOperationException("TODO"); }
}
