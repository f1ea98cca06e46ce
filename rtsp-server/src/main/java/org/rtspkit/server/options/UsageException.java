package org.rtspkit.server.options;

/** A command line the server cannot run with; the message says what was wrong, without the program name. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
