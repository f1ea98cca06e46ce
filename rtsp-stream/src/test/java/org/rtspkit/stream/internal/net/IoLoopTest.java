package org.rtspkit.stream.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.spi.PacketSink;

/** One I/O thread: its tasks, the outputs it drains, how it is woken and how it stops. */
class IoLoopTest {
    private static final long WAIT = 5;
    private final List<IoLoop> loops = new ArrayList<>();

    private IoLoop started(String name) {
        IoLoop loop = new IoLoop(name);
        loops.add(loop);
        loop.start();
        return loop;
    }

    @AfterEach
    void stop() {
        loops.forEach(IoLoop::close);
    }

    @Test
    void tasksRunOnTheLoopThreadInTheOrderGiven() throws Exception {
        IoLoop loop = started("io-order");
        List<Integer> order = new ArrayList<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            int n = i;
            loop.execute(() -> order.add(n));
        }
        loop.execute(() -> {
            ranOn.set(Thread.currentThread());
            done.countDown();
        });
        assertTrue(done.await(WAIT, TimeUnit.SECONDS));
        assertEquals(100, order.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, order.get(i));
        }
        assertEquals("io-order", ranOn.get().getName());
    }

    @Test
    void theLoopKnowsItsOwnThread() throws Exception {
        IoLoop loop = started("io-self");
        assertFalse(loop.inLoop());
        assertEquals(null, IoLoop.current());
        CompletableFuture<Boolean> inLoop = new CompletableFuture<>();
        CompletableFuture<IoLoop> current = new CompletableFuture<>();
        loop.execute(() -> {
            inLoop.complete(loop.inLoop());
            current.complete(IoLoop.current());
        });
        assertTrue(inLoop.get(WAIT, TimeUnit.SECONDS));
        assertSame(loop, current.get(WAIT, TimeUnit.SECONDS));
    }

    /**
     * A sleeping loop is woken by new work rather than by its select timeout (one second): the task
     * runs well within it.
     */
    @Test
    void workWakesASleepingLoop() throws Exception {
        IoLoop loop = started("io-wake");
        // Let it go to sleep in select.
        CountDownLatch first = new CountDownLatch(1);
        loop.execute(first::countDown);
        assertTrue(first.await(WAIT, TimeUnit.SECONDS));
        for (int i = 0; i < 5; i++) {
            Thread.sleep(50); // not synchronisation: time for the loop to enter select
            CountDownLatch ran = new CountDownLatch(1);
            long begin = System.nanoTime();
            loop.execute(ran::countDown);
            assertTrue(ran.await(WAIT, TimeUnit.SECONDS));
            long millis = (System.nanoTime() - begin) / 1_000_000;
            assertTrue(millis < 700, "woken after " + millis + " ms");
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheLoop() throws Exception {
        IoLoop loop = started("io-fail");
        loop.execute(() -> {
            throw new IllegalStateException("a bug in one connection");
        });
        CountDownLatch after = new CountDownLatch(1);
        loop.execute(after::countDown);
        assertTrue(after.await(WAIT, TimeUnit.SECONDS));
    }

    /** A fan-out marks outputs ready without waking loops one by one, then wakes them once. */
    @Test
    void outputsMarkedReadyQuietlyAreSentAfterTheWakeUp() throws Exception {
        IoLoop a = started("io-a");
        IoLoop b = started("io-b");
        IoLoop[] all = {a, b};
        a.peers(all);
        b.peers(all);
        CountDownLatch delivered = new CountDownLatch(2);
        PacketSink sink = mock(PacketSink.class);
        when(sink.send(anyBoolean(), any(), anyInt(), anyInt())).thenAnswer(call -> {
            delivered.countDown();
            return true;
        });
        SessionOutput onA = new SessionOutput(e -> { }, 8, a, new PacketSink[] {sink}, null);
        SessionOutput onB = new SessionOutput(e -> { }, 8, b, new PacketSink[] {sink}, null);
        onA.start();
        onB.start();
        OutboundPacket p = new OutboundPacket(0, false, new byte[4], 4);
        assertTrue(onA.offer(p, false));
        assertTrue(onB.offer(p, false));
        IoLoop.wakeAfterFanOut(all);
        assertTrue(delivered.await(WAIT, TimeUnit.SECONDS));
    }

    /** A fan-out on a loop's own thread wakes the loops once that turn is over, and nothing is left behind. */
    @Test
    void aFanOutOnALoopThreadWakesItsPeersAfterItsTurn() throws Exception {
        IoLoop a = started("io-writer");
        IoLoop b = started("io-peer");
        IoLoop[] all = {a, b};
        a.peers(all);
        b.peers(all);
        CountDownLatch delivered = new CountDownLatch(1);
        PacketSink sink = mock(PacketSink.class);
        when(sink.send(anyBoolean(), any(), anyInt(), anyInt())).thenAnswer(call -> {
            delivered.countDown();
            return true;
        });
        SessionOutput onB = new SessionOutput(e -> { }, 8, b, new PacketSink[] {sink}, null);
        onB.start();
        // Let the peer fall asleep first.
        CountDownLatch asleep = new CountDownLatch(1);
        b.execute(asleep::countDown);
        assertTrue(asleep.await(WAIT, TimeUnit.SECONDS));
        a.execute(() -> {
            onB.offer(new OutboundPacket(0, false, new byte[4], 4), false);
            IoLoop.wakeAfterFanOut(all);
        });
        assertTrue(delivered.await(WAIT, TimeUnit.SECONDS));
    }

    /**
     * Tasks queued before close() still run (a closing server queues its connections' closing), even
     * more than one turn of the loop takes.
     */
    @Test
    void closeRunsWhatWasQueuedBeforeIt() throws Exception {
        IoLoop loop = started("io-drain");
        CountDownLatch gate = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int queued = 10_000;
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < queued; i++) {
            loop.execute(ran::incrementAndGet);
        }
        Thread closer = new Thread(loop::close, "closer");
        closer.start();
        // close() has marked the loop closed once it waits for the thread.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
            assertTrue(System.nanoTime() < deadline, "close() never waited for the loop");
            Thread.onSpinWait();
        }
        gate.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(WAIT));
        assertEquals(queued, ran.get());
    }

    @Test
    void closeStopsTheThreadAndWaitsForIt() throws Exception {
        IoLoop loop = started("io-close");
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        loop.execute(() -> thread.complete(Thread.currentThread()));
        Thread t = thread.get(WAIT, TimeUnit.SECONDS);
        loop.close();
        assertFalse(t.isAlive(), "joined by close");
        assertFalse(loop.selector().isOpen());
    }
}
