package org.rtspkit.server.demo;

/**
 * A continuous sine tone as G.711 mu-law packets. The phase carries over from one packet to the next,
 * so the tone has no click at packet boundaries. Not thread-safe: one generator thread calls it.
 */
final class ToneGenerator {
    private final double phaseStep;
    private final double amplitude;
    private final short[] samples;
    private double phase;

    /**
     * @param frequency        the tone, in Hz
     * @param sampleRate       samples per second
     * @param samplesPerPacket samples in each packet
     * @param level            peak level, 0..1 of full scale
     */
    ToneGenerator(double frequency, int sampleRate, int samplesPerPacket, double level) {
        if (frequency <= 0 || frequency >= sampleRate / 2.0) {
            throw new IllegalArgumentException("the tone must lie between 0 and half the sample rate: " + frequency);
        }
        if (level < 0 || level > 1) {
            throw new IllegalArgumentException("level must be between 0 and 1: " + level);
        }
        this.phaseStep = 2 * Math.PI * frequency / sampleRate;
        this.amplitude = level * Short.MAX_VALUE;
        this.samples = new short[samplesPerPacket];
    }

    /** The next packet's payload: one mu-law byte per sample. */
    byte[] nextPacket() {
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(amplitude * Math.sin(phase));
            phase += phaseStep;
        }
        // Kept small so that precision does not drain away over a server's lifetime.
        phase %= 2 * Math.PI;
        byte[] payload = new byte[samples.length];
        MuLaw.encode(samples, payload);
        return payload;
    }
}
