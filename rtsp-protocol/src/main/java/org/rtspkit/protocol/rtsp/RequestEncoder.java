package org.rtspkit.protocol.rtsp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.rtspkit.api.RtspRequest;

/**
 * Writes requests as a client sends them: request line, headers in the order given (each value on
 * its own line), {@code Content-Length} only when there is a body, a blank line, the body.
 */
public final class RequestEncoder {
    private RequestEncoder() {
    }

    /**
     * The request's bytes.
     *
     * @param request the request; its URI must hold no space or line break
     * @return the encoded request
     * @throws IllegalArgumentException when the method or URI would break the request line
     */
    public static byte[] encode(RtspRequest request) {
        checkToken(request.method(), "method");
        checkToken(request.uri(), "URI");
        byte[] body = request.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        write(out, request.method() + " " + request.uri() + " RTSP/1.0\r\n");
        for (Map.Entry<String, List<String>> field : request.headers().asMap().entrySet()) {
            if (field.getKey().equals("Content-Length")) {
                continue;
            }
            for (String value : field.getValue()) {
                write(out, singleLine(field.getKey()) + ": " + singleLine(value) + "\r\n");
            }
        }
        if (body.length > 0) {
            write(out, "Content-Length: " + body.length + "\r\n");
        }
        write(out, "\r\n");
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void checkToken(String token, String what) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException("empty request " + what);
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("request " + what + " contains a space or control character");
            }
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String singleLine(String text) {
        return text.indexOf('\r') < 0 && text.indexOf('\n') < 0 ? text : text.replace('\r', ' ').replace('\n', ' ');
    }
}
