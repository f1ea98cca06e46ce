package org.rtspkit.api;

/** A packet was written to, or a reader attached to, a stream that has been closed. */
public final class StreamClosedException extends RtspkitException {
    private static final long serialVersionUID = 1L;

    /** The exception, with the message {@code stream is closed}. */
    public StreamClosedException() {
        super("stream is closed");
    }
}
