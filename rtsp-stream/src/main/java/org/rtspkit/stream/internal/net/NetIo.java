package org.rtspkit.stream.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * How a connection moves bytes: straight to the socket, or through TLS. Both are non-blocking and
 * used only from the connection's I/O loop.
 */
interface NetIo {
    /** Reads what is available into {@code dst}; −1 at end of stream. May return 0 (TLS records incomplete). */
    int read(ByteBuffer dst) throws IOException;

    /** Writes as much of {@code src} as the socket takes now; returns the bytes of {@code src} consumed. */
    int write(ByteBuffer src) throws IOException;

    /** Bytes already taken from the caller but not yet on the socket (TLS records waiting). */
    boolean hasPendingOutput();

    /** Input decoded from the socket but not yet handed out, so no read event will announce it. */
    boolean hasBufferedInput();
}
