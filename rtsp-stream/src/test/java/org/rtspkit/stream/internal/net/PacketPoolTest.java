package org.rtspkit.stream.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stream's recycled packets: taken by the writer, returned by whichever loop sends the last copy. */
class PacketPoolTest {
    @Test
    void anEmptyPoolMakesPacketsOfItsCapacity() {
        PacketPool pool = new PacketPool(2, 1504);
        OutboundPacket a = pool.acquire();
        OutboundPacket b = pool.acquire();
        assertNotSame(a, b);
        assertEquals(1504, a.data().length);
        assertEquals(0, pool.freeCount());
    }

    @Test
    void aFullPoolLeavesExtraPacketsToTheCollector() {
        PacketPool pool = new PacketPool(2, 16);
        List<OutboundPacket> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            taken.add(pool.acquire());
        }
        for (OutboundPacket p : taken) {
            p.beginOffers(0, false, 1);
            p.endOffers(0);
        }
        assertEquals(2, pool.freeCount());
        assertSame(taken.get(0), pool.acquire(), "first returned, first reused");
    }

    /**
     * One writer thread takes packets while loop threads return them, as in a fan-out: a packet is never
     * handed out while someone still holds it.
     */
    @Test
    void aPacketIsNeverHeldTwiceAtOnce() throws Exception {
        PacketPool pool = new PacketPool(64, 16);
        Set<OutboundPacket> held = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        AtomicInteger twice = new AtomicInteger();
        int threads = 4;
        int rounds = 20_000;
        ExecutorService pool4 = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool4.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        OutboundPacket p = pool.acquire();
                        if (!held.add(p)) {
                            twice.incrementAndGet();
                        }
                        p.beginOffers(0, false, 1);
                        held.remove(p);
                        p.endOffers(0);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool4.shutdownNow();
            assertTrue(pool4.awaitTermination(5, TimeUnit.SECONDS));
        }
        assertEquals(0, twice.get(), "packets handed out while held");
        assertTrue(pool.freeCount() <= 64);
    }
}
