package org.rtspkit.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * MPEG-4 Audio (AAC) in the {@code MPEG4-GENERIC} payload (RFC 3640), modes {@code AAC-hbr} and
 * {@code AAC-lbr}. {@code MP4A-LATM} and other RFC 3640 modes are kept as {@link GenericFormat}.
 *
 * @param payloadType       RTP payload type
 * @param clockRate         the sample rate, also the RTP clock rate
 * @param channelCount      channels, from the rtpmap (1 when it gives none)
 * @param config            the AudioSpecificConfig ({@code config}, hex in SDP), or null; copied in and out
 * @param sizeLength        {@code sizelength}, 0 when absent
 * @param indexLength       {@code indexlength}, 0 when absent
 * @param indexDeltaLength  {@code indexdeltalength}, 0 when absent
 * @param parameters        every other fmtp parameter ({@code mode}, {@code streamtype}...), names in lower case
 */
public record Mpeg4AudioFormat(int payloadType, int clockRate, int channelCount, byte[] config, int sizeLength,
                               int indexLength, int indexDeltaLength, Map<String, String> parameters)
        implements Format {
    static final String CONFIG = "config";
    static final String SIZE_LENGTH = "sizelength";
    static final String INDEX_LENGTH = "indexlength";
    static final String INDEX_DELTA_LENGTH = "indexdeltalength";

    /**
     * Checks the payload type, clock rate, channel count and AU header field sizes.
     *
     * @param payloadType RTP payload type
     * @param clockRate the sample rate, also the RTP clock rate
     * @param channelCount channels, from the rtpmap (1 when it gives none)
     * @param config the AudioSpecificConfig ({@code config}, hex in SDP), or null; copied in and out
     * @param sizeLength {@code sizelength}, 0 when absent
     * @param indexLength {@code indexlength}, 0 when absent
     * @param indexDeltaLength {@code indexdeltalength}, 0 when absent
     * @param parameters every other fmtp parameter ({@code mode}, {@code streamtype}...), names in lower case
     */
    public Mpeg4AudioFormat {
        Wire.checkPayloadType(payloadType);
        if (clockRate <= 0) {
            throw new IllegalArgumentException("MPEG-4 audio clock rate must be positive: " + clockRate);
        }
        Wire.checkRange(channelCount, 1, 255, "MPEG-4 audio channel count");
        Wire.checkRange(sizeLength, 0, 32, "sizelength");
        Wire.checkRange(indexLength, 0, 32, "indexlength");
        Wire.checkRange(indexDeltaLength, 0, 32, "indexdeltalength");
        config = Wire.copy(config);
        parameters = Fmtp.extra(parameters, "MPEG4-GENERIC", CONFIG, SIZE_LENGTH, INDEX_LENGTH, INDEX_DELTA_LENGTH);
    }

    /**
     * AAC in {@code AAC-hbr} mode as FFmpeg and GStreamer send it: 13-bit AU sizes, 3-bit indexes.
     *
     * @param payloadType the dynamic payload type, 96..127 usually
     * @param sampleRate samples per second, also the RTP clock rate
     * @param channelCount channels
     * @param config the AudioSpecificConfig ({@code config}), or null
     * @return the format
     */
    public static Mpeg4AudioFormat aacHbr(int payloadType, int sampleRate, int channelCount, byte[] config) {
        return new Mpeg4AudioFormat(payloadType, sampleRate, channelCount, config, 13, 3, 3,
                Map.of("mode", "AAC-hbr", "profile-level-id", "1", "streamtype", "5"));
    }

    /**
     * The AudioSpecificConfig ({@code config} parameter).
     *
     * @return a copy of it, or null when the format has none
     */
    @Override
    public byte[] config() {
        return Wire.copy(config);
    }

    /**
     * The {@code mode} parameter ({@code AAC-hbr}).
     *
     * @return the mode, or null when the parameter is absent
     */
    public String mode() {
        return parameters.get("mode");
    }

    @Override
    public String rtpMap() {
        return "MPEG4-GENERIC/" + clockRate + "/" + channelCount;
    }

    @Override
    public Map<String, String> fmtp() {
        Map<String, String> out = new TreeMap<>(parameters);
        if (config != null) {
            out.put(CONFIG, Wire.hex(config));
        }
        if (sizeLength != 0) {
            out.put(SIZE_LENGTH, Integer.toString(sizeLength));
        }
        if (indexLength != 0) {
            out.put(INDEX_LENGTH, Integer.toString(indexLength));
        }
        if (indexDeltaLength != 0) {
            out.put(INDEX_DELTA_LENGTH, Integer.toString(indexDeltaLength));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Every access unit of audio is decodable on its own. */
    @Override
    public boolean ptsEqualsDts(byte[] payload, int offset, int length) {
        return true;
    }

    /**
     * The typed format, or null when this is not AAC in a mode we understand (the caller then keeps
     * it as a generic format, verbatim).
     */
    static Mpeg4AudioFormat fromSdp(int payloadType, int clockRate, int channelCount, Map<String, String> lowerCaseFmtp) {
        Map<String, String> rest = new TreeMap<>(lowerCaseFmtp);
        String mode = rest.get("mode");
        if (mode == null) {
            return null;
        }
        String m = mode.strip().toLowerCase(Locale.ROOT);
        if (!m.equals("aac-hbr") && !m.equals("aac-lbr")) {
            return null;
        }
        try {
            String configHex = rest.remove(CONFIG);
            byte[] config = configHex == null ? null : HexFormat.of().parseHex(configHex.strip());
            int sizeLength = intOrZero(rest.remove(SIZE_LENGTH));
            int indexLength = intOrZero(rest.remove(INDEX_LENGTH));
            int indexDeltaLength = intOrZero(rest.remove(INDEX_DELTA_LENGTH));
            return new Mpeg4AudioFormat(payloadType, clockRate, channelCount, config, sizeLength, indexLength,
                    indexDeltaLength, rest);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int intOrZero(String text) {
        return text == null ? 0 : Integer.parseInt(text.strip());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mpeg4AudioFormat f
                && payloadType == f.payloadType
                && clockRate == f.clockRate
                && channelCount == f.channelCount
                && Arrays.equals(config, f.config)
                && sizeLength == f.sizeLength
                && indexLength == f.indexLength
                && indexDeltaLength == f.indexDeltaLength
                && parameters.equals(f.parameters);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(payloadType, clockRate, channelCount, sizeLength, indexLength, indexDeltaLength,
                parameters) + Arrays.hashCode(config);
    }

    @Override
    public String toString() {
        return "Mpeg4AudioFormat[payloadType=" + payloadType + ", clockRate=" + clockRate
                + ", channelCount=" + channelCount + ", config=" + Wire.describe(config)
                + ", sizeLength=" + sizeLength + ", indexLength=" + indexLength
                + ", indexDeltaLength=" + indexDeltaLength + ", parameters=" + parameters + "]";
    }
}
