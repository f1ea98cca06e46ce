package org.rtspkit.api;

import java.util.Set;

/**
 * The application's side of the server. Every method is optional. The request methods it answers are
 * the ones {@link #methods()} declares: the server calls {@code onDescribe}, {@code onAnnounce},
 * {@code onSetup}, {@code onPlay}, {@code onRecord}, {@code onPause}, {@code onGetParameter} and
 * {@code onSetParameter} only for those, answers the others {@code 501 Not Implemented}, and lists
 * exactly those in OPTIONS' {@code Public} header. Implement a request method and declare it:
 * <pre>{@code
 * public Set<RtspMethod> methods() {
 *     return EnumSet.of(RtspMethod.DESCRIBE, RtspMethod.SETUP, RtspMethod.PLAY);
 * }
 * }</pre>
 *
 * <p>Request handlers return the response to send. Throwing {@link RtspStatusException} sends its
 * status and then closes the connection; any other exception is answered 500 and closes it too.
 * Callbacks may run on any server thread, never concurrently for one connection's requests; they
 * should not block for long.
 */
public interface ServerHandler {
    /**
     * The request methods this handler answers, read once when the server starts. A handler that
     * delegates to another declares what the other answers ({@code return delegate.methods();}).
     *
     * <ul>
     * <li>{@code OPTIONS} and {@code TEARDOWN} are the server's own: always answered, listing them
     *     changes nothing.</li>
     * <li>{@code GET_PARAMETER} is always in {@code Public}: inside a session the server answers it
     *     itself (200, a keepalive) when the handler does not declare it; outside one it is 501.</li>
     * <li>{@code PLAY}, {@code RECORD} and {@code PAUSE} without a {@code Session} header are 501
     *     whatever is declared.</li>
     * </ul>
     *
     * @return the methods answered; the default is none, so a handler that declares nothing answers only
     *         OPTIONS, TEARDOWN and in-session GET_PARAMETER
     */
    default Set<RtspMethod> methods() {
        return Set.of();
    }

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
     * DESCRIBE, when {@link #methods()} has it: return the stream whose description the client reads, or
     * a refusal such as 404.
     *
     * @param context the request, its connection and the path asked for
     * @return the answer
     */
    default StreamResponse onDescribe(RequestContext context) {
        return StreamResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * ANNOUNCE, when {@link #methods()} has it: a publisher offers a session description (in the
     * context); accept or refuse it.
     *
     * @param context the request, its connection, session and the announced description
     * @return the response
     */
    default RtspResponse onAnnounce(AnnounceContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * SETUP, when {@link #methods()} has it: readers return the stream (the same one for every SETUP of
     * a session, made by this server's {@link RtspServer#createStream}); publishers return none.
     *
     * @param context the request, its connection, session and the transport asked for
     * @return the answer
     */
    default StreamResponse onSetup(SetupContext context) {
        return StreamResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * PLAY, when {@link #methods()} has it: a reader starts receiving; return 200 to start delivery.
     *
     * @param context the request, its connection and session
     * @return the response
     */
    default RtspResponse onPlay(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * RECORD, when {@link #methods()} has it: a publisher starts sending; register packet callbacks on
     * the session here.
     *
     * @param context the request, its connection and session
     * @return the response
     */
    default RtspResponse onRecord(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * PAUSE, when {@link #methods()} has it: a reader or publisher pauses.
     *
     * @param context the request, its connection and session
     * @return the response
     */
    default RtspResponse onPause(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * GET_PARAMETER, when {@link #methods()} has it; clients also send it to keep a session alive.
     *
     * @param context the request, its connection and session
     * @return the response
     */
    default RtspResponse onGetParameter(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /**
     * SET_PARAMETER, when {@link #methods()} has it.
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
