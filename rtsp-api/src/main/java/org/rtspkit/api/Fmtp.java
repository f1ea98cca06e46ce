package org.rtspkit.api;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of an {@code a=fmtp} attribute ({@code k=v; k=v}). A parameter written without
 * {@code =} (telephone-event's {@code 0-15}) is held as a key with an empty value and written back
 * bare, so it survives a round trip.
 */
final class Fmtp {
    private Fmtp() {
    }

    /** Parses the text after the payload type; keys and values keep their case and order. */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split(";")) {
            String kv = part.strip();
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            String key = (eq < 0 ? kv : kv.substring(0, eq)).strip();
            String value = eq < 0 ? "" : kv.substring(eq + 1).strip();
            // "=x" names nothing and cannot be written back; dropping it is kinder than failing a camera's SDP.
            if (!key.isEmpty()) {
                out.put(key, value);
            }
        }
        return out;
    }

    /** {@code k=v; k=v} with keys sorted, as descriptions are served. */
    static String format(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey());
            if (!e.getValue().isEmpty()) {
                sb.append('=').append(e.getValue());
            }
        }
        return sb.toString();
    }

    /** An unmodifiable copy keeping insertion order; null becomes empty. */
    static Map<String, String> copy(Map<String, String> params) {
        if (params == null || params.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(requireKey(k), v == null ? "" : v));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Media type parameter names are case-insensitive (RFC 6838 §4.3), so typed formats hold them in
     * lower case; {@code owned} keys (those a typed format keeps as components) are refused.
     */
    static Map<String, String> extra(Map<String, String> params, String format, String... owned) {
        if (params == null || params.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = requireKey(e.getKey()).toLowerCase(Locale.ROOT);
            for (String o : owned) {
                if (o.equals(key)) {
                    throw new IllegalArgumentException(format + " parameter '" + key
                            + "' is a component of the format; pass it there, not in the other parameters");
                }
            }
            out.put(key, e.getValue() == null ? "" : e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    static Map<String, String> lowerCaseKeys(Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v == null ? "" : v));
        }
        return out;
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("fmtp parameter names must not be null or empty");
        }
        return key;
    }

    /** Base64 as in sprop-parameter-sets; padding optional. Null when the text is not base64. */
    static byte[] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String encodeBase64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new MalformedDataException("invalid " + what + " (" + text + ")");
        }
    }
}
