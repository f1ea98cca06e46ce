package org.rtspkit.api;

import java.net.InetSocketAddress;
import java.util.Optional;

/** One RTSP connection (TCP or TLS). Thread-safe. */
public interface ServerConnection {
    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** The session this connection is bound to, once it sent ANNOUNCE or SETUP. */
    Optional<ServerSession> session();

    /** Bytes received and sent on the socket. */
    long inboundBytes();

    long outboundBytes();

    /**
     * Checks the request's {@code Authorization} against the expected credentials with the methods
     * the server allows. On {@code false}, throw {@link RtspStatusException#unauthorized()}.
     */
    boolean verifyCredentials(RtspRequest request, String user, String pass);

    void setUserData(Object data);

    Object userData();

    /** Closes the connection (and sessions that depended on it). Idempotent. */
    void close();
}
