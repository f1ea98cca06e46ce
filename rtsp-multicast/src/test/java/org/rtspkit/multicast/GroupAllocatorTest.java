package org.rtspkit.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class GroupAllocatorTest {

    @Test
    void startsAtTheNetworkAddressPlusOne() {
        GroupAllocator allocator = new GroupAllocator(Ipv4Range.parseMulticast("224.1.0.0/16"));
        assertEquals("224.1.0.1", allocator.allocate().getHostAddress());
        assertEquals("224.1.0.2", allocator.allocate().getHostAddress());
        assertEquals("224.1.0.3", allocator.allocate().getHostAddress());
    }

    @Test
    void wrapsInsideTheRangeAndNeverLeavesIt() {
        GroupAllocator allocator = new GroupAllocator(Ipv4Range.parseMulticast("239.0.0.8/29"));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            seen.add(allocator.allocate().getHostAddress());
        }
        assertEquals(List.of("239.0.0.9", "239.0.0.10", "239.0.0.11", "239.0.0.12", "239.0.0.13", "239.0.0.14",
                "239.0.0.15", "239.0.0.8", "239.0.0.9", "239.0.0.10"), seen);
    }

    @Test
    void eachAllocatorHasItsOwnSequence() {
        Ipv4Range range = Ipv4Range.parseMulticast("224.1.0.0/16");
        GroupAllocator first = new GroupAllocator(range);
        GroupAllocator second = new GroupAllocator(range);
        first.allocate();
        first.allocate();
        assertEquals("224.1.0.1", second.allocate().getHostAddress());
        assertEquals("224.1.0.3", first.allocate().getHostAddress());
    }

    @Test
    void concurrentCallersGetDistinctAddressesInOrder() throws InterruptedException {
        GroupAllocator allocator = new GroupAllocator(Ipv4Range.parseMulticast("224.1.0.0/16"));
        int threads = 8;
        int each = 2_000;
        ConcurrentLinkedQueue<InetAddress> all = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    all.add(allocator.allocate());
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        Set<InetAddress> distinct = new HashSet<>(all);
        assertEquals(threads * each, distinct.size());
        // Exactly the first threads*each addresses after the network address: nothing skipped.
        int network = 0xE001_0000;
        for (int i = 1; i <= threads * each; i++) {
            assertEquals(true, distinct.contains(Ipv4Range.toAddress(network + i)), Ipv4Range.format(network + i));
        }
        assertEquals(Ipv4Range.format(network + threads * each + 1), allocator.allocate().getHostAddress());
    }
}
