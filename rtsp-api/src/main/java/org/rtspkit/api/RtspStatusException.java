package org.rtspkit.api;

/**
 * Ends request handling with a status. The response is written, then the connection is closed and
 * {@link ServerHandler#onConnectionClose} receives this exception. A handler that wants to answer
 * with an error status and keep the connection open returns a {@link RtspResponse} instead.
 */
public class RtspStatusException extends RtspkitException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public RtspStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 400 Bad Request with the given reason. */
    public static RtspStatusException badRequest(String message) {
        return new RtspStatusException(RtspStatus.BAD_REQUEST, message);
    }

    /**
     * Credentials are missing or wrong. When the request carried no credentials the server asks for
     * them ({@code WWW-Authenticate}) and keeps the connection; wrong credentials close it.
     */
    public static RtspStatusException unauthorized() {
        return new AuthenticationException();
    }

    public int status() {
        return status;
    }

    /** The failure the engine treats specially: see {@link #unauthorized()}. */
    public static final class AuthenticationException extends RtspStatusException {
        private static final long serialVersionUID = 1L;

        AuthenticationException() {
            super(RtspStatus.UNAUTHORIZED, "authentication error");
        }
    }
}
