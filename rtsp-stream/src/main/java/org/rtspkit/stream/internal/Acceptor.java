package org.rtspkit.stream.internal;

import com.google.common.util.concurrent.RateLimiter;
import com.google.common.util.concurrent.Uninterruptibles;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The RTSP listener and the thread that accepts its connections. A connection over
 * {@code maxConnections} is still accepted, so that its requests can be answered 503 with the reason.
 */
final class Acceptor {
    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final Thread thread;
    private final int maxConnections;
    private final IntSupplier openConnections;
    private final Accepted accepted;
    private final RateLimiter refusalWarnings = RateLimiter.create(1.0);
    private final AtomicLong refusedSinceWarning = new AtomicLong();
    private volatile boolean closed;

    /** What to do with an accepted connection. */
    @FunctionalInterface
    interface Accepted {
        /** @param refusal why its requests are answered 503, or null */
        void accept(SocketChannel channel, String refusal) throws IOException;
    }

    /**
     * @param listener        bound (see {@link #bind})
     * @param threads         makes the accepting thread
     * @param openConnections how many connections are open now
     */
    Acceptor(ServerSocketChannel listener, ThreadFactory threads, int maxConnections, IntSupplier openConnections,
             Accepted accepted) throws IOException {
        this.listener = listener;
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.maxConnections = maxConnections;
        this.openConnections = openConnections;
        this.accepted = accepted;
        this.thread = threads.newThread(this::acceptLoop);
    }

    /** Opens and binds the listener; a wildcard IPv4 address binds IPv4 only, as clients of 0.0.0.0 expect. */
    static ServerSocketChannel bind(InetSocketAddress address) throws IOException {
        ServerSocketChannel ch = address.getAddress() instanceof Inet4Address
                ? ServerSocketChannel.open(StandardProtocolFamily.INET)
                : ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(address, 1024);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    InetSocketAddress address() {
        return address;
    }

    void start() {
        thread.start();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed", e);
                    // Out of descriptors, typically: give the system a moment rather than spin.
                    Uninterruptibles.sleepUninterruptibly(10, TimeUnit.MILLISECONDS);
                }
                continue;
            }
            accept(ch);
        }
    }

    private void accept(SocketChannel ch) {
        try {
            String refusal = null;
            int open = openConnections.getAsInt();
            if (open >= maxConnections) {
                refusal = "too many connections: " + open + " are open, the limit (maxConnections) is " + maxConnections;
                // A flood of connections would flood the log too: one warning a second, with the count.
                if (refusalWarnings.tryAcquire()) {
                    long more = refusedSinceWarning.getAndSet(0);
                    LOG.log(System.Logger.Level.WARNING, "refusing a connection from " + ch.getRemoteAddress() + ": "
                            + refusal + (more > 0 ? " (and " + more + " more since the last warning)" : ""));
                } else {
                    refusedSinceWarning.incrementAndGet();
                }
            }
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            accepted.accept(ch, refusal);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot set up an accepted connection", e);
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** Closes the listener and, unless called on the accepting thread, waits for that thread to end. */
    void close(Duration timeout) {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing listener", e);
        }
        if (Thread.currentThread() != thread) {
            Uninterruptibles.joinUninterruptibly(thread, timeout);
            if (thread.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, thread.getName() + " did not end within " + timeout.toSeconds()
                        + " s of close");
            }
        }
    }
}
