package org.rtspkit.api;

/**
 * A reader could not keep up: its bounded write queue was full, so the packet was dropped for that
 * reader only. Reported through {@link ServerHandler#onStreamWriteError}; the reader stays connected.
 */
public final class WriteQueueFullException extends RtspkitException {
    private static final long serialVersionUID = 1L;

    /** The exception, with the message {@code write queue is full}. */
    public WriteQueueFullException() {
        super("write queue is full");
    }
}
