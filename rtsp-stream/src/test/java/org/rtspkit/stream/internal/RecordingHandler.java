package org.rtspkit.stream.internal;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rtspkit.api.ServerConnection;
import org.rtspkit.api.ServerSession;

/**
 * A {@link TestServers.ServingHandler} that also records what the server reports (connections and
 * sessions opening and closing with their errors, losses, decode errors, slow readers), so tests can
 * wait for an event and check its message.
 */
class RecordingHandler extends TestServers.ServingHandler {
    /** How long a test waits for an event that should come. */
    static final long WAIT_SECONDS = 5;

    /** A connection closed; {@code error} is null when the client closed it. */
    record ConnectionClosed(ServerConnection connection, Throwable error) {
        String message() {
            return error == null ? null : error.getMessage();
        }
    }

    /** A session closed, with the reason the server gave. */
    record SessionClosed(ServerSession session, Throwable error) {
        String message() {
            return error == null ? null : error.getMessage();
        }
    }

    final BlockingQueue<ServerConnection> connectionOpens = new LinkedBlockingQueue<>();
    final BlockingQueue<ConnectionClosed> connectionCloses = new LinkedBlockingQueue<>();
    final BlockingQueue<ServerSession> sessionOpens = new LinkedBlockingQueue<>();
    final BlockingQueue<SessionClosed> sessionCloses = new LinkedBlockingQueue<>();
    final BlockingQueue<Long> packetsLost = new LinkedBlockingQueue<>();
    final BlockingQueue<Exception> decodeErrors = new LinkedBlockingQueue<>();
    /** Counted on the writer's thread, once per packet a reader's full queue refused: kept cheap. */
    final AtomicLong streamWriteErrors = new AtomicLong();
    final Set<ServerSession> slowSessions = ConcurrentHashMap.newKeySet();

    @Override
    public void onConnectionOpen(ServerConnection connection) {
        connectionOpens.add(connection);
    }

    @Override
    public void onConnectionClose(ServerConnection connection, Throwable error) {
        connectionCloses.add(new ConnectionClosed(connection, error));
    }

    @Override
    public void onSessionOpen(ServerSession session, ServerConnection connection) {
        sessionOpens.add(session);
    }

    @Override
    public void onSessionClose(ServerSession session, Throwable error) {
        sessionCloses.add(new SessionClosed(session, error));
    }

    @Override
    public void onPacketsLost(ServerSession session, long lost) {
        packetsLost.add(lost);
    }

    @Override
    public void onDecodeError(ServerSession session, Exception error) {
        decodeErrors.add(error);
    }

    @Override
    public void onStreamWriteError(ServerSession session, Exception error) {
        streamWriteErrors.incrementAndGet();
        slowSessions.add(session);
    }

    ConnectionClosed awaitConnectionClose() throws InterruptedException {
        return next(connectionCloses, "a connection to close");
    }

    SessionClosed awaitSessionClose() throws InterruptedException {
        return next(sessionCloses, "a session to close");
    }

    ServerSession awaitSessionOpen() throws InterruptedException {
        return next(sessionOpens, "a session to open");
    }

    long awaitPacketsLost() throws InterruptedException {
        return next(packetsLost, "a loss report");
    }

    Exception awaitDecodeError() throws InterruptedException {
        return next(decodeErrors, "a decode error");
    }

    /** The next event of a queue, failing the test when none comes within {@link #WAIT_SECONDS}. */
    static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (item == null) {
            throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for " + what);
        }
        return item;
    }
}
