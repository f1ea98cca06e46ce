package org.rtspkit.api;

/**
 * What a handler is given for SETUP: the transport the server picked from the client's offer.
 *
 * @param connection the connection the request arrived on
 * @param session    the session the SETUP creates or adds a media to
 * @param request    the request
 * @param path       the request path with the trailing slash that FFmpeg and GStreamer add removed
 * @param query      the raw query, or the empty string
 * @param transport  the transport the server picked
 */
public record SetupContext(ServerConnection connection, ServerSession session, RtspRequest request,
                           String path, String query, SessionTransport transport) {
}
