package org.rtspkit.api;

/** Input from the network or the application (SDP, RTP, RTCP, headers) that could not be parsed. */
public class MalformedDataException extends RtspkitException {
    private static final long serialVersionUID = 1L;

    public MalformedDataException(String message) {
        super(message);
    }

    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
