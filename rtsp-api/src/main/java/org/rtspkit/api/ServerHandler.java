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
    default void onConnectionOpen(ServerConnection connection) {
    }

    /** @param error why it closed; null when the client closed it */
    default void onConnectionClose(ServerConnection connection, Throwable error) {
    }

    default void onSessionOpen(ServerSession session, ServerConnection connection) {
    }

    default void onSessionClose(ServerSession session, Throwable error) {
    }

    /** Every request, before it is handled. */
    default void onRequest(ServerConnection connection, RtspRequest request) {
    }

    /** Every response, before it is written. */
    default void onResponse(ServerConnection connection, RtspResponse response) {
    }

    default StreamResponse onDescribe(RequestContext context) {
        return StreamResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    default RtspResponse onAnnounce(AnnounceContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /** Readers return the stream (the same one for every SETUP of a session); publishers return none. */
    default StreamResponse onSetup(SetupContext context) {
        return StreamResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    default RtspResponse onPlay(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    default RtspResponse onRecord(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    default RtspResponse onPause(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    default RtspResponse onGetParameter(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    default RtspResponse onSetParameter(RequestContext context) {
        return RtspResponse.of(RtspStatus.NOT_IMPLEMENTED);
    }

    /** A publisher's RTP packets went missing. */
    default void onPacketsLost(ServerSession session, long lost) {
    }

    /** A publisher sent something undecodable; it was dropped and the session goes on. */
    default void onDecodeError(ServerSession session, Exception error) {
    }

    /** A reader could not keep up and lost a packet ({@link WriteQueueFullException}). */
    default void onStreamWriteError(ServerSession session, Exception error) {
    }
}
