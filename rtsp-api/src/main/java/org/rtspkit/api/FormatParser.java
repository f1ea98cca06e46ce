package org.rtspkit.api;

import java.util.Locale;
import java.util.Map;

/** Turns an rtpmap/fmtp pair into a typed {@link Format}; errors are {@link MalformedDataException}. */
final class FormatParser {
    /** First dynamic payload type (RFC 3551 §3); below it a payload type may need no rtpmap. */
    static final int FIRST_DYNAMIC = 96;

    private FormatParser() {
    }

    static Format parse(int payloadType, String rtpMap, Map<String, String> fmtp) {
        if (payloadType < 0 || payloadType > 127) {
            throw new MalformedDataException("invalid payload type (" + payloadType + ")");
        }
        Map<String, String> params = fmtp == null ? Map.of() : fmtp;
        if (rtpMap == null || rtpMap.isBlank()) {
            return withoutRtpMap(payloadType, params);
        }
        String map = rtpMap.strip();
        String[] parts = map.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
            throw new MalformedDataException("invalid rtpmap (" + rtpMap + ")");
        }
        int clockRate = parsePositive(parts[1]);
        if (clockRate <= 0) {
            throw new MalformedDataException("invalid clock rate in rtpmap (" + rtpMap + ")");
        }
        // Encoding parameters (the channel count for audio); -1 when absent, 0 when not a number.
        int channels = parts.length == 3 ? Math.max(parsePositive(parts[2]), 0) : -1;
        String encoding = parts[0].strip().toUpperCase(Locale.ROOT);

        Format typed = switch (encoding) {
            case "H264" -> clockRate == 90000 ? H264Format.fromFmtp(payloadType, Fmtp.lowerCaseKeys(params)) : null;
            case "H265" -> clockRate == 90000 ? H265Format.fromFmtp(payloadType, Fmtp.lowerCaseKeys(params)) : null;
            case "MPEG4-GENERIC" -> channels == 0 ? null
                    : Mpeg4AudioFormat.fromSdp(payloadType, clockRate, channels < 0 ? 1 : channels,
                            Fmtp.lowerCaseKeys(params));
            // RFC 7587 fixes the rtpmap to opus/48000/2; anything else is kept verbatim.
            case "OPUS" -> clockRate == 48000 && (channels == -1 || channels == 2)
                    ? OpusFormat.fromFmtp(payloadType, Fmtp.lowerCaseKeys(params)) : null;
            case "PCMU", "PCMA" -> channels == 0 || channels > 255 || !params.isEmpty() ? null
                    : new G711Format(payloadType, encoding.equals("PCMU"), clockRate, channels < 0 ? 1 : channels);
            default -> null;
        };
        return typed != null ? typed : new GenericFormat(payloadType, clockRate, map, params);
    }

    private static Format withoutRtpMap(int payloadType, Map<String, String> params) {
        if (params.isEmpty() && payloadType == 0) {
            return G711Format.pcmu();
        }
        if (params.isEmpty() && payloadType == 8) {
            return G711Format.pcma();
        }
        int clockRate = staticClockRate(payloadType);
        if (clockRate == 0) {
            throw new MalformedDataException("clock rate not found");
        }
        return new GenericFormat(payloadType, clockRate, null, params);
    }

    /** The clock rate RFC 3551 §6 (tables 4 and 5) assigns to a static payload type; 0 if none. */
    static int staticClockRate(int payloadType) {
        return switch (payloadType) {
            // PCMU, 1016 and G721 (both since withdrawn), GSM, G723, DVI4/8000, LPC, PCMA, QCELP, CN,
            // G728, G729, and G722, whose RTP clock stays 8000 though it samples at 16 kHz (§4.5.2)
            case 0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 15, 18 -> 8000;
            case 6 -> 16000; // DVI4/16000
            case 10, 11 -> 44100; // L16 stereo and mono
            case 16 -> 11025; // DVI4/11025
            case 17 -> 22050; // DVI4/22050
            // MPA, CelB, JPEG, nv, H261, MPV, MP2T, H263
            case 14, 25, 26, 28, 31, 32, 33, 34 -> 90000;
            default -> 0;
        };
    }

    /** The value, or -1 when it is not a positive decimal integer. */
    private static int parsePositive(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 9) {
            return -1;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(t);
    }
}
