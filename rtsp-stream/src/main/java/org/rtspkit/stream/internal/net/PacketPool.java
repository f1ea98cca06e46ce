package org.rtspkit.stream.internal.net;

import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * Recycled packet buffers of one stream. Packets are taken by the stream's writer and returned by
 * whichever I/O loop sends the last copy. When the pool is empty (readers hold many packets), new ones
 * are made; when it is full, returned ones are left to the garbage collector.
 */
public final class PacketPool {
    private final MpmcAtomicArrayQueue<OutboundPacket> free;
    private final int packetCapacity;

    /**
     * @param size           how many free packets the pool keeps at most
     * @param packetCapacity the size of each packet's buffer
     */
    public PacketPool(int size, int packetCapacity) {
        this.free = new MpmcAtomicArrayQueue<>(size);
        this.packetCapacity = packetCapacity;
    }

    /** A free packet, or a new one when none is free; the caller fills it and calls {@code beginOffers}. */
    public OutboundPacket acquire() {
        OutboundPacket p = free.poll();
        return p != null ? p : new OutboundPacket(this, packetCapacity);
    }

    void recycle(OutboundPacket p) {
        free.offer(p);
    }

    /** Free packets waiting to be reused. */
    public int freeCount() {
        return free.size();
    }
}
