package org.rtspkit.stream.internal.net;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jctools.queues.atomic.MpscGrowableAtomicArrayQueue;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * One I/O thread: it owns a selector for its connections' sockets and delivers the packets queued for
 * the sessions assigned to it. The server runs about one per core, so the cost of sending to many
 * readers is spread over the cores instead of falling on the publisher's thread.
 *
 * <p>Work reaches the loop as tasks ({@link #execute}) and as outputs marked ready ({@link #ready}).
 * Both queues are lock-free; the selector is woken only when the loop is actually waiting in select.
 * The atomic (not Unsafe-based) jctools queues keep newer JDKs quiet.
 */
public final class IoLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(IoLoop.class.getName());
    /** Chunk size of the unbounded queues: the allocation happens once per chunk, not per element. */
    private static final int CHUNK = 1024;
    /** Far above any session count a server accepts (maxSessions). */
    private static final int MAX_READY = 1 << 24;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new MpscUnboundedAtomicArrayQueue<>(CHUNK);
    /**
     * Each output is queued at most once at a time, so this holds at most one entry per session; a
     * growable (not chunk-linked) queue reuses its array, so marking outputs ready allocates nothing.
     */
    private final Queue<SessionOutput> readyOutputs = new MpscGrowableAtomicArrayQueue<>(CHUNK, MAX_READY);
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private volatile boolean closed;
    /** Every loop of the server, this one included, for {@link #wakeAfterFanOut(IoLoop[])}. */
    private IoLoop[] peers = {this};
    /** Set on this loop's thread when a write it ran marked outputs ready without waking their loops. */
    private boolean wakePeers;

    /** A loop on a daemon thread of this name. */
    public IoLoop(String name) {
        this(new ThreadFactoryBuilder().setNameFormat(name.replace("%", "%%")).setDaemon(true).build());
    }

    /** A loop on a thread of {@code threads}, which names it. */
    public IoLoop(ThreadFactory threads) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.thread = threads.newThread(this);
    }

    public void start() {
        thread.start();
    }

    /** The server's loops (its own array, never changed); set once, before {@link #start}. */
    public void peers(IoLoop[] all) {
        this.peers = all;
    }

    /** The loop whose thread is calling, or null on any other thread. */
    public static IoLoop current() {
        return CURRENT.get();
    }

    private static final ThreadLocal<IoLoop> CURRENT = new ThreadLocal<>();

    Selector selector() {
        return selector;
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop's thread, after the tasks submitted before it. */
    public void execute(Runnable task) {
        tasks.offer(task);
        wakeup();
    }

    /** Marks an output as having packets to send; the output makes sure it is queued at most once. */
    void ready(SessionOutput output) {
        readyOutputs.offer(output);
        wakeup();
    }

    /**
     * As {@link #ready}, without waking the loop: for a fan-out, which marks many outputs ready and
     * then calls {@link #wakeAfterFanOut(IoLoop[])} once. Waking per output would have a sleeping loop wake,
     * send one packet and sleep again for every reader, a system call pair per delivered packet.
     */
    void readyQuietly(SessionOutput output) {
        readyOutputs.offer(output);
    }

    /**
     * Wakes the loops after outputs were marked ready quietly. On a thread of one of these loops (a
     * publisher relayed by the server) this waits until the loop has handled everything it read this turn, so
     * that a burst of packets (a video frame) reaches each reader's queue before its loop drains it,
     * and leaves in one socket write.
     */
    public static void wakeAfterFanOut(IoLoop[] loops) {
        IoLoop here = current();
        // Only a loop of the same server wakes its peers later: a relay writes to the streams of
        // several servers (RTSP and RTSPS) from one server's loop, and the others' loops would sleep on.
        if (here != null && here.peers == loops) {
            here.wakePeers = true;
            return;
        }
        for (IoLoop loop : loops) {
            loop.wakeIfReady();
        }
    }

    /** Wakes the loop if outputs wait for it: a write that queued nothing here (full queues) wakes nobody. */
    private void wakeIfReady() {
        if (!readyOutputs.isEmpty()) {
            wakeup();
        }
    }

    private void wakeup() {
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        CURRENT.set(this);
        while (!closed) {
            try {
                // Writes made while handling the sockets (last turn) or the tasks wake the other loops
                // before this one sends, and none is left pending when this loop goes to sleep.
                runTasks();
                wakePeersIfAsked();
                runReadyOutputs();
                wakePeersIfAsked();
                if (tasks.isEmpty() && readyOutputs.isEmpty()) {
                    sleeping.set(true);
                    if (tasks.isEmpty() && readyOutputs.isEmpty()) {
                        selector.select(1000);
                    } else {
                        selector.selectNow();
                    }
                    sleeping.set(false);
                } else {
                    selector.selectNow();
                }
                handleSelected(selector.selectedKeys());
            } catch (ClosedSelectorException e) {
                return;
            } catch (Throwable t) {
                // A bug in one connection's handling must not stop every other connection of the loop.
                LOG.log(System.Logger.Level.ERROR, "unexpected error in I/O loop " + thread.getName(), t);
            }
        }
        // Closing: what was queued before close() still runs (the server's connections closing, for one).
        for (int round = 0; round < 16 && !tasks.isEmpty(); round++) {
            runTasks();
        }
    }

    private void wakePeersIfAsked() {
        if (wakePeers) {
            wakePeers = false;
            for (IoLoop peer : peers) {
                peer.wakeIfReady();
            }
        }
    }

    private void runTasks() {
        Runnable task;
        int budget = 4096;
        while (budget-- > 0 && (task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "unexpected error in an I/O task", e);
            }
        }
    }

    private void runReadyOutputs() {
        // Bounded so that sockets and tasks get their turn even under a constant stream of packets.
        int budget = 16384;
        SessionOutput output;
        while (budget-- > 0 && (output = readyOutputs.poll()) != null) {
            output.drain();
        }
    }

    private void handleSelected(Set<SelectionKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        for (SelectionKey key : keys) {
            Object attachment = key.attachment();
            if (attachment instanceof SelectableHandler handler) {
                try {
                    handler.onReady(key);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "unexpected error handling a socket", e);
                }
            }
        }
        keys.clear();
    }

    /**
     * Stops the thread once it has run the tasks queued before this call, and waits for it (unless
     * called on the loop's own thread); the selector's channels are closed by their owners.
     */
    public void close() {
        closed = true;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing selector", e);
        }
    }

    /** Something registered with a selector key as its attachment. */
    interface SelectableHandler {
        void onReady(SelectionKey key);
    }
}
