package org.rtspkit.spi;

/**
 * The engine's receiver for one media of one session. The bytes are valid only during the call.
 * Calls for one session arrive from one thread at a time.
 */
public interface InboundPackets {
    /**
     * One RTP packet from the client.
     *
     * @param data the buffer that holds the packet
     * @param offset where the packet starts
     * @param length its length in bytes
     */
    void rtp(byte[] data, int offset, int length);

    /**
     * One RTCP compound packet from the client.
     *
     * @param data the buffer that holds the packet
     * @param offset where the packet starts
     * @param length its length in bytes
     */
    void rtcp(byte[] data, int offset, int length);
}
