package org.rtspkit.spi;

/**
 * The engine's receiver for one media of one session. The bytes are valid only during the call.
 * Calls for one session arrive from one thread at a time.
 */
public interface InboundPackets {
    void rtp(byte[] data, int offset, int length);

    void rtcp(byte[] data, int offset, int length);
}
