package org.rtspkit.api;

/** Base of every exception rtspkit throws; its message says what was wrong. */
public class RtspkitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception that says what was wrong.
     *
     * @param message what was wrong
     */
    public RtspkitException(String message) {
        super(message);
    }

    /**
     * An exception that says what was wrong, caused by another one.
     *
     * @param message what was wrong
     * @param cause the failure underneath
     */
    public RtspkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
