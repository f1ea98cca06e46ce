package org.rtspkit.api;

/** Base of every exception rtspkit throws; its message says what was wrong. */
public class RtspkitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RtspkitException(String message) {
        super(message);
    }

    public RtspkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
