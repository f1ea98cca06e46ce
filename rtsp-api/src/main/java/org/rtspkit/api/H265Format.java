package org.rtspkit.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * H.265 video (RFC 7798), {@code H265/90000}.
 *
 * <p>Each of {@code sprop-vps}, {@code sprop-sps} and {@code sprop-pps} is held as bytes when it is a
 * single NAL unit in valid base64; a list of several, or broken base64, stays verbatim in
 * {@code parameters}.
 *
 * @param payloadType RTP payload type
 * @param vps         video parameter set NAL unit, or null; copied in and out
 * @param sps         sequence parameter set NAL unit, or null; copied in and out
 * @param pps         picture parameter set NAL unit, or null; copied in and out
 * @param maxDonDiff  {@code sprop-max-don-diff}, 0 when absent; above 0 packets carry decoding order numbers
 * @param parameters  every other fmtp parameter, names in lower case
 */
public record H265Format(int payloadType, byte[] vps, byte[] sps, byte[] pps, int maxDonDiff,
                         Map<String, String> parameters) implements Format {
    static final String VPS = "sprop-vps";
    static final String SPS = "sprop-sps";
    static final String PPS = "sprop-pps";
    static final String MAX_DON_DIFF = "sprop-max-don-diff";

    private static final int AGGREGATION = 48;
    private static final int FRAGMENTATION = 49;

    /**
     * Checks the payload type and {@code sprop-max-don-diff} and copies the parameter sets.
     *
     * @param payloadType RTP payload type
     * @param vps video parameter set NAL unit, or null; copied in and out
     * @param sps sequence parameter set NAL unit, or null; copied in and out
     * @param pps picture parameter set NAL unit, or null; copied in and out
     * @param maxDonDiff {@code sprop-max-don-diff}, 0 when absent; above 0 packets carry decoding order numbers
     * @param parameters every other fmtp parameter, names in lower case
     */
    public H265Format {
        Wire.checkPayloadType(payloadType);
        Wire.checkRange(maxDonDiff, 0, 32767, "H265 sprop-max-don-diff");
        vps = Wire.copy(vps);
        sps = Wire.copy(sps);
        pps = Wire.copy(pps);
        List<String> owned = new ArrayList<>(List.of(MAX_DON_DIFF));
        if (vps != null) {
            owned.add(VPS);
        }
        if (sps != null) {
            owned.add(SPS);
        }
        if (pps != null) {
            owned.add(PPS);
        }
        parameters = Fmtp.extra(parameters, "H265", owned.toArray(new String[0]));
    }

    /**
     * The usual format for a stream the application encodes: no {@code sprop-max-don-diff}, no other parameters.
     *
     * @param payloadType the dynamic payload type, 96..127 usually
     * @param vps the video parameter set NAL unit, or null when the stream carries it in band
     * @param sps the sequence parameter set NAL unit, or null
     * @param pps the picture parameter set NAL unit, or null
     * @return the format
     */
    public static H265Format of(int payloadType, byte[] vps, byte[] sps, byte[] pps) {
        return new H265Format(payloadType, vps, sps, pps, 0, Map.of());
    }

    /**
     * A copy with new parameter sets (for {@link ServerStream#reloadDescription}).
     *
     * @param newVps the new video parameter set NAL unit, or null
     * @param newSps the new sequence parameter set NAL unit, or null
     * @param newPps the new picture parameter set NAL unit, or null
     * @return a new format
     */
    public H265Format withParameterSets(byte[] newVps, byte[] newSps, byte[] newPps) {
        Map<String, String> rest = new TreeMap<>(parameters);
        rest.remove(VPS);
        rest.remove(SPS);
        rest.remove(PPS);
        return new H265Format(payloadType, newVps, newSps, newPps, maxDonDiff, rest);
    }

    /**
     * The video parameter set NAL unit.
     *
     * @return a copy of it, or null when the format has none
     */
    @Override
    public byte[] vps() {
        return Wire.copy(vps);
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
        return "H265/90000";
    }

    @Override
    public Map<String, String> fmtp() {
        Map<String, String> out = new TreeMap<>(parameters);
        if (vps != null) {
            out.put(VPS, Fmtp.encodeBase64(vps));
        }
        if (sps != null) {
            out.put(SPS, Fmtp.encodeBase64(sps));
        }
        if (pps != null) {
            out.put(PPS, Fmtp.encodeBase64(pps));
        }
        if (maxDonDiff != 0) {
            out.put(MAX_DON_DIFF, Integer.toString(maxDonDiff));
        }
        return Collections.unmodifiableMap(out);
    }

    /** True for IDR, CRA, VPS, SPS or PPS units, alone, aggregated, or as the first fragment. */
    @Override
    public boolean ptsEqualsDts(byte[] p, int offset, int length) {
        if (length < 2) {
            return false;
        }
        int type = (p[offset] >> 1) & 0x3F;
        switch (type) {
            case AGGREGATION:
                return aggregateHasRandomAccess(p, offset, offset + length);
            case FRAGMENTATION:
                // The FU header directly follows the payload header; a DONL, if any, comes after it.
                return length > 2 && (p[offset + 2] & 0x80) != 0 && isRandomAccess(p[offset + 2] & 0x3F);
            default:
                return isRandomAccess(type);
        }
    }

    private boolean aggregateHasRandomAccess(byte[] p, int start, int end) {
        boolean don = maxDonDiff > 0;
        // RFC 7798 §4.4.2: the first unit is preceded by a 16-bit DONL, later ones by an 8-bit DOND.
        int i = start + 2 + (don ? 2 : 0);
        boolean first = true;
        while (true) {
            if (!first && don) {
                i += 1;
            }
            if (i + 2 >= end) {
                return false;
            }
            int size = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
            i += 2;
            if (isRandomAccess((p[i] >> 1) & 0x3F)) {
                return true;
            }
            i += size;
            first = false;
        }
    }

    private static boolean isRandomAccess(int nalType) {
        switch (nalType) {
            case 19: // IDR_W_RADL
            case 20: // IDR_N_LP
            case 21: // CRA_NUT
            case 32: // VPS
            case 33: // SPS
            case 34: // PPS
                return true;
            default:
                return false;
        }
    }

    /** Builds the format from fmtp parameters whose names are already lower case. */
    static H265Format fromFmtp(int payloadType, Map<String, String> lowerCaseFmtp) {
        Map<String, String> rest = new TreeMap<>(lowerCaseFmtp);
        String don = rest.remove(MAX_DON_DIFF);
        int maxDonDiff = don == null ? 0 : Fmtp.parseInt(don, "sprop-max-don-diff");
        if (maxDonDiff < 0 || maxDonDiff > 32767) {
            throw new MalformedDataException("invalid sprop-max-don-diff (" + don + ")");
        }
        byte[] vps = takeSingleNal(rest, VPS);
        byte[] sps = takeSingleNal(rest, SPS);
        byte[] pps = takeSingleNal(rest, PPS);
        return new H265Format(payloadType, vps, sps, pps, maxDonDiff, rest);
    }

    private static byte[] takeSingleNal(Map<String, String> params, String key) {
        String text = params.get(key);
        if (text == null || text.contains(",")) {
            return null;
        }
        byte[] nal = Fmtp.decodeBase64(text);
        if (nal == null || nal.length == 0) {
            return null;
        }
        params.remove(key);
        return nal;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof H265Format f
                && payloadType == f.payloadType
                && maxDonDiff == f.maxDonDiff
                && Arrays.equals(vps, f.vps)
                && Arrays.equals(sps, f.sps)
                && Arrays.equals(pps, f.pps)
                && parameters.equals(f.parameters);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(payloadType, maxDonDiff, parameters);
        h = 31 * h + Arrays.hashCode(vps);
        h = 31 * h + Arrays.hashCode(sps);
        return 31 * h + Arrays.hashCode(pps);
    }

    @Override
    public String toString() {
        return "H265Format[payloadType=" + payloadType + ", vps=" + Wire.describe(vps) + ", sps=" + Wire.describe(sps)
                + ", pps=" + Wire.describe(pps) + ", maxDonDiff=" + maxDonDiff + ", parameters=" + parameters + "]";
    }
}
