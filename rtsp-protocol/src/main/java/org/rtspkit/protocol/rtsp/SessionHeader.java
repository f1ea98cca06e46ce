package org.rtspkit.protocol.rtsp;

import java.util.Locale;
import org.rtspkit.api.MalformedDataException;

/**
 * The {@code Session} header: {@code <id>[;timeout=<seconds>]}.
 *
 * @param id      the session id
 * @param timeout the {@code timeout} parameter in seconds, or null when absent
 */
public record SessionHeader(String id, Integer timeout) {

    /**
     * Parses a {@code Session} header value. Parameters other than {@code timeout} are ignored.
     *
     * @throws MalformedDataException when the id is empty or the timeout is not a number
     */
    public static SessionHeader parse(String value) {
        String[] parts = value.split(";", -1);
        String id = parts[0].strip();
        if (id.isEmpty()) {
            throw new MalformedDataException("invalid Session header '" + value + "': no session id");
        }
        Integer timeout = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            int eq = part.indexOf('=');
            if (eq < 0 || !part.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("timeout")) {
                continue;
            }
            String number = part.substring(eq + 1).strip();
            try {
                timeout = Integer.parseInt(number);
                if (timeout < 0) {
                    throw new NumberFormatException("negative");
                }
            } catch (NumberFormatException e) {
                throw new MalformedDataException("invalid Session header '" + value + "': invalid timeout '" + number + "'");
            }
        }
        return new SessionHeader(id, timeout);
    }

    /** {@code <id>;timeout=<seconds>}, as sent on every in-session response. */
    public static String format(String id, int timeoutSeconds) {
        return id + ";timeout=" + timeoutSeconds;
    }
}
