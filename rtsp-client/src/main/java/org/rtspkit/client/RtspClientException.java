package org.rtspkit.client;

import org.rtspkit.api.RtspkitException;

/**
 * What went wrong between the client and a server: the message names the request or the step, the
 * server (its URL without credentials) and what was wrong with the answer.
 */
public class RtspClientException extends RtspkitException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception that says what was wrong.
     *
     * @param message what was wrong
     */
    public RtspClientException(String message) {
        super(message);
    }

    /**
     * An exception that says what was wrong, caused by another one.
     *
     * @param message what was wrong
     * @param cause the failure underneath
     */
    public RtspClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
