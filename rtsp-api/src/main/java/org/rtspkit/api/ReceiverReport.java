package org.rtspkit.api;

import java.util.List;

/** RTCP RR (PT 201). STUB bodies. */
public record ReceiverReport(long ssrc, List<ReceptionReport> reports) implements RtcpPacket {
    public int marshalSize() { throw new UnsupportedOperationException("TODO"); }
    public int marshalTo(byte[] dst, int offset) { throw new UnsupportedOperationException("TODO"); }
}
