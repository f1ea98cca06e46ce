package org.rtspkit.stream.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class SsrcGeneratorTest {

    /** Hands out scripted 4-byte words, so the retry rules can be observed. */
    private static final class ScriptedRandom extends SecureRandom {
        private final Deque<byte[]> words = new ArrayDeque<>();

        ScriptedRandom(int... values) {
            for (int v : values) {
                words.add(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
            }
        }

        @Override
        public void nextBytes(byte[] bytes) {
            byte[] word = words.remove();
            System.arraycopy(word, 0, bytes, 0, bytes.length);
        }
    }

    @Test
    void valuesAreNonZeroDistinctAndUnsigned32Bit() {
        long[] ssrcs = SsrcGenerator.generate(200, new SecureRandom());
        assertEquals(200, ssrcs.length);
        assertEquals(200, Arrays.stream(ssrcs).distinct().count());
        for (long ssrc : ssrcs) {
            assertTrue(ssrc > 0 && ssrc <= 0xFFFF_FFFFL, "out of range: " + ssrc);
        }
    }

    @Test
    void readsBigEndianWordsAndKeepsTheHighBit() {
        long[] ssrcs = SsrcGenerator.generate(2, new ScriptedRandom(0x12345678, 0xFFFFFFFE));
        assertArrayEquals(new long[] {0x12345678L, 0xFFFFFFFEL}, ssrcs);
    }

    @Test
    void zeroAndRepeatsAreDrawnAgain() {
        long[] ssrcs = SsrcGenerator.generate(3, new ScriptedRandom(0, 7, 7, 0, 9, 7, 9, 11));
        assertArrayEquals(new long[] {7, 9, 11}, ssrcs);
    }

    @Test
    void countZeroGivesEmptyAndNegativeIsRejected() {
        assertEquals(0, SsrcGenerator.generate(0, new SecureRandom()).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SsrcGenerator.generate(-1, new SecureRandom()));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }
}
