package org.rtspkit.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * H.264 video (RFC 6184), {@code H264/90000}.
 *
 * <p>{@code sprop-parameter-sets} is held as {@code sps}/{@code pps} when it is exactly one SPS and/or
 * one PPS in valid base64; anything else (extra parameter sets, broken base64) stays verbatim in
 * {@code parameters}, so nothing a camera sent is lost on the way to a reader.
 *
 * @param payloadType        RTP payload type
 * @param packetizationMode  {@code packetization-mode}, 0..2; 0 when absent (RFC 6184 §8.1)
 * @param sps                sequence parameter set NAL unit, or null; copied in and out
 * @param pps                picture parameter set NAL unit, or null; copied in and out
 * @param profileLevelId     {@code profile-level-id} as written (six hex digits), or null
 * @param parameters         every other fmtp parameter, names in lower case
 */
public record H264Format(int payloadType, int packetizationMode, byte[] sps, byte[] pps, String profileLevelId,
                         Map<String, String> parameters) implements Format {
    static final String PACKETIZATION_MODE = "packetization-mode";
    static final String PARAMETER_SETS = "sprop-parameter-sets";
    static final String PROFILE_LEVEL_ID = "profile-level-id";

    private static final int NAL_IDR = 5;
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;
    private static final int STAP_A = 24;
    private static final int STAP_B = 25;
    private static final int FU_A = 28;
    private static final int FU_B = 29;

    /**
     * Checks the payload type and packetization mode and copies the parameter sets.
     *
     * @param payloadType RTP payload type
     * @param packetizationMode {@code packetization-mode}, 0..2; 0 when absent (RFC 6184 §8.1)
     * @param sps sequence parameter set NAL unit, or null; copied in and out
     * @param pps picture parameter set NAL unit, or null; copied in and out
     * @param profileLevelId {@code profile-level-id} as written (six hex digits), or null
     * @param parameters every other fmtp parameter, names in lower case
     */
    public H264Format {
        Wire.checkPayloadType(payloadType);
        Wire.checkRange(packetizationMode, 0, 2, "H264 packetization-mode");
        sps = Wire.copy(sps);
        pps = Wire.copy(pps);
        parameters = (sps != null || pps != null)
                ? Fmtp.extra(parameters, "H264", PACKETIZATION_MODE, PROFILE_LEVEL_ID, PARAMETER_SETS)
                : Fmtp.extra(parameters, "H264", PACKETIZATION_MODE, PROFILE_LEVEL_ID);
    }

    /**
     * The usual format for a stream the application encodes: packetization-mode 1 and
     * profile-level-id taken from the SPS.
     *
     * @param payloadType the dynamic payload type, 96..127 usually
     * @param sps the sequence parameter set NAL unit, or null when the stream carries it in band
     * @param pps the picture parameter set NAL unit, or null
     * @return the format
     */
    public static H264Format of(int payloadType, byte[] sps, byte[] pps) {
        return new H264Format(payloadType, 1, sps, pps, profileLevelIdOf(sps, null), Map.of());
    }

    /**
     * A copy with new parameter sets (for {@link ServerStream#reloadDescription}); profile-level-id follows the SPS.
     *
     * @param newSps the new sequence parameter set NAL unit, or null
     * @param newPps the new picture parameter set NAL unit, or null
     * @return a new format
     */
    public H264Format withParameterSets(byte[] newSps, byte[] newPps) {
        Map<String, String> rest = new TreeMap<>(parameters);
        rest.remove(PARAMETER_SETS);
        return new H264Format(payloadType, packetizationMode, newSps, newPps,
                profileLevelIdOf(newSps, profileLevelId), rest);
    }

    private static String profileLevelIdOf(byte[] sps, String fallback) {
        // profile_idc, constraint flags and level_idc follow the NAL header (RFC 6184 §8.1).
        if (sps == null || sps.length < 4) {
            return fallback;
        }
        return HexFormat.of().withUpperCase().formatHex(sps, 1, 4);
    }

    /**
     * The sequence parameter set NAL unit.
     *
     * @return a copy of it, or null when the format has none
     */
    @Override
    public byte[] sps() {
        return Wire.copy(sps);
    }

    /**
     * The picture parameter set NAL unit.
     *
     * @return a copy of it, or null when the format has none
     */
    @Override
    public byte[] pps() {
        return Wire.copy(pps);
    }

    @Override
    public int clockRate() {
        return 90000;
    }

    @Override
    public String rtpMap() {
        return "H264/90000";
    }

    @Override
    public Map<String, String> fmtp() {
        Map<String, String> out = new TreeMap<>(parameters);
        if (packetizationMode != 0) {
            out.put(PACKETIZATION_MODE, Integer.toString(packetizationMode));
        }
        if (sps != null || pps != null) {
            StringBuilder sets = new StringBuilder();
            if (sps != null) {
                sets.append(Fmtp.encodeBase64(sps));
            }
            if (pps != null) {
                sets.append(sets.length() > 0 ? "," : "").append(Fmtp.encodeBase64(pps));
            }
            out.put(PARAMETER_SETS, sets.toString());
        }
        if (profileLevelId != null) {
            out.put(PROFILE_LEVEL_ID, profileLevelId);
        }
        return Collections.unmodifiableMap(out);
    }

    /** True for a packet carrying an IDR slice, an SPS or a PPS, alone, aggregated, or as the first fragment. */
    @Override
    public boolean ptsEqualsDts(byte[] p, int offset, int length) {
        if (length <= 0) {
            return false;
        }
        int type = p[offset] & 0x1F;
        switch (type) {
            case STAP_A:
                return aggregateHasRandomAccess(p, offset + 1, offset + length);
            case STAP_B:
                // A 16-bit decoding order number precedes the units.
                return aggregateHasRandomAccess(p, offset + 3, offset + length);
            case FU_A:
            case FU_B:
                return length > 1 && (p[offset + 1] & 0x80) != 0 && isRandomAccess(p[offset + 1] & 0x1F);
            default:
                return isRandomAccess(type);
        }
    }

    private static boolean aggregateHasRandomAccess(byte[] p, int start, int end) {
        int i = start;
        while (i + 2 < end) {
            int size = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
            i += 2;
            if (isRandomAccess(p[i] & 0x1F)) {
                return true;
            }
            i += size;
        }
        return false;
    }

    private static boolean isRandomAccess(int nalType) {
        return nalType == NAL_IDR || nalType == NAL_SPS || nalType == NAL_PPS;
    }

    /** Builds the format from fmtp parameters whose names are already lower case. */
    static H264Format fromFmtp(int payloadType, Map<String, String> lowerCaseFmtp) {
        Map<String, String> rest = new TreeMap<>(lowerCaseFmtp);
        String mode = rest.remove(PACKETIZATION_MODE);
        int packetizationMode = mode == null ? 0 : Fmtp.parseInt(mode, "packetization-mode");
        if (packetizationMode < 0 || packetizationMode > 2) {
            throw new MalformedDataException("invalid packetization-mode (" + mode + ")");
        }
        String profileLevelId = rest.remove(PROFILE_LEVEL_ID);
        byte[] sps = null;
        byte[] pps = null;
        String sets = rest.get(PARAMETER_SETS);
        if (sets != null) {
            byte[][] split = splitParameterSets(sets);
            if (split != null) {
                sps = split[0];
                pps = split[1];
                rest.remove(PARAMETER_SETS);
            }
        }
        return new H264Format(payloadType, packetizationMode, sps, pps, profileLevelId, rest);
    }

    /** {SPS, PPS} when the list is at most one of each in valid base64; null otherwise. */
    private static byte[][] splitParameterSets(String sets) {
        byte[] sps = null;
        byte[] pps = null;
        for (String item : sets.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            byte[] nal = Fmtp.decodeBase64(item);
            if (nal == null || nal.length == 0) {
                return null;
            }
            int type = nal[0] & 0x1F;
            if (type == NAL_SPS && sps == null) {
                sps = nal;
            } else if (type == NAL_PPS && pps == null) {
                pps = nal;
            } else {
                return null;
            }
        }
        return sps == null && pps == null ? null : new byte[][] {sps, pps};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof H264Format f
                && payloadType == f.payloadType
                && packetizationMode == f.packetizationMode
                && Arrays.equals(sps, f.sps)
                && Arrays.equals(pps, f.pps)
                && Objects.equals(profileLevelId, f.profileLevelId)
                && parameters.equals(f.parameters);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(payloadType, packetizationMode, profileLevelId, parameters);
        h = 31 * h + Arrays.hashCode(sps);
        return 31 * h + Arrays.hashCode(pps);
    }

    @Override
    public String toString() {
        return "H264Format[payloadType=" + payloadType + ", packetizationMode=" + packetizationMode
                + ", sps=" + Wire.describe(sps) + ", pps=" + Wire.describe(pps)
                + ", profileLevelId=" + profileLevelId + ", parameters=" + parameters + "]";
    }
}
