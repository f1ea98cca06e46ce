package org.rtspkit.api;

/** What a handler is given for ANNOUNCE: the publisher's description, already parsed and checked. */
public record AnnounceContext(ServerConnection connection, ServerSession session, RtspRequest request,
                              String path, String query, SessionDescription description) {
}
