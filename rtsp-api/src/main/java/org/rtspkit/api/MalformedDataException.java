package org.rtspkit.api;

/** Input from the network or the application (SDP, RTP, RTCP, headers) that could not be parsed. */
public class MalformedDataException extends RtspkitException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception that says what could not be parsed.
     *
     * @param message what was wrong, and where
     */
    public MalformedDataException(String message) {
        super(message);
    }

    /**
     * An exception that says what could not be parsed, caused by another one.
     *
     * @param message what was wrong, and where
     * @param cause the failure underneath
     */
    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
