package org.rtspkit.spi;

import java.net.InetSocketAddress;

/**
 * The RTSP connection, for transports that carry media inside it. The write methods may only be called
 * from a {@link PacketSink#send} call (the connection's I/O thread); registration is thread-safe.
 */
public interface ControlChannel {
    InetSocketAddress remoteAddress();

    /** Bytes that may still be appended before the connection's bounded output is full. */
    int writableBytes();

    /** Appends bytes to the connection's output; at most {@link #writableBytes()}. */
    void write(byte[] data, int offset, int length);

    /** Routes interleaved frames received on {@code channel} to {@code receiver} (RTP or RTCP decided by the caller). */
    void onInterleaved(int channel, InterleavedReceiver receiver);

    void removeInterleaved(int channel);

    /** Receives one interleaved frame's payload, valid only during the call. */
    @FunctionalInterface
    interface InterleavedReceiver {
        void frame(byte[] data, int offset, int length);
    }
}
