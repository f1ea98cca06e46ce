package org.rtspkit.client;

/** A deadline passed: no answer, no media, or a write that did not complete in the configured time. */
public class RtspTimeoutException extends RtspClientException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception that says what did not happen in time.
     *
     * @param message what was waited for, and how long
     */
    public RtspTimeoutException(String message) {
        super(message);
    }
}
