package org.rtspkit.server.files;

/** A file that cannot be served, with the reason a reader is told in the 404 body. */
public final class UnreadableFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableFileException(String reason) {
        super(reason);
    }
}
