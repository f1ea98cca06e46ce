package org.rtspkit.spi;

import java.net.InetSocketAddress;

/**
 * The engine's receiver for RTCP that multicast readers send to a group's RTCP port. Unlike
 * {@link InboundPackets}, it is shared by every reader of the group, so each packet comes with its
 * source: the engine matches it to a reader session by IP.
 *
 * <p>Calls arrive on the multicast service's single receive thread, one at a time for the whole
 * server: an implementation must not block. The bytes are valid only during the call. Packets the
 * group sent itself and that the system looped back are filtered out before this is called; a packet
 * from another sender that carries one of the stream's own SSRCs should still be ignored rather than
 * treated as an SSRC collision.
 */
@FunctionalInterface
public interface MulticastInbound {
    /**
     * One RTCP compound packet a reader sent to the group.
     *
     * @param source the address and port it came from
     * @param data the buffer that holds the packet
     * @param offset where the packet starts
     * @param length its length in bytes
     */
    void rtcp(InetSocketAddress source, byte[] data, int offset, int length);
}
