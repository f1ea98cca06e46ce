package org.rtspkit.server.demo;

/**
 * G.711 mu-law (PCMU) encoding of 16-bit linear samples, bit for bit as the ITU-T G.191 reference
 * encoder does it (negative samples by their one's complement). The JDK's own converter
 * (javax.sound.sampled) wraps around near full negative scale, so it is not used.
 */
final class MuLaw {
    // Added before the segment search so that every segment's steps line up on powers of two.
    private static final int BIAS = 0x84;
    // The largest magnitude that still fits segment 7 once the bias is added.
    private static final int CLIP = 32635;

    private MuLaw() {
    }

    /** The mu-law byte of one signed 16-bit sample. */
    static byte encode(int sample) {
        int sign = 0;
        int magnitude = sample;
        if (magnitude < 0) {
            // One's complement, as the reference: -32768 then needs no special case.
            magnitude = ~magnitude;
            sign = 0x80;
        }
        magnitude = Math.min(magnitude, CLIP) + BIAS;
        int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 7;
        int mantissa = (magnitude >> (segment + 3)) & 0x0F;
        // G.711 sends the bits inverted, so that silence is not a run of zero bytes.
        return (byte) ~(sign | segment << 4 | mantissa);
    }

    /** Encodes {@code samples} into {@code out}, one byte per sample. */
    static void encode(short[] samples, byte[] out) {
        for (int i = 0; i < samples.length; i++) {
            out[i] = encode(samples[i]);
        }
    }
}
