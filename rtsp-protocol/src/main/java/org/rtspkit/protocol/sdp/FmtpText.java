package org.rtspkit.protocol.sdp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of an {@code a=fmtp} attribute ({@code k=v; k=v}). A parameter written without {@code =}
 * (telephone-event's {@code 0-15}) is held as a key with an empty value and written back bare, so it
 * survives a round trip.
 */
public final class FmtpText {
    private FmtpText() {
    }

    /**
     * Parses the text after the payload type; keys and values keep their case and order.
     *
     * @param text the parameters, or null
     * @return the parameters in the order written; empty for null
     */
    public static Map<String, String> parse(String text) {
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

    /**
     * {@code k=v; k=v} with keys sorted, as descriptions are served.
     *
     * @param params the parameters
     * @return the attribute text after the payload type
     */
    public static String format(Map<String, String> params) {
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
}
