package org.rtspkit.stream.internal.net;

import java.io.IOException;
import org.rtspkit.api.ServerConfig;

/**
 * A connection's deadlines: the read deadline of its mode (idle before PLAY or RECORD, the media
 * modes' own after), the time a half-received request may take, and the write timeout.
 */
final class ConnectionDeadlines {
    private final ServerConfig config;
    private volatile long lastReadNanos = System.nanoTime();
    private volatile long readDeadlineNanos;
    /** When the request being received began; 0 when none is half-read. Loop only. */
    private long partialSinceNanos;

    ConnectionDeadlines(ServerConfig config) {
        this.config = config;
        this.readDeadlineNanos = config.idleTimeout().toNanos();
    }

    /**
     * A whole request or frame arrived. The read deadline counts from it, not from the last byte, so
     * that a client trickling junk or a never-ending frame cannot keep its connection forever.
     */
    void messageRead() {
        lastReadNanos = System.nanoTime();
    }

    /** After decoding: whether a request is half-received now. */
    void partialRequest(boolean partial) {
        if (!partial) {
            partialSinceNanos = 0;
        } else if (partialSinceNanos == 0) {
            partialSinceNanos = System.nanoTime();
        }
    }

    /** The read deadline of the mode the connection enters (0 = none). */
    void readDeadline(long nanos) {
        this.readDeadlineNanos = nanos;
    }

    /**
     * The deadline passed at {@code nowNanos}, or null.
     *
     * @param stalledSinceNanos when the socket stopped taking the output, 0 when it keeps up
     * @param handlingRequest   whether a request is being handled (no read deadline runs meanwhile)
     */
    IOException expired(long nowNanos, long stalledSinceNanos, boolean handlingRequest) {
        if (stalledSinceNanos != 0 && nowNanos - stalledSinceNanos > config.writeTimeout().toNanos()) {
            return new IOException("write timed out after " + config.writeTimeout().toMillis() + " ms");
        }
        // A request trickling in byte by byte keeps the connection "active" but must still complete.
        if (partialSinceNanos != 0 && nowNanos - partialSinceNanos > config.readTimeout().toNanos()) {
            return new IOException("request not completed within " + config.readTimeout().toMillis() + " ms");
        }
        long deadline = readDeadlineNanos;
        if (deadline > 0 && !handlingRequest && nowNanos - lastReadNanos > deadline) {
            return new IOException("read timed out: nothing received for " + deadline / 1_000_000 + " ms");
        }
        return null;
    }
}
