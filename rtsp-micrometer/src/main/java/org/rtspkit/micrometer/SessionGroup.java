package org.rtspkit.micrometer;

import java.util.HashSet;
import java.util.Set;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.SessionStats;

/**
 * The sessions of one path, role and transport: those playing or recording now and what those that
 * ended carried. Its totals are the ended sessions' final stats plus the open sessions' current ones,
 * so they only grow, as Micrometer's counters must, while sessions come and go.
 */
final class SessionGroup {
    private final GroupKey key;
    private final Set<ServerSession> open = new HashSet<>();
    private SessionStats ended = Totals.ZERO;
    private long started;

    SessionGroup(GroupKey key) {
        this.key = key;
    }

    GroupKey key() {
        return key;
    }

    synchronized void started(ServerSession session) {
        if (open.add(session)) {
            started++;
        }
    }

    /** Called from onSessionClose, when the session's counters no longer move. */
    synchronized void ended(ServerSession session) {
        if (open.remove(session)) {
            ended = Totals.plus(ended, session.stats());
        }
    }

    synchronized int openSessions() {
        return open.size();
    }

    synchronized long startedSessions() {
        return started;
    }

    /** What every session of the group carried so far; each open session's stats are read now. */
    synchronized SessionStats totals() {
        SessionStats sum = ended;
        for (ServerSession s : open) {
            sum = Totals.plus(sum, s.stats());
        }
        return sum;
    }

    /**
     * What a group is.
     *
     * @param path      the path its sessions read or publish
     * @param role      {@code reader} or {@code publisher}
     * @param transport {@code udp}, {@code udp_multicast} or {@code tcp}
     */
    record GroupKey(String path, String role, String transport) {
    }
}
