package org.rtspkit.api;

import java.util.List;

/**
 * One RTCP packet (RFC 3550 §6). A datagram or interleaved frame carries a compound packet: see
 * {@link #unmarshalCompound} and {@link #marshalCompound}.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Goodbye, GenericRtcpPacket {
    /**
     * Bytes {@link #marshalTo} writes.
     *
     * @return the packet's size on the wire, in bytes
     */
    int marshalSize();

    /**
     * Writes the packet at {@code offset}; returns the number of bytes written.
     *
     * @param dst the buffer to write to
     * @param offset where in {@code dst} the packet starts
     * @return the number of bytes written
     * @throws IndexOutOfBoundsException when the packet does not fit; nothing is written then
     */
    int marshalTo(byte[] dst, int offset);

    /**
     * The packet as sent on the wire.
     *
     * @return a new array of {@link #marshalSize()} bytes
     */
    default byte[] marshal() {
        byte[] b = new byte[marshalSize()];
        marshalTo(b, 0);
        return b;
    }

    /**
     * Parses a compound packet: packets one after another, each as long as its length field says.
     *
     * @param buf the buffer that holds the compound packet
     * @param offset where the compound packet starts
     * @param length its length in bytes
     * @return the packets in order; at least one
     * @throws MalformedDataException if the buffer is empty or any part is invalid
     * @throws IndexOutOfBoundsException when the range lies outside {@code buf}
     */
    static List<RtcpPacket> unmarshalCompound(byte[] buf, int offset, int length) {
        return RtcpCodec.unmarshalCompound(buf, offset, length);
    }

    /**
     * Parses a compound packet that fills the whole array.
     *
     * @param buf the compound packet
     * @return the packets in order; at least one
     * @throws MalformedDataException if the array is empty or any part is invalid
     */
    static List<RtcpPacket> unmarshalCompound(byte[] buf) {
        return unmarshalCompound(buf, 0, buf.length);
    }

    /**
     * The packets one after another, as one datagram or interleaved frame carries them.
     *
     * @param packets the packets, in order
     * @return the compound packet
     */
    static byte[] marshalCompound(List<? extends RtcpPacket> packets) {
        return RtcpCodec.marshalCompound(packets);
    }
}
