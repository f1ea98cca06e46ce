package org.rtspkit.api;

/**
 * The RTSP/1.0 request methods (RFC 2326 §10) a server answers. A {@link ServerHandler} declares the
 * ones it answers with {@link ServerHandler#methods()}.
 */
public enum RtspMethod {
    /** Asks which methods the server supports; the server answers it itself. */
    OPTIONS,
    /** Asks for a stream's session description; the handler's {@link ServerHandler#onDescribe}. */
    DESCRIBE,
    /** Offers a publisher's session description; the handler's {@link ServerHandler#onAnnounce}. */
    ANNOUNCE,
    /** Sets up one media; the handler's {@link ServerHandler#onSetup}. */
    SETUP,
    /** Starts delivery to a reader; the handler's {@link ServerHandler#onPlay}. */
    PLAY,
    /** Starts a publisher's media; the handler's {@link ServerHandler#onRecord}. */
    RECORD,
    /** Pauses a reader or publisher; the handler's {@link ServerHandler#onPause}. */
    PAUSE,
    /** Ends a session; the server answers it itself. */
    TEARDOWN,
    /** Reads parameters, and keeps a session alive; the handler's {@link ServerHandler#onGetParameter}. */
    GET_PARAMETER,
    /** Sets parameters; the handler's {@link ServerHandler#onSetParameter}. */
    SET_PARAMETER
}
