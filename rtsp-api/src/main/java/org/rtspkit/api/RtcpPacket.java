package org.rtspkit.api;

import java.util.List;

/**
 * One RTCP packet (RFC 3550 §6). A datagram or interleaved frame carries a compound packet: see
 * {@link #unmarshalCompound} and {@link #marshalCompound}.
 * STUB: signatures fixed, bodies to be written.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Goodbye, GenericRtcpPacket {
    /** Bytes {@link #marshalTo} writes. */
    int marshalSize();

    /** Writes the packet at {@code offset}; returns the number of bytes written. */
    int marshalTo(byte[] dst, int offset);

    default byte[] marshal() {
        byte[] b = new byte[marshalSize()];
        marshalTo(b, 0);
        return b;
    }

    /** Parses a compound packet; {@link MalformedDataException} if any part is invalid. */
    static List<RtcpPacket> unmarshalCompound(byte[] buf, int offset, int length) {
        throw new UnsupportedOperationException("TODO");
    }

    static List<RtcpPacket> unmarshalCompound(byte[] buf) {
        return unmarshalCompound(buf, 0, buf.length);
    }

    static byte[] marshalCompound(List<? extends RtcpPacket> packets) {
        throw new UnsupportedOperationException("TODO");
    }
}
