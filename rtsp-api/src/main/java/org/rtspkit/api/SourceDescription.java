package org.rtspkit.api;

import java.util.List;

/** RTCP SDES (PT 202). STUB bodies. */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {
    /** Items of one source; item type 1 is CNAME. */
    public record Chunk(long source, List<Item> items) {}
    public record Item(int type, byte[] text) {}
    public int marshalSize() { throw new UnsupportedOperationException("TODO"); }
    public int marshalTo(byte[] dst, int offset) { throw new UnsupportedOperationException("TODO"); }
}
