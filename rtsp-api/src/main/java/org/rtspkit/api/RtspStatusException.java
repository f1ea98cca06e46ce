package org.rtspkit.api;

/**
 * Ends request handling with a status. The response is written, then the connection is closed and
 * {@link ServerHandler#onConnectionClose} receives this exception. A handler that wants to answer
 * with an error status and keep the connection open returns a {@link RtspResponse} instead.
 */
public class RtspStatusException extends RtspkitException {
    private static final long serialVersionUID = 1L;
    /** The status of the response. */
    private final int status;

    /**
     * Ends request handling with this status.
     *
     * @param status the status of the response, for example {@link RtspStatus#NOT_FOUND}
     * @param message why, for the log
     */
    public RtspStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * 400 Bad Request with the given reason.
     *
     * @param message why the request is refused, for the log
     * @return the exception to throw
     */
    public static RtspStatusException badRequest(String message) {
        return new RtspStatusException(RtspStatus.BAD_REQUEST, message);
    }

    /**
     * Credentials are missing or wrong. When the request carried no credentials the server asks for
     * them ({@code WWW-Authenticate}) and keeps the connection; wrong credentials close it.
     *
     * @return the exception to throw
     */
    public static RtspStatusException unauthorized() {
        return new AuthenticationException();
    }

    /**
     * The status of the response.
     *
     * @return the status code
     */
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
