package org.rtspkit.spi;

import java.net.InetSocketAddress;

/**
 * The RTSP connection, for transports that carry media inside it. The write methods may only be called
 * from a {@link PacketSink#send} call (the connection's I/O thread); registration is thread-safe.
 */
public interface ControlChannel {
    /**
     * The client's end of the connection.
     *
     * @return the address and port the client connected from
     */
    InetSocketAddress remoteAddress();

    /**
     * Bytes that may still be appended before the connection's bounded output is full.
     *
     * @return free bytes in the output, 0 when it is full
     */
    int writableBytes();

    /**
     * Appends bytes to the connection's output; at most {@link #writableBytes()}.
     *
     * @param data the buffer that holds the bytes
     * @param offset where they start
     * @param length how many; at most {@link #writableBytes()}
     */
    void write(byte[] data, int offset, int length);

    /**
     * Routes interleaved frames received on {@code channel} to {@code receiver} (RTP or RTCP decided by the caller).
     *
     * @param channel the interleaved channel id, 0..255
     * @param receiver receives each frame's payload
     */
    void onInterleaved(int channel, InterleavedReceiver receiver);

    /**
     * Stops routing frames of a channel; later frames on it are dropped.
     *
     * @param channel the interleaved channel id, 0..255
     */
    void removeInterleaved(int channel);

    /** Receives one interleaved frame's payload, valid only during the call. */
    @FunctionalInterface
    interface InterleavedReceiver {
        /**
         * Called with the payload of one frame.
         *
         * @param data the buffer that holds the payload
         * @param offset where it starts
         * @param length its length in bytes
         */
        void frame(byte[] data, int offset, int length);
    }
}
