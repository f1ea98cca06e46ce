package org.rtspkit.stream.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.spi.PacketSink;

/**
 * A session's queue towards its sinks: writers offer from any thread, the session's loop drains it,
 * in order, after the response that starts the media.
 */
class SessionOutputTest {
    private static final long WAIT = 5;

    private IoLoop loop;
    /** What the sinks received: media index * 1000 + the packet's first byte, in order. */
    private final BlockingQueue<Integer> sent = new LinkedBlockingQueue<>();
    private final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        loop = new IoLoop("test-io");
        loop.start();
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    /** A sink that records what it is sent and takes everything. */
    private PacketSink recording(int media) throws IOException {
        PacketSink sink = mock(PacketSink.class);
        when(sink.send(anyBoolean(), any(), anyInt(), anyInt())).thenAnswer(call -> {
            byte[] data = call.getArgument(1);
            sent.add(media * 1000 + data[call.<Integer>getArgument(2)]);
            return true;
        });
        return sink;
    }

    private SessionOutput output(int capacity, PacketSink... sinks) {
        return new SessionOutput(failures::add, capacity, loop, sinks, null);
    }

    private static OutboundPacket packet(int media, int id) {
        return new OutboundPacket(media, false, new byte[] {(byte) id, 0, 0, 0}, 4);
    }

    private List<Integer> take(int n) throws InterruptedException {
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Integer v = sent.poll(WAIT, TimeUnit.SECONDS);
            if (v == null) {
                throw new AssertionError("got only " + got + " of " + n + " packets");
            }
            got.add(v);
        }
        return got;
    }

    /** Runs on the loop and waits for it: everything the loop had to do before is done. */
    private void onLoop(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            r.run();
            done.complete(null);
        });
        done.get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void packetsWaitForStartThenGoInOrderToTheirMedia() throws Exception {
        SessionOutput out = output(16, recording(0), null, recording(2));
        assertTrue(out.offer(packet(0, 1)));
        assertTrue(out.offer(packet(2, 2)));
        onLoop(() -> { });
        assertNull(sent.poll(), "nothing before start");
        out.start();
        assertTrue(out.offer(packet(0, 3)));
        assertEquals(List.of(1, 2002, 3), take(3));
        assertTrue(out.hasMedia(0));
        assertFalse(out.hasMedia(1), "media 1 was not set up");
        assertFalse(out.hasMedia(7));
    }

    @Test
    void aFullQueueRefusesAndKeepsWhatItHolds() throws Exception {
        SessionOutput out = output(4, recording(0));
        for (int i = 1; i <= 4; i++) {
            assertTrue(out.offer(packet(0, i)));
        }
        assertFalse(out.offer(packet(0, 5)), "full");
        out.start();
        assertEquals(List.of(1, 2, 3, 4), take(4));
        assertTrue(out.offer(packet(0, 6)), "room again");
        assertEquals(List.of(6), take(1));
    }

    @Test
    void moreThanABatchIsAllSent() throws Exception {
        int n = SessionOutput.BATCH * 3 + 5;
        SessionOutput out = output(256, recording(0));
        out.start();
        for (int i = 0; i < n; i++) {
            assertTrue(out.offer(packet(0, i % 100)));
        }
        List<Integer> got = take(n);
        for (int i = 0; i < n; i++) {
            assertEquals(i % 100, got.get(i));
        }
    }

    @Test
    void offersFromManyThreadsAreAllDelivered() throws Exception {
        int writers = 4;
        int each = 500;
        SessionOutput out = output(4096, recording(0));
        out.start();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    out.offer(packet(0, id));
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(WAIT));
        }
        int[] perWriter = new int[writers];
        for (int v : take(writers * each)) {
            perWriter[v]++;
        }
        for (int w = 0; w < writers; w++) {
            assertEquals(each, perWriter[w], "writer " + w);
        }
    }

    @Test
    void aFailingSinkReportsTheErrorOnce() throws Exception {
        PacketSink broken = mock(PacketSink.class);
        IOException reset = new IOException("connection reset");
        when(broken.send(anyBoolean(), any(), anyInt(), anyInt())).thenThrow(reset);
        SessionOutput out = output(16, broken);
        out.start();
        out.offer(packet(0, 1));
        assertSame(reset, failures.poll(WAIT, TimeUnit.SECONDS));
        onLoop(() -> { });
        assertNull(failures.poll(), "reported once");
    }

    /**
     * A sink without room (a TCP connection's output is full) keeps the packet; once resumed, that
     * packet goes first and the order is kept.
     */
    @Test
    void aSinkWithoutRoomKeepsThePacketUntilResumed() throws Exception {
        AtomicBoolean room = new AtomicBoolean(false);
        PacketSink sink = mock(PacketSink.class);
        when(sink.send(anyBoolean(), any(), anyInt(), anyInt())).thenAnswer(call -> {
            if (!room.get()) {
                return false;
            }
            sent.add((int) call.<byte[]>getArgument(1)[0]);
            return true;
        });
        SessionOutput out = output(16, sink);
        out.start();
        out.offer(packet(0, 1));
        out.offer(packet(0, 2));
        onLoop(() -> { });
        out.offer(packet(0, 3));
        onLoop(() -> { });
        assertNull(sent.poll(), "blocked: offers only queue");
        room.set(true);
        loop.execute(out::resume);
        assertEquals(List.of(1, 2, 3), take(3));
    }

    @Test
    void closingReturnsQueuedPacketsToTheirPool() throws Exception {
        PacketPool pool = new PacketPool(8, 4);
        SessionOutput out = output(8, recording(0));
        for (int i = 0; i < 3; i++) {
            OutboundPacket p = pool.acquire();
            p.beginOffers(0, false, 4);
            assertTrue(out.offer(p));
            p.endOffers(1);
        }
        assertEquals(0, pool.freeCount());
        out.close();
        onLoop(() -> { });
        assertEquals(3, pool.freeCount(), "every queued packet went back");
        assertFalse(out.offer(packet(0, 9)), "a closed output takes nothing");
        out.start();
        onLoop(() -> { });
        assertNull(sent.poll(), "nothing is sent after close");
    }

    @Test
    void sentPooledPacketsGoBackToTheirPool() throws Exception {
        PacketPool pool = new PacketPool(8, 4);
        SessionOutput out = output(8, recording(0));
        out.start();
        OutboundPacket p = pool.acquire();
        p.data()[0] = 42;
        p.beginOffers(0, false, 4);
        assertTrue(out.offer(p));
        p.endOffers(1);
        assertEquals(List.of(42), take(1));
        onLoop(() -> { });
        assertEquals(1, pool.freeCount());
    }
}
