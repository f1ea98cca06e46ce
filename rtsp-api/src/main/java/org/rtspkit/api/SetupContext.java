package org.rtspkit.api;

/** What a handler is given for SETUP: the transport the server picked from the client's offer. */
public record SetupContext(ServerConnection connection, ServerSession session, RtspRequest request,
                           String path, String query, SessionTransport transport) {
}
