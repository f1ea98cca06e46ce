package org.rtspkit.srtp;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Per-SSRC state of one direction, looked up by a linear scan: a key serves one or two SSRCs in
 * practice, where a scan beats hashing and needs no boxing. Bounded, so a peer cycling SSRCs cannot
 * grow it; entries are only added for packets that passed authentication (or that we protect).
 */
final class SsrcTable<S> {
    /** SSRCs per key beyond those announced in MIKEY. */
    static final int DEFAULT_CAPACITY = 64;

    private final int capacity;
    private final IntFunction<S> factory;
    private int[] ssrcs = new int[2];
    private Object[] states = new Object[2];
    private int size;

    SsrcTable(int capacity, IntFunction<S> factory) {
        this.capacity = capacity;
        this.factory = factory;
    }

    @SuppressWarnings("unchecked")
    S get(int ssrc) {
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                return (S) states[i];
            }
        }
        return null;
    }

    boolean isFull() {
        return size >= capacity;
    }

    /** Adds state for an SSRC not in the table; the caller checked {@link #isFull()}. */
    S add(int ssrc) {
        if (size == ssrcs.length) {
            int grown = Math.min(capacity, size * 2);
            ssrcs = Arrays.copyOf(ssrcs, grown);
            states = Arrays.copyOf(states, grown);
        }
        S state = factory.apply(ssrc);
        ssrcs[size] = ssrc;
        states[size] = state;
        size++;
        return state;
    }

    int size() {
        return size;
    }
}
