package org.rtspkit.api;

/**
 * The application's side of the server. Every method is optional: a request method whose handler
 * is not overridden is answered {@code 501 Not Implemented} and left out of OPTIONS' {@code Public}.
 *
 * <p>Request handlers return the response to send. Throwing {@link RtspStatusException} sends its
 * status and then closes the connection; any other exception is answered 500 and closes it too.
 * Callbacks may run on any server thread, never concurrently for one connection's requests; they
 * should not block for long.
 */
public interface ServerHandler {
    /**
     * A client connected.
     *
     * @param connection the new connection
     */
    default void onConnectionOpen(ServerConnection connection) {
    }

    /**
     * A connection closed.
     *
     * @param connection the connection
     * @param error why it closed; null when the client closed it
     */
    default void onConnectionClose(ServerConnection connection, Throwable error) {
    }

    /**
     * A session was created (the first SETUP or ANNOUNCE).
     *
     * @param session the new session
     * @param connection the connection that created it
     */
    default void onSessionOpen(ServerSession session, ServerConnection connection) {
    }

    /**
     * A session ended.
     *
     * @param session the session
     * @param error why it ended; null when it ended normally
     */
    default void onSessionClose(ServerSession session, Throwable error) {
    }

    /**
     * Every request, before it is handled.
     *
     * @param connection the connection it arrived on
     * @param request the request
     */
    default void onRequest(ServerConnection connection, RtspRequest request) {
    }

    /**
     * Every response, before it is written.
     *
     * @param connection the connection it is written to
     * @param response the response
     */
    default void onResponse(ServerConnection connection, RtspResponse response) {
    }

    /**
     * DESCRIBE: return the stream whose description the client reads, or a refusal such as 404.
     *
     * @param context the request, its connection and the path asked for
     * @return the answer
     */
    default StreamResponse onDescribe(RequestContext context) {
        return StreamResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * ANNOUNCE: a publisher offers a session description (in the context); accept or refuse it.
     *
     * @param context the request, its connection, session and the announced description
     * @return the response
     */
    default RtspResponse onAnnounce(AnnounceContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * Readers return the stream (the same one for every SETUP of a session); publishers return none.
     *
     * @param context the request, its connection, session and the transport asked for
     * @return the answer
     */
    default StreamResponse onSetup(SetupContext context) {
        return StreamResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * PLAY: a reader starts receiving; return 200 to start delivery.
     *
     * @param context the request, its connection and session
     * @return the response
     */
    default RtspResponse onPlay(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * RECORD: a publisher starts sending; register packet callbacks on the session here.
     *
     * @param context the request, its connection and session
     * @return the response
     */
    default RtspResponse onRecord(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * PAUSE: a reader or publisher pauses.
     *
     * @param context the request, its connection and session
     * @return the response
     */
    default RtspResponse onPause(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * GET_PARAMETER, which clients also send to keep a session alive.
     *
     * @param context the request, its connection and session
     * @return the response
     */
    default RtspResponse onGetParameter(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * SET_PARAMETER.
     *
     * @param context the request, its connection and session
     * @return the response
     */
    default RtspResponse onSetParameter(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * A publisher's RTP packets went missing.
     *
     * @param session the publisher's session
     * @param lost how many packets the sequence numbers skipped
     */
    default void onPacketsLost(ServerSession session, long lost) {
    }

    /**
     * A publisher sent something undecodable; it was dropped and the session goes on.
     *
     * @param session the publisher's session
     * @param error what could not be decoded
     */
    default void onDecodeError(ServerSession session, Exception error) {
    }

    /**
     * A reader could not keep up and lost a packet ({@link WriteQueueFullException}).
     *
     * @param session the reader's session
     * @param error the failure, usually a {@link WriteQueueFullException}
     */
    default void onStreamWriteError(ServerSession session, Exception error) {
    }
}
