package org.rtspkit.client;

/** The server answered a request with a status other than success (after authentication and redirects). */
public class RtspRefusedException extends RtspClientException {
    private static final long serialVersionUID = 1L;

    /** The status the server answered with. */
    private final int status;
    /** The request's method. */
    private final String method;

    /**
     * A refusal.
     *
     * @param method the request's method
     * @param status the status the server answered with
     * @param message what was refused and why, as the server said
     */
    public RtspRefusedException(String method, int status, String message) {
        super(message);
        this.method = method;
        this.status = status;
    }

    /**
     * The status the server answered with.
     *
     * @return the status code, for example 404
     */
    public int status() {
        return status;
    }

    /**
     * The method of the refused request.
     *
     * @return the method, for example {@code DESCRIBE}
     */
    public String method() {
        return method;
    }
}
