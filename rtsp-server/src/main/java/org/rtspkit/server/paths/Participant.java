package org.rtspkit.server.paths;

import java.util.Locale;
import org.rtspkit.api.ServerConnection;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.server.options.AddressFlags;

/**
 * What the log says about a publisher or reader: kept as the session's user data from RECORD or
 * PLAY on, so that the line written when the session ends matches the one written when it started.
 */
record Participant(Role role, String path, int medias, String transport, String remote) {
    enum Role {
        PUBLISHER("publisher"),
        READER("reader");

        private final String label;

        Role(String label) {
            this.label = label;
        }
    }

    static Participant of(Role role, ServerSession session, ServerConnection connection, String path, int medias) {
        return new Participant(role, path, medias, transportName(session.transport()),
                AddressFlags.authority(connection.remoteAddress()));
    }

    /** {@code publisher started on path /cam (2 medias, tcp) from 127.0.0.1:40312} */
    String describe(String event) {
        return role.label + " " + event + " on path " + path + " (" + medias + (medias == 1 ? " media, " : " medias, ")
                + transport + ") from " + remote;
    }

    private static String transportName(SessionTransport transport) {
        if (transport == null) {
            return "no transport";
        }
        String name = transport.protocol().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return transport.profile() == TransportProfile.SAVP ? name + ", srtp" : name;
    }
}
