package org.rtspkit.stream.internal.rtp;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Picks the local SSRCs of a stream or a session: one per format, each a non-zero, crypto-random
 * 32-bit value, unique among the values of the same call (RFC 3550 §8 leaves collisions across
 * streams to detection, so no wider uniqueness is attempted). Zero is avoided because some
 * receivers treat it as "no SSRC".
 */
public final class SsrcGenerator {
    private SsrcGenerator() {
    }

    /**
     * Returns {@code count} distinct SSRCs in 1..2^32−1, read from {@code random} as big-endian
     * 4-byte words; zeros and repeats are drawn again.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public static long[] generate(int count, SecureRandom random) {
        if (count < 0) {
            throw new IllegalArgumentException("SSRC count must not be negative: " + count);
        }
        Objects.requireNonNull(random, "random");
        long[] ssrcs = new long[count];
        byte[] word = new byte[4];
        for (int i = 0; i < count; i++) {
            long candidate;
            do {
                random.nextBytes(word);
                candidate = ((word[0] & 0xFFL) << 24) | ((word[1] & 0xFFL) << 16) | ((word[2] & 0xFFL) << 8) | (word[3] & 0xFFL);
            } while (candidate == 0 || contains(ssrcs, i, candidate));
            ssrcs[i] = candidate;
        }
        return ssrcs;
    }

    // A stream has a handful of formats, so a linear scan beats building a set.
    private static boolean contains(long[] values, int length, long candidate) {
        for (int i = 0; i < length; i++) {
            if (values[i] == candidate) {
                return true;
            }
        }
        return false;
    }
}
