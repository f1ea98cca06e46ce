package org.rtspkit.api;

/**
 * What a handler is given for ANNOUNCE: the publisher's description, already parsed and checked.
 *
 * @param connection  the connection the request arrived on
 * @param session     the publisher's new session
 * @param request     the request
 * @param path        the request path with the trailing slash that FFmpeg and GStreamer add removed
 * @param query       the raw query, or the empty string
 * @param description the announced session description
 */
public record AnnounceContext(ServerConnection connection, ServerSession session, RtspRequest request,
                              String path, String query, SessionDescription description) {
}
