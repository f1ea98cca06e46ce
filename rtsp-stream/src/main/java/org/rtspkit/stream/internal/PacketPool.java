package org.rtspkit.stream.internal;

import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * Recycled packet buffers of one stream. Packets are taken by the stream's writer and returned by
 * whichever I/O loop sends the last copy. When the pool is empty (readers hold many packets), new ones
 * are made; when it is full, returned ones are left to the garbage collector.
 */
final class PacketPool {
    private final MpmcAtomicArrayQueue<OutboundPacket> free;
    private final int packetCapacity;

    PacketPool(int size, int packetCapacity) {
        this.free = new MpmcAtomicArrayQueue<>(size);
        this.packetCapacity = packetCapacity;
    }

    OutboundPacket acquire() {
        OutboundPacket p = free.poll();
        return p != null ? p : new OutboundPacket(this, packetCapacity);
    }

    void recycle(OutboundPacket p) {
        free.offer(p);
    }
}
