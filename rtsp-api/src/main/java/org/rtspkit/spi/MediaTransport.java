package org.rtspkit.spi;

import org.rtspkit.api.TransportProtocol;

/** A transport opened for one server; it serves SETUPs until the server closes it. Thread-safe. */
public interface MediaTransport extends AutoCloseable {
    String name();

    TransportProtocol protocol();

    /**
     * Binds one media of a session.
     *
     * @throws org.rtspkit.api.RtspStatusException with the status and message for the client when the
     *         offer cannot be served (missing client ports, bad interleaved ids)
     */
    MediaBinding bind(BindRequest request);

    /** Releases sockets and threads. Idempotent. */
    @Override
    void close();
}
