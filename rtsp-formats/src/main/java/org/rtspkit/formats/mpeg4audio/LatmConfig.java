package org.rtspkit.formats.mpeg4audio;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.formats.internal.BitReader;
import org.rtspkit.formats.internal.BitWriter;

/**
 * The StreamMuxConfig of an {@code MP4A-LATM} stream (ISO/IEC 14496-3 §1.7.3, RFC 6416), sent out of
 * band as the {@code config} fmtp parameter with {@code cpresent=0}. Covers what RTP senders use:
 * audioMuxVersion 0, one program of one layer, all streams on the same time framing, frame length type
 * 0 (variable-length payloads).
 *
 * @param numSubFrames  payloads per AudioMuxElement, less one (0..63)
 * @param audioConfig   the AudioSpecificConfig of the layer
 * @param otherDataBits bits of other data after the payloads of each element; 0 for none
 * @param crcPresent    whether a CRC checksum follows the configuration
 */
public record LatmConfig(int numSubFrames, AudioSpecificConfig audioConfig, long otherDataBits, boolean crcPresent) {
    /** The encoding name in the rtpmap. */
    public static final String ENCODING = "MP4A-LATM";

    /**
     * Checks the fields.
     *
     * @param numSubFrames payloads per element less one, 0..63
     * @param audioConfig the AudioSpecificConfig
     * @param otherDataBits bits of other data per element, 0 or more
     * @param crcPresent whether a CRC follows the configuration
     */
    public LatmConfig {
        if (numSubFrames < 0 || numSubFrames > 63) {
            throw new IllegalArgumentException("numSubFrames must be 0..63: " + numSubFrames);
        }
        Objects.requireNonNull(audioConfig, "audioConfig");
        if (otherDataBits < 0) {
            throw new IllegalArgumentException("otherDataBits must not be negative: " + otherDataBits);
        }
    }

    /**
     * One payload per element, no other data, no CRC: what this module's packetizer sends.
     *
     * @param audioConfig the AudioSpecificConfig
     * @return the configuration
     */
    public static LatmConfig of(AudioSpecificConfig audioConfig) {
        return new LatmConfig(0, audioConfig, 0, false);
    }

    /**
     * Reads a StreamMuxConfig.
     *
     * @param bytes the configuration, as in the {@code config} parameter (hex decoded)
     * @return the configuration
     * @throws IllegalArgumentException when it is truncated or uses what is not supported
     */
    public static LatmConfig parse(byte[] bytes) {
        BitReader r = new BitReader(bytes);
        if (r.readFlag()) {
            throw new IllegalArgumentException("LATM audioMuxVersion 1 is not supported");
        }
        if (!r.readFlag()) {
            throw new IllegalArgumentException("LATM streams that are not all on the same time framing are not supported");
        }
        int numSubFrames = r.readInt(6);
        int numProgram = r.readInt(4);
        int numLayer = r.readInt(3);
        if (numProgram != 0 || numLayer != 0) {
            throw new IllegalArgumentException("LATM with " + (numProgram + 1) + " programs and " + (numLayer + 1)
                    + " layers is not supported (one of each)");
        }
        AudioSpecificConfig audioConfig = AudioSpecificConfig.read(r);
        int frameLengthType = r.readInt(3);
        if (frameLengthType != 0) {
            throw new IllegalArgumentException("LATM frameLengthType " + frameLengthType + " is not supported (0)");
        }
        r.skip(8); // latmBufferFullness
        long otherDataBits = 0;
        if (r.readFlag()) {
            boolean escape;
            do {
                escape = r.readFlag();
                otherDataBits = otherDataBits * 256 + r.readBits(8);
                if (otherDataBits > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("LATM other data length out of range");
                }
            } while (escape);
        }
        boolean crcPresent = r.readFlag();
        return new LatmConfig(numSubFrames, audioConfig, otherDataBits, crcPresent);
    }

    /**
     * The configuration as bytes.
     *
     * @return the StreamMuxConfig, padded to whole bytes
     */
    public byte[] toBytes() {
        BitWriter w = new BitWriter();
        w.writeFlag(false); // audioMuxVersion
        w.writeFlag(true); // allStreamsSameTimeFraming
        w.writeBits(numSubFrames, 6);
        w.writeBits(0, 4); // numProgram
        w.writeBits(0, 3); // numLayer
        audioConfig.write(w);
        w.writeBits(0, 3); // frameLengthType
        w.writeBits(0xFF, 8); // latmBufferFullness
        w.writeFlag(otherDataBits != 0);
        if (otherDataBits != 0) {
            int bytes = 1;
            while (otherDataBits >>> (8 * bytes) != 0) {
                bytes++;
            }
            for (int k = bytes - 1; k >= 0; k--) {
                w.writeFlag(k > 0);
                w.writeBits(otherDataBits >>> (8 * k), 8);
            }
        }
        w.writeFlag(crcPresent);
        if (crcPresent) {
            w.writeBits(0, 8);
        }
        return w.toByteArray();
    }

    /**
     * The configuration of an {@code MP4A-LATM} format.
     *
     * @param format a format whose rtpmap is {@code MP4A-LATM/...}, with {@code cpresent=0} and {@code config}
     * @return the configuration
     * @throws IllegalArgumentException when the format is not LATM, carries its configuration in band
     *         ({@code cpresent=1}, the default, is not supported) or its configuration is not supported
     */
    public static LatmConfig fromFormat(GenericFormat format) {
        String rtpMap = format.rtpMap();
        if (rtpMap == null || !rtpMap.toUpperCase(Locale.ROOT).startsWith(ENCODING + "/")) {
            throw new IllegalArgumentException("not an MP4A-LATM format: " + rtpMap);
        }
        Map<String, String> fmtp = lowerCase(format.fmtp());
        if (!"0".equals(fmtp.getOrDefault("cpresent", "1").strip())) {
            throw new IllegalArgumentException("MP4A-LATM with the configuration in band (cpresent=1) is not supported");
        }
        String config = fmtp.get("config");
        if (config == null) {
            throw new IllegalArgumentException("MP4A-LATM with cpresent=0 needs a config parameter");
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(config.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MP4A-LATM config is not hex: " + config, e);
        }
        return parse(bytes);
    }

    /**
     * A format for this configuration, the RTP clock at the core sampling frequency.
     *
     * @param payloadType the dynamic payload type
     * @return {@code MP4A-LATM/<rate>/<channels>} with {@code profile-level-id}, {@code cpresent=0},
     *         {@code object} and {@code config}
     */
    public GenericFormat toFormat(int payloadType) {
        Map<String, String> fmtp = new LinkedHashMap<>();
        fmtp.put("profile-level-id", "30");
        fmtp.put("cpresent", "0");
        fmtp.put("object", Integer.toString(audioConfig.objectType()));
        fmtp.put("config", HexFormat.of().formatHex(toBytes()));
        return new GenericFormat(payloadType, audioConfig.sampleRate(),
                ENCODING + "/" + audioConfig.sampleRate() + "/" + audioConfig.channelCount(), fmtp);
    }

    private static Map<String, String> lowerCase(Map<String, String> fmtp) {
        Map<String, String> out = new LinkedHashMap<>();
        fmtp.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
