package org.rtspkit.stream.internal.session;

import java.net.InetSocketAddress;
import org.rtspkit.api.SessionStats;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.stream.internal.events.SessionEndEvent;
import org.rtspkit.stream.internal.events.SessionLabel;
import org.rtspkit.stream.internal.events.SessionStartEvent;

/**
 * The JFR events of a session's start and end. Both run once per session, on a worker, never on a
 * packet's path; when no recording asks for them, {@code shouldCommit()} is false and the event
 * object, which does not escape, costs nothing more.
 */
final class SessionEvents {
    private SessionEvents() {
    }

    /** What a session that starts playing or recording is, for its events. */
    static SessionLabel label(String path, String role, SessionTransport transport, InetSocketAddress remote) {
        String t = transport == null ? "" : transport.protocol() + " "
                + (transport.profile() == TransportProfile.SAVP ? "RTP/SAVP" : "RTP/AVP");
        String address = remote == null ? "" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
        return new SessionLabel(path, role, t, address, System.nanoTime());
    }

    static void started(String sessionId, SessionLabel label) {
        SessionStartEvent event = new SessionStartEvent();
        if (event.shouldCommit()) {
            event.describe(sessionId, label);
            event.commit();
        }
    }

    static void ended(String sessionId, SessionLabel label, Session session, Throwable error) {
        SessionEndEvent event = new SessionEndEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.describe(sessionId, label);
        event.reason = error == null ? "" : error.getMessage() == null ? error.toString() : error.getMessage();
        event.streamedFor = System.nanoTime() - label.startNanos();
        SessionStats stats = session.stats();
        event.inboundBytes = stats.inboundBytes();
        event.inboundRtpPackets = stats.inboundRtpPackets();
        event.inboundRtpPacketsLost = stats.inboundRtpPacketsLost();
        event.outboundBytes = stats.outboundBytes();
        event.outboundRtpPackets = stats.outboundRtpPackets();
        event.outboundRtpPacketsDropped = stats.outboundRtpPacketsDropped() + stats.outboundRtpPacketsDroppedByTransport();
        event.commit();
    }
}
