package org.rtspkit.server;

/** A command line the server cannot run with; the message says what was wrong, without the program name. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
