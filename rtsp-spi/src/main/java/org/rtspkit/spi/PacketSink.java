package org.rtspkit.spi;

import java.io.IOException;

/**
 * Outbound packets of one media of one session. The engine calls it from one I/O thread at a time,
 * with the same bytes for every reader: a sink must not keep or modify {@code data} after returning.
 */
public interface PacketSink {
    /**
     * Sends or buffers one packet.
     *
     * @param rtcp true for RTCP, false for RTP
     * @param data the buffer that holds the packet, shared with other sinks
     * @param offset where the packet starts
     * @param length its length in bytes
     * @return false when there is no room now (the connection's output is full); the engine keeps the
     *         packet and tries again once that connection has written its output
     * @throws IOException when the destination is unusable; the engine closes the session
     */
    boolean send(boolean rtcp, byte[] data, int offset, int length) throws IOException;

    /**
     * RTP packets this sink took ({@link #send} returned true) that never left, for example because a
     * UDP socket's send buffer was full. The engine adds them to the session's
     * {@link org.rtspkit.api.SessionStats#outboundRtpPacketsDroppedByTransport()}. Called from any thread.
     *
     * @return the count since the sink was made; the default, for a sink that never drops, is 0
     */
    default long droppedRtpPackets() {
        return 0;
    }
}
