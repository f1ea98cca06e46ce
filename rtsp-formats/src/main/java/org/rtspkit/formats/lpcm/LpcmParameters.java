package org.rtspkit.formats.lpcm;

import java.util.Locale;
import java.util.Map;
import org.rtspkit.api.GenericFormat;

/**
 * What an uncompressed PCM format describes: {@code L8} (RFC 3551 §4.5.10, unsigned 8-bit),
 * {@code L16} (§4.5.11, signed 16-bit big-endian) and {@code L24} (RFC 3190, signed 24-bit big-endian),
 * at a sampling rate that is also the RTP clock rate, channels interleaved.
 *
 * @param bitDepth     8, 16 or 24
 * @param sampleRate   samples per second per channel
 * @param channelCount channels, 1..255
 */
public record LpcmParameters(int bitDepth, int sampleRate, int channelCount) {
    /**
     * Checks the fields.
     *
     * @param bitDepth 8, 16 or 24
     * @param sampleRate samples per second, positive
     * @param channelCount 1..255
     */
    public LpcmParameters {
        if (bitDepth != 8 && bitDepth != 16 && bitDepth != 24) {
            throw new IllegalArgumentException("LPCM bit depth must be 8, 16 or 24: " + bitDepth);
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("LPCM sample rate must be positive: " + sampleRate);
        }
        if (channelCount < 1 || channelCount > 255) {
            throw new IllegalArgumentException("LPCM channel count must be 1..255: " + channelCount);
        }
    }

    /**
     * The parameters of a format: from its rtpmap ({@code L16/48000/2}), or for the static payload
     * types 10 and 11 without one, {@code L16/44100/2} and {@code L16/44100/1}.
     *
     * @param format the format
     * @return the parameters
     * @throws IllegalArgumentException when the format is not L8, L16 or L24
     */
    public static LpcmParameters fromFormat(GenericFormat format) {
        String rtpMap = format.rtpMap();
        if (rtpMap == null) {
            if (format.payloadType() == 10) {
                return new LpcmParameters(16, 44100, 2);
            }
            if (format.payloadType() == 11) {
                return new LpcmParameters(16, 44100, 1);
            }
            throw new IllegalArgumentException("payload type " + format.payloadType() + " without rtpmap is not LPCM");
        }
        String[] parts = rtpMap.strip().split("/");
        int bits = switch (parts[0].toUpperCase(Locale.ROOT)) {
            case "L8" -> 8;
            case "L16" -> 16;
            case "L24" -> 24;
            default -> throw new IllegalArgumentException("not an LPCM format: " + rtpMap);
        };
        try {
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("LPCM rtpmap needs a rate: " + rtpMap);
            }
            int channels = parts.length == 3 ? Integer.parseInt(parts[2].strip()) : 1;
            return new LpcmParameters(bits, Integer.parseInt(parts[1].strip()), channels);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LPCM rtpmap with a bad number: " + rtpMap, e);
        }
    }

    /**
     * A format with these parameters.
     *
     * @param payloadType the payload type, a dynamic one usually
     * @return {@code L<bits>/<rate>/<channels>}
     */
    public GenericFormat toFormat(int payloadType) {
        return new GenericFormat(payloadType, sampleRate, "L" + bitDepth + "/" + sampleRate + "/" + channelCount, Map.of());
    }

    /**
     * Bytes of one sample of every channel.
     *
     * @return bytes per sample frame
     */
    public int frameSize() {
        return bitDepth / 8 * channelCount;
    }
}
