package org.rtspkit.api;

import java.util.Objects;

/** The transport a session negotiated at its first SETUP. */
public record SessionTransport(TransportProtocol protocol, TransportProfile profile) {
    public SessionTransport {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(profile, "profile");
    }
}
