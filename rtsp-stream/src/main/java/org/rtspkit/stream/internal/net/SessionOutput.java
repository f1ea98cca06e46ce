package org.rtspkit.stream.internal.net;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;
import org.rtspkit.spi.PacketSink;

/**
 * The bounded queue between writers (the stream, the report timers, the application) and one
 * session's transport sinks, drained by the session's I/O loop.
 *
 * <p>Writers never wait: {@link #offer} fails when the queue is full and the caller counts the drop.
 * The loop sends up to {@link #BATCH} packets per turn and then flushes the connection once, so a burst
 * of packets for a TCP reader leaves in one socket write.
 */
public final class SessionOutput {
    /** Packets sent per turn before other outputs get theirs. */
    static final int BATCH = 64;

    private final MpscAtomicArrayQueue<OutboundPacket> queue;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final IoLoop loop;
    private final PacketSink[] sinks;
    /** The RTSP connection that carries this session's packets (TCP); null for UDP. */
    private final Connection carrier;
    /** What to do when a sink fails: close the session it belongs to. */
    private final Consumer<Throwable> onFailure;
    private OutboundPacket pending;
    /** Set while the carrier's output is full: offers then only queue, and the carrier resumes us. */
    private volatile boolean blocked;
    /** False until the response that starts the media has been written (see {@link #start}). */
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param onFailure what to do when a sink throws (close the session)
     * @param capacity  the queue's size, a power of two
     * @param loop      the loop that drains the queue
     * @param sinks     one per media index, null for a media the session did not set up
     * @param carrier   the connection whose output the sinks write to (TCP), or null
     */
    public SessionOutput(Consumer<Throwable> onFailure, int capacity, IoLoop loop, PacketSink[] sinks,
                         Connection carrier) {
        this.onFailure = onFailure;
        this.queue = new MpscAtomicArrayQueue<>(capacity);
        this.loop = loop;
        this.sinks = sinks;
        this.carrier = carrier;
    }

    /** Queues a packet; false when the queue is full (the packet is dropped for this session only). */
    public boolean offer(OutboundPacket packet) {
        return offer(packet, true);
    }

    /**
     * As {@link #offer(OutboundPacket)}; with {@code wake} false the loop is not woken, and the caller
     * must call {@link IoLoop#wakeAfterFanOut} once it has offered to every reader.
     */
    public boolean offer(OutboundPacket packet, boolean wake) {
        if (closed || !queue.offer(packet)) {
            return false;
        }
        schedule(wake);
        return true;
    }

    public boolean hasMedia(int mediaIndex) {
        return mediaIndex < sinks.length && sinks[mediaIndex] != null;
    }

    /** Asks the loop for a turn, unless one is already pending or there is nothing it could do. */
    public void schedule() {
        schedule(true);
    }

    private void schedule(boolean wake) {
        if (started && !blocked && !closed && scheduled.compareAndSet(false, true)) {
            if (wake) {
                loop.ready(this);
            } else {
                loop.readyQuietly(this);
            }
        }
    }

    /**
     * Lets queued packets go out. Packets offered before this (by the application during PLAY or
     * RECORD handling) wait, so that they follow the response on the wire.
     */
    public void start() {
        started = true;
        schedule();
    }

    /** The carrier wrote everything it held: carry on sending. Runs on the loop. */
    void resume() {
        blocked = false;
        schedule();
    }

    /** Runs on the loop thread. */
    void drain() {
        scheduled.set(false);
        if (closed) {
            return;
        }
        blocked = false;
        try {
            OutboundPacket p = pending != null ? pending : queue.poll();
            pending = null;
            int sent = 0;
            while (p != null) {
                int media = p.mediaIndex();
                PacketSink sink = media < sinks.length ? sinks[media] : null;
                if (sink != null && !sink.send(p.isRtcp(), p.data(), 0, p.length())) {
                    pending = p;
                    blocked = true;
                    break;
                }
                p.release();
                if (++sent == BATCH) {
                    break;
                }
                p = queue.poll();
            }
            if (carrier != null) {
                carrier.flushOutput(blocked ? this : null);
            }
        } catch (IOException | RuntimeException e) {
            onFailure.accept(e);
            return;
        }
        // A blocked output waits for its carrier to drain; otherwise come back for what is left.
        if (!queue.isEmpty()) {
            schedule();
        }
    }

    /** Runs on any thread. Packets still queued go back to their pools, on the loop: it is the queue's consumer. */
    public void close() {
        closed = true;
        loop.execute(this::discard);
    }

    private void discard() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        OutboundPacket p;
        while ((p = queue.poll()) != null) {
            p.release();
        }
    }
}
