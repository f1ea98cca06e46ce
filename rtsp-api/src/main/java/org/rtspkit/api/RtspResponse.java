package org.rtspkit.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An RTSP response. Handlers build one with {@link #of(int)} and the {@code with...} methods; the
 * server adds {@code CSeq}, {@code Server}, {@code Session} and {@code Content-Length} itself.
 */
public record RtspResponse(int status, RtspHeaders headers, byte[] body) {
    public RtspResponse {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must have three digits, got " + status);
        }
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    public static RtspResponse of(int status) {
        return new RtspResponse(status, RtspHeaders.empty(), new byte[0]);
    }

    public static RtspResponse ok() {
        return of(RtspStatus.OK);
    }

    public RtspResponse withHeader(String name, String value) {
        return new RtspResponse(status, headers.with(name, value), body);
    }

    public RtspResponse withHeaders(RtspHeaders replacement) {
        return new RtspResponse(status, replacement, body);
    }

    public RtspResponse withBody(String contentType, byte[] content) {
        return new RtspResponse(status, headers.with("Content-Type", contentType), content);
    }

    public RtspResponse withBody(String contentType, String content) {
        return withBody(contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    public String reason() {
        return RtspStatus.reason(status);
    }
}
