package org.rtspkit.api;

/**
 * What a handler is given for DESCRIBE, PLAY, RECORD, PAUSE, GET_PARAMETER and SET_PARAMETER.
 *
 * @param connection the connection the request arrived on
 * @param session null where the request is outside a session (DESCRIBE; parameters without one)
 * @param request the request
 * @param path    the request path with the trailing slash that FFmpeg and GStreamer add removed
 * @param query   the raw query, or the empty string
 */
public record RequestContext(ServerConnection connection, ServerSession session, RtspRequest request,
                             String path, String query) {
}
