package org.rtspkit.spi;

/** One media of one session, bound to a transport. */
public interface MediaBinding {
    /**
     * The transport fields for the SETUP response (ports, channels); the engine adds {@code ssrc}
     * and never echoes {@code mode}.
     *
     * @return the transport for the response
     */
    TransportSpec reply();

    /**
     * Where the engine writes packets for the client.
     *
     * @return the sink of this media of this session
     */
    PacketSink sink();

    /**
     * Interleaved channels this binding occupies (RTP, RTCP); empty for UDP.
     *
     * @return the channel ids
     */
    java.util.Set<Integer> channels();

    /** PLAY or RECORD was accepted: start accepting inbound packets (and open firewalls for RECORD). */
    void start();

    /** PAUSE: stop accepting inbound packets. */
    void stop();

    /** The session ended. Idempotent. */
    void close();
}
