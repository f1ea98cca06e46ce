package org.rtspkit.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MuLawTest {

    /** Segment and step boundaries, as the ITU-T G.191 reference encoder maps them. */
    @ParameterizedTest
    @CsvSource({
            "0, FF",
            "3, FF",
            "4, FE",
            "-1, 7F",
            "-4, 7F",
            "-5, 7E",
            "1000, CE",
            "-1000, 4E",
            "8059, A0",
            "8060, 9F",
            "32124, 80",
            "32767, 80",
            "-32124, 00",
            "-32768, 00",
    })
    void encodesAsTheReferenceDoes(int sample, String expected) {
        assertEquals(Integer.parseInt(expected, 16), MuLaw.encode(sample) & 0xFF, "sample " + sample);
    }

    @Test
    void everySampleDecodesWithinHalfAStepOfItself() {
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            int decoded = decode(MuLaw.encode(sample));
            int magnitude = Math.min(sample >= 0 ? sample : -sample - 1, 32635);
            // Steps double with each segment: 8 in segment 0, 1024 in segment 7.
            int segment = 31 - Integer.numberOfLeadingZeros(magnitude + 0x84) - 7;
            assertTrue(decoded == 0 || sample >= 0 == decoded > 0, "sample " + sample + " decoded as " + decoded);
            assertTrue(Math.abs(magnitude - Math.abs(decoded)) <= 4 << segment,
                    "sample " + sample + " decoded as " + decoded);
        }
    }

    @Test
    void toneHasTheRequestedPitchAndLevel() {
        ToneGenerator tone = new ToneGenerator(440, 8000, 160, 0.3);
        int crossings = 0;
        int peak = 0;
        int previous = 0;
        for (int p = 0; p < 50; p++) {
            byte[] packet = tone.nextPacket();
            assertEquals(160, packet.length);
            for (byte b : packet) {
                int sample = decode(b);
                if (previous < 0 && sample >= 0) {
                    crossings++;
                }
                previous = sample;
                peak = Math.max(peak, Math.abs(sample));
            }
        }
        // One second of 440 Hz crosses zero upwards 440 times, give or take the first.
        assertTrue(Math.abs(crossings - 440) <= 1, "upward zero crossings in one second: " + crossings);
        assertTrue(Math.abs(peak - 0.3 * 32767) < 0.3 * 32767 * 0.05, "peak " + peak);
    }

    /** The G.711 decoder, written out here so the test does not check the encoder against itself. */
    private static int decode(byte encoded) {
        int u = ~encoded & 0xFF;
        int segment = (u >> 4) & 0x07;
        int magnitude = (((u & 0x0F) << 3) + 0x84 << segment) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }
}
