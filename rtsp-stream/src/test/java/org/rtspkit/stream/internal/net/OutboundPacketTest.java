package org.rtspkit.stream.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reference count that returns a shared packet to its pool once, after the writer and every reader. */
class OutboundPacketTest {
    private final PacketPool pool = new PacketPool(4, 16);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void aPacketNobodyTookGoesBackWhenTheWriterIsDone() {
        OutboundPacket p = pool.acquire();
        p.beginOffers(0, false, 12);
        p.endOffers(0);
        assertEquals(1, pool.freeCount());
        assertSame(p, pool.acquire(), "the pool hands the same packet out again");
    }

    @Test
    void readersFinishingBeforeTheWriterSettlesDoNotRecycleIt() {
        OutboundPacket p = pool.acquire();
        p.beginOffers(0, false, 12);
        // Three readers took it and sent it already, while the writer was still offering it.
        p.release();
        p.release();
        p.release();
        assertEquals(0, pool.freeCount(), "still the writer's");
        p.endOffers(3);
        assertEquals(1, pool.freeCount());
    }

    @Test
    void theLastReaderAfterTheWriterRecyclesIt() {
        OutboundPacket p = pool.acquire();
        p.beginOffers(1, false, 12);
        p.endOffers(2);
        assertEquals(0, pool.freeCount());
        p.release();
        assertEquals(0, pool.freeCount(), "one reader still holds it");
        p.release();
        assertEquals(1, pool.freeCount());
    }

    @Test
    void aPacketOutsideAnyPoolIsNeverRecycled() {
        OutboundPacket report = new OutboundPacket(0, true, new byte[8], 8);
        report.endOffers(0);
        report.release();
        report.release();
        assertEquals(0, pool.freeCount());
        assertEquals(8, report.length());
        assertTrue(report.isRtcp());
    }

    @Test
    void beginOffersSetsWhatTheSinksRead() {
        OutboundPacket p = pool.acquire();
        p.beginOffers(3, true, 9);
        assertEquals(3, p.mediaIndex());
        assertTrue(p.isRtcp());
        assertEquals(9, p.length());
        assertEquals(16, p.data().length);
    }

    /**
     * Readers on several threads release while the writer settles the count, in every interleaving the
     * scheduler produces: the packet goes back exactly once (twice would put it in the pool twice).
     */
    @Test
    void concurrentReleasesRecycleExactlyOnce() throws Exception {
        int readers = 6;
        CyclicBarrier start = new CyclicBarrier(readers + 1);
        for (int round = 0; round < 2000; round++) {
            OutboundPacket p = pool.acquire();
            p.beginOffers(0, false, 12);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                done.add(threads.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    p.release();
                    return null;
                }));
            }
            start.await(5, TimeUnit.SECONDS);
            p.endOffers(readers);
            for (Future<?> f : done) {
                f.get(5, TimeUnit.SECONDS);
            }
            assertEquals(1, pool.freeCount(), "round " + round);
            assertSame(p, pool.acquire(), "round " + round);
        }
    }

    @Test
    void aPacketIsReusedOnlyAfterItsLastHolderLetGo() throws Exception {
        OutboundPacket p = pool.acquire();
        p.beginOffers(0, false, 12);
        p.endOffers(1);
        CountDownLatch released = new CountDownLatch(1);
        threads.submit(() -> {
            p.release();
            released.countDown();
        });
        assertTrue(released.await(5, TimeUnit.SECONDS));
        assertSame(p, pool.acquire());
    }
}
