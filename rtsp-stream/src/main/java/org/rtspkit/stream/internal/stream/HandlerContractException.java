package org.rtspkit.stream.internal.stream;

import org.rtspkit.api.RtspkitException;

/**
 * The application's handler broke its contract, for example by answering DESCRIBE with a stream the
 * server did not create. As for any handler error the response goes out and the connection closes
 * (REFERENCE §2); the response is a 500 whose body, like the log and the connection's close error,
 * says what was wrong, so that whoever wrote the handler knows what to change.
 */
public final class HandlerContractException extends RtspkitException {
    private static final long serialVersionUID = 1L;

    public HandlerContractException(String message) {
        super(message);
    }
}
