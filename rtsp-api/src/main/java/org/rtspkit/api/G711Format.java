package org.rtspkit.api;

import java.util.Map;

/**
 * G.711 (RFC 3551 §4.5.14): {@code PCMU} (mu-law) or {@code PCMA} (A-law), at any rate and channel
 * count a dynamic payload type gives; payload types 0 and 8 are the static 8 kHz mono ones.
 *
 * @param payloadType  RTP payload type
 * @param muLaw        true for PCMU, false for PCMA
 * @param sampleRate   samples per second, also the RTP clock rate
 * @param channelCount channels
 */
public record G711Format(int payloadType, boolean muLaw, int sampleRate, int channelCount) implements Format {
    /**
     * Checks the payload type, sample rate and channel count.
     *
     * @param payloadType RTP payload type
     * @param muLaw true for PCMU, false for PCMA
     * @param sampleRate samples per second, also the RTP clock rate
     * @param channelCount channels
     */
    public G711Format {
        Wire.checkPayloadType(payloadType);
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("G.711 sample rate must be positive: " + sampleRate);
        }
        Wire.checkRange(channelCount, 1, 255, "G.711 channel count");
    }

    /**
     * Static payload type 0, 8 kHz mono mu-law.
     *
     * @return the PCMU format
     */
    public static G711Format pcmu() {
        return new G711Format(0, true, 8000, 1);
    }

    /**
     * Static payload type 8, 8 kHz mono A-law.
     *
     * @return the PCMA format
     */
    public static G711Format pcma() {
        return new G711Format(8, false, 8000, 1);
    }

    @Override
    public int clockRate() {
        return sampleRate;
    }

    /** Written even for the static payload types: it costs a line and spares clients a table lookup. */
    @Override
    public String rtpMap() {
        return (muLaw ? "PCMU/" : "PCMA/") + sampleRate + (channelCount == 1 ? "" : "/" + channelCount);
    }

    @Override
    public Map<String, String> fmtp() {
        return Map.of();
    }

    @Override
    public boolean ptsEqualsDts(byte[] payload, int offset, int length) {
        return true;
    }
}
