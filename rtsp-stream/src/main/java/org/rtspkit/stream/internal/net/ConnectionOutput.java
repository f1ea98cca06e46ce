package org.rtspkit.stream.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A connection's output: the bytes of responses and interleaved frames waiting for the socket, and the
 * session outputs waiting for room in it. Used on the connection's loop only, so it needs no lock.
 */
final class ConnectionOutput {
    /** Interleaved frames may fill the output up to this many bytes; beyond it a TCP reader's queue holds them. */
    static final int FRAME_LIMIT = 64 * 1024;

    private final NetIo io;
    private final Set<SessionOutput> waiting = new LinkedHashSet<>();
    private ByteBuffer buffer = ByteBuffer.allocate(8192);
    /** When the socket last refused to take everything; 0 while it keeps up. */
    private long stalledSinceNanos;
    private volatile long bytesWritten;

    ConnectionOutput(NetIo io) {
        this.io = io;
    }

    /** Appends bytes, growing the buffer if they do not fit (a response is always taken whole). */
    void append(byte[] data, int offset, int length) {
        if (buffer.remaining() < length) {
            int needed = buffer.position() + length;
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, buffer.capacity() * 2));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
        buffer.put(data, offset, length);
    }

    /** Room left for interleaved frames before the output counts as full. */
    int writableBytes() {
        return Math.max(0, FRAME_LIMIT - buffer.position());
    }

    /** Whether the output is below the limit, so that the connection may read (and answer) more. */
    boolean belowLimit() {
        return buffer.position() < FRAME_LIMIT;
    }

    /** Whether bytes wait for the socket, in the buffer or inside TLS. */
    boolean hasPending() {
        return buffer.position() > 0 || io.hasPendingOutput();
    }

    /** An output that could not append: it is resumed once everything has been written. */
    void await(SessionOutput waiter) {
        waiting.add(waiter);
    }

    /**
     * Writes as much as the socket takes now.
     *
     * @return true when nothing is left to write
     */
    boolean flush() throws IOException {
        if (hasPending()) {
            buffer.flip();
            bytesWritten += io.write(buffer);
            buffer.compact();
        }
        if (hasPending()) {
            if (stalledSinceNanos == 0) {
                stalledSinceNanos = System.nanoTime();
            }
            return false;
        }
        stalledSinceNanos = 0;
        return true;
    }

    /** Resumes the outputs that waited for room; call once everything has been written. */
    void resumeWaiting() {
        if (!waiting.isEmpty()) {
            List<SessionOutput> resume = new ArrayList<>(waiting);
            waiting.clear();
            resume.forEach(SessionOutput::resume);
        }
    }

    /** When the socket stopped taking everything, or 0 when it keeps up. */
    long stalledSinceNanos() {
        return stalledSinceNanos;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    /** The connection closed: nobody waits for it any more. */
    void discard() {
        waiting.clear();
    }
}
