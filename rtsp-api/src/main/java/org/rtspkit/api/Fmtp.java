package org.rtspkit.api;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Helpers for the {@code a=fmtp} parameters that typed formats hold (the text form is read and
 * written by rtspkit's protocol module).
 */
final class Fmtp {
    private Fmtp() {
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
