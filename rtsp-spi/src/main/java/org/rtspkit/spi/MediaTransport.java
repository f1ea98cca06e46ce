package org.rtspkit.spi;

import org.rtspkit.api.TransportProtocol;

/** A transport opened for one server; it serves SETUPs until the server closes it. Thread-safe. */
public interface MediaTransport extends AutoCloseable {
    /**
     * The name of the provider that opened this transport, for messages and logs.
     *
     * @return the name, for example {@code udp}
     */
    String name();

    /**
     * The protocol this transport serves.
     *
     * @return the protocol
     */
    TransportProtocol protocol();

    /**
     * Binds one media of a session.
     *
     * @param request the client's offer and what the engine knows about the session
     * @return the binding, owned by the session from now on
     * @throws org.rtspkit.api.RtspStatusException with the status and message for the client when the
     *         offer cannot be served (missing client ports, bad interleaved ids)
     */
    MediaBinding bind(BindRequest request);

    /** Releases sockets and threads. Idempotent. */
    @Override
    void close();
}
