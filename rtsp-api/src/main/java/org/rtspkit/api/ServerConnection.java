package org.rtspkit.api;

import java.net.InetSocketAddress;
import java.util.Optional;

/** One RTSP connection (TCP or TLS). Thread-safe. */
public interface ServerConnection {
    /**
     * The client's address.
     *
     * @return the address and port the client connected from
     */
    InetSocketAddress remoteAddress();

    /**
     * The server's end of the connection.
     *
     * @return the address and port the client connected to
     */
    InetSocketAddress localAddress();

    /**
     * The session this connection is bound to, once it sent ANNOUNCE or SETUP.
     *
     * @return the session, or empty before ANNOUNCE or SETUP
     */
    Optional<ServerSession> session();

    /**
     * Bytes received and sent on the socket.
     *
     * @return bytes received
     */
    long inboundBytes();

    /**
     * Bytes sent on the socket.
     *
     * @return bytes sent
     */
    long outboundBytes();

    /**
     * Checks the request's {@code Authorization} against the expected credentials with the methods
     * the server allows. On {@code false}, throw {@link RtspStatusException#unauthorized()}.
     *
     * @param request the request to check
     * @param user the expected user name
     * @param pass the expected password
     * @return true when the request carries these credentials
     */
    boolean verifyCredentials(RtspRequest request, String user, String pass);

    /**
     * Attaches an application object to the connection.
     *
     * @param data the object, or null to remove it
     */
    void setUserData(Object data);

    /**
     * The object attached with {@link #setUserData(Object)}.
     *
     * @return the object, or null
     */
    Object userData();

    /** Closes the connection (and sessions that depended on it). Idempotent. */
    void close();
}
