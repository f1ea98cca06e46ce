package org.rtspkit.spi;

import java.io.IOException;
import java.util.Optional;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.TransportProtocol;

/** A named factory of one kind of media transport, found through {@link java.util.ServiceLoader}. */
public interface TransportProvider {
    /**
     * Short lower-case name used in messages and logs: {@code udp}, {@code tcp}.
     *
     * @return the name
     */
    String name();

    /**
     * Among providers of the same {@link #protocol()}, the highest priority is used; others are ignored.
     *
     * @return the priority; higher wins
     */
    int priority();

    /**
     * The lower transport this provider serves.
     *
     * @return the protocol
     */
    TransportProtocol protocol();

    /**
     * Opens the server-wide part of the transport (shared sockets and their threads). Empty when the
     * configuration leaves this transport off (for example, no UDP addresses).
     *
     * @param config the server's configuration
     * @return the transport, owned by the server from now on; empty when the configuration leaves it off
     * @throws IOException when a socket cannot be opened; the server does not start
     */
    Optional<MediaTransport> open(ServerConfig config) throws IOException;
}
