package org.rtspkit.stream.internal.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.rtspkit.api.RtspStatus;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.SessionState;
import org.rtspkit.stream.internal.net.Connection;

/**
 * A server's sessions by id: it finds the session a request names, creates sessions within the
 * {@code maxSessions} limit, links connections to them, and applies the rules of who may use a session
 * from where. Thread-safe.
 */
public final class SessionRegistry {
    private final SessionHost host;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public SessionRegistry(SessionHost host) {
        this.host = host;
    }

    /** The session the connection's requests use, or null; the registry is the only one to link them. */
    public static Session boundTo(Connection c) {
        return (Session) c.boundSession();
    }

    /**
     * The session a request names.
     *
     * @param id     the {@code Session} header's id, or null when the request has none
     * @param create whether an unknown id creates a session (SETUP, ANNOUNCE) rather than failing with 454
     */
    Session find(Connection conn, String id, boolean create) {
        if (id == null) {
            return boundOrCreate(conn);
        }
        Session s = sessions.get(id);
        if (s == null) {
            if (create) {
                return boundOrCreate(conn);
            }
            throw new RtspStatusException(RtspStatus.SESSION_NOT_FOUND, "session not found");
        }
        if (!s.creatorAddress().equals(conn.remoteAddress().getAddress())) {
            throw RtspStatusException.badRequest("cannot use a session created with a different IP");
        }
        Session bound = boundTo(conn);
        if (bound != null && bound != s) {
            throw RtspStatusException.badRequest("connection is linked to another session");
        }
        if (s.isTcp() && s.isStreaming() && s.links().mediaConnection() != conn) {
            throw RtspStatusException.badRequest("session is linked to another connection");
        }
        if (bound == null) {
            conn.bind(s);
            s.links().attach(conn);
        }
        return s;
    }

    private Session boundOrCreate(Connection conn) {
        Session s = boundTo(conn);
        return s != null ? s : create(conn);
    }

    private Session create(Connection conn) {
        int max = host.config().maxSessions();
        if (sessions.size() >= max) {
            throw new RtspStatusException(RtspStatus.SERVICE_UNAVAILABLE,
                    "too many sessions: the limit (maxSessions) is " + max);
        }
        // UUIDs without dashes: some clients choke on dashes in session ids.
        String id = UUID.randomUUID().toString().replace("-", "");
        Session s = new Session(id, host, this, conn.remoteAddress().getAddress());
        sessions.put(id, s);
        s.links().attach(conn);
        conn.bind(s);
        host.handler().onSessionOpen(s, conn);
        return s;
    }

    /** TEARDOWN: the connection stays open and usable, no longer linked to the session. */
    void unlink(Connection conn, Session s) {
        conn.bind(null);
        s.links().detach(conn);
    }

    /**
     * A connection closed. Its session ends with it when nothing else keeps it: a session that is not
     * playing or recording, or whose media travelled on TCP, ends once no connection is left. UDP and
     * multicast sessions that stream outlive their connections (a client may come back on another).
     */
    public void connectionClosed(Connection c, Throwable error) {
        Session s = boundTo(c);
        if (s == null) {
            return;
        }
        s.links().detach(c);
        boolean media = s.isStreaming();
        if ((!media || s.isTcp()) && s.links().connections().isEmpty()) {
            // A TCP session's media failing (a write timeout, a reset) is why it ends: say so.
            boolean mediaFailed = media && s.isTcp() && error != null && s.links().mediaConnection() == c;
            s.closeNow(mediaFailed ? error : new RtspkitException("not in use"));
        }
    }

    /** Ends every session, for example when the server closes. */
    public void closeAll(Throwable reason) {
        for (Session s : List.copyOf(sessions.values())) {
            s.closeNow(reason);
        }
    }

    void remove(Session s) {
        sessions.remove(s.id(), s);
    }

    public Collection<Session> all() {
        return sessions.values();
    }

    public int count() {
        return sessions.size();
    }

    /**
     * Ends silent UDP sessions: a publisher whose packets stopped for the read timeout, a reader whose
     * requests and RTCP both stopped for the idle timeout. TCP sessions have their connection's deadline.
     */
    public void closeSilent(long nowNanos) {
        long read = host.config().readTimeout().toNanos();
        long idle = host.config().idleTimeout().toNanos();
        for (Session s : sessions.values()) {
            if (s.isTcp() || s.transport() == null) {
                continue;
            }
            SessionState st = s.state();
            if (st == SessionState.RECORD && nowNanos - s.links().lastPacketNanos() >= read) {
                s.closeAsync(new RtspkitException("session timed out"));
            } else if (st == SessionState.PLAY && nowNanos - s.links().lastPacketNanos() >= idle
                    && nowNanos - s.links().lastRequestNanos() >= idle) {
                s.closeAsync(new RtspkitException("session timed out"));
            }
        }
    }
}
