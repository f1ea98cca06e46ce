package org.rtspkit.protocol.rtsp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rtspkit.api.RtspResponse;

/**
 * Writes responses the way the server we follow does (REFERENCE §2): status line with the
 * standard reason phrase, headers sorted by name (each value on its own line), {@code Content-Length}
 * only when there is a body, a blank line, the body.
 */
public final class ResponseEncoder {
    private static final byte[] CRLF = {'\r', '\n'};

    private ResponseEncoder() {
    }

    public static byte[] encode(RtspResponse response) {
        Map<String, List<String>> sorted = new TreeMap<>(response.headers().asMap());
        // the length is the body's, whatever a handler put there; without a body the header is left out
        sorted.remove("Content-Length");
        byte[] body = response.body();
        if (body.length > 0) {
            sorted.put("Content-Length", List.of(Integer.toString(body.length)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + body.length);
        write(out, "RTSP/1.0 " + response.status() + " " + response.reason());
        out.writeBytes(CRLF);
        for (Map.Entry<String, List<String>> field : sorted.entrySet()) {
            for (String value : field.getValue()) {
                write(out, singleLine(field.getKey()));
                write(out, ": ");
                write(out, singleLine(value));
                out.writeBytes(CRLF);
            }
        }
        out.writeBytes(CRLF);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A CR or LF from a handler's header would let it forge further headers or a second response. */
    private static String singleLine(String text) {
        if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
