package org.rtspkit.stream.internal.session;

import java.util.LinkedHashSet;
import java.util.Set;
import org.rtspkit.stream.internal.net.Connection;

/**
 * What ties a session to its client: the connections that sent it requests, the one a TCP session's
 * media travels on, and when the client was last heard of (the timers end silent sessions).
 */
final class SessionLinks {
    private final Set<Connection> connections = new LinkedHashSet<>();
    private volatile Connection mediaConnection;
    private volatile long lastRequestNanos = System.nanoTime();
    /** Last RTCP from a UDP reader, or last media packet from a UDP publisher. */
    private volatile long lastPacketNanos = System.nanoTime();

    synchronized void attach(Connection c) {
        connections.add(c);
    }

    synchronized void detach(Connection c) {
        connections.remove(c);
    }

    synchronized Set<Connection> connections() {
        return Set.copyOf(connections);
    }

    /** The connection a TCP session's media travels on, from PLAY or RECORD; null before. */
    Connection mediaConnection() {
        return mediaConnection;
    }

    void mediaConnection(Connection c) {
        this.mediaConnection = c;
    }

    void requestReceived() {
        lastRequestNanos = System.nanoTime();
    }

    void packetReceived() {
        lastPacketNanos = System.nanoTime();
    }

    long lastRequestNanos() {
        return lastRequestNanos;
    }

    long lastPacketNanos() {
        return lastPacketNanos;
    }
}
