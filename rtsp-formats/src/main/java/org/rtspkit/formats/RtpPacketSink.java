package org.rtspkit.formats;

/**
 * Receives the RTP packets a {@link Packetizer} writes, one call per packet.
 *
 * <p>The bytes are a whole RTP packet: the 12-byte fixed header (version 2, no padding, no extension,
 * no CSRC) followed by the payload. They are valid only during the call: the packetizer writes its
 * next packet into the same buffer, so a sink that keeps a packet copies it (an engine copies straight
 * into its own pooled packet; nothing is allocated per packet on either side).
 */
@FunctionalInterface
public interface RtpPacketSink {
    /**
     * One finished packet.
     *
     * @param buffer the packetizer's buffer; read only, and only during this call
     * @param offset where the packet starts in {@code buffer}
     * @param length the packet's size in bytes, header included
     */
    void packet(byte[] buffer, int offset, int length);
}
