package org.rtspkit.stream.internal.net;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A marshalled packet on its way out. One instance is shared by every reader it is queued for, so its
 * bytes may not be modified once queued.
 *
 * <p>Media packets come from a {@link PacketPool} and go back to it when the last reader has sent
 * them, so a stream in steady state allocates nothing per packet. The count of holders starts at a
 * large bias while the writer is still offering the packet, so that readers finishing early cannot
 * bring it to zero; the writer then settles the count with the number of readers that took it.
 */
public final class OutboundPacket {
    private static final VarHandle REFS;
    /** Larger than any number of readers. */
    private static final int WRITER_BIAS = 1 << 30;

    static {
        try {
            REFS = MethodHandles.lookup().findVarHandle(OutboundPacket.class, "refs", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final byte[] data;
    private final PacketPool pool;
    private int mediaIndex;
    private boolean rtcp;
    private int length;
    @SuppressWarnings("unused") // through REFS
    private volatile int refs;

    /** A packet that is not recycled (reports, application RTCP). */
    public OutboundPacket(int mediaIndex, boolean rtcp, byte[] data, int length) {
        this.mediaIndex = mediaIndex;
        this.rtcp = rtcp;
        this.data = data;
        this.length = length;
        this.pool = null;
    }

    /** An empty packet of a pool. */
    OutboundPacket(PacketPool pool, int capacity) {
        this.data = new byte[capacity];
        this.pool = pool;
    }

    /** The buffer: the writer fills a pooled packet's before {@link #beginOffers}, nobody changes it after. */
    public byte[] data() {
        return data;
    }

    public int length() {
        return length;
    }

    public int mediaIndex() {
        return mediaIndex;
    }

    public boolean isRtcp() {
        return rtcp;
    }

    /** The writer is about to offer this pooled packet. */
    public void beginOffers(int media, boolean isRtcp, int size) {
        this.mediaIndex = media;
        this.rtcp = isRtcp;
        this.length = size;
        REFS.setRelease(this, WRITER_BIAS);
    }

    /** A pooled packet the writer took but will not offer (it failed to fill it): straight back to its pool. */
    public void returnUnused() {
        if (pool != null) {
            pool.recycle(this);
        }
    }

    /** The writer is done: {@code taken} readers hold the packet now. */
    public void endOffers(int taken) {
        if (pool != null && (int) REFS.getAndAdd(this, taken - WRITER_BIAS) == WRITER_BIAS - taken) {
            pool.recycle(this);
        }
    }

    /** A reader has sent (or discarded) the packet. */
    public void release() {
        if (pool != null && (int) REFS.getAndAdd(this, -1) == 1) {
            pool.recycle(this);
        }
    }
}
