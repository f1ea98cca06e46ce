package org.rtspkit.multicast;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out group addresses of one server's range in order. It keeps no record of what is in use:
 * groups are not handed back, and the sequence simply wraps inside the range, which is how clients'
 * servers of reference behave (a range of 65,536 groups takes a long time to come round).
 */
final class GroupAllocator {
    private final Ipv4Range range;
    // The last address handed out; starts at the network address so that the first one is network + 1.
    private final AtomicInteger last;

    GroupAllocator(Ipv4Range range) {
        this.range = range;
        this.last = new AtomicInteger(range.network());
    }

    InetAddress allocate() {
        return Ipv4Range.toAddress(allocateInt());
    }

    int allocateInt() {
        return last.updateAndGet(range::next);
    }

    Ipv4Range range() {
        return range;
    }
}
