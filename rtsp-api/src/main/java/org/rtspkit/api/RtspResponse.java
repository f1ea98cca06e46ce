package org.rtspkit.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An RTSP response. Handlers build one with {@link #of(int)} and the {@code with...} methods; the
 * server adds {@code CSeq}, {@code Server}, {@code Session} and {@code Content-Length} itself.
 *
 * @param status  the three-digit status code ({@link RtspStatus} names the common ones)
 * @param headers the response's headers
 * @param body    the response's body; empty when it has none
 */
public record RtspResponse(int status, RtspHeaders headers, byte[] body) {
    /**
     * Checks that the status has three digits; a null body becomes an empty one.
     *
     * @param status the three-digit status code ({@link RtspStatus} names the common ones)
     * @param headers the response's headers
     * @param body the response's body; empty when it has none
     */
    public RtspResponse {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must have three digits, got " + status);
        }
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    /**
     * A response with this status, no headers and no body.
     *
     * @param status the three-digit status code
     * @return the response
     */
    public static RtspResponse of(int status) {
        return new RtspResponse(status, RtspHeaders.empty(), new byte[0]);
    }

    /**
     * A {@code 200 OK} response with no headers and no body.
     *
     * @return the response
     */
    public static RtspResponse ok() {
        return of(RtspStatus.OK);
    }

    /**
     * This response with a header set to one value.
     *
     * @param name  the header's name
     * @param value its value, replacing any values the header already has
     * @return a new response
     */
    public RtspResponse withHeader(String name, String value) {
        return new RtspResponse(status, headers.with(name, value), body);
    }

    /**
     * This response with other headers.
     *
     * @param replacement the headers that replace all of this response's headers
     * @return a new response
     */
    public RtspResponse withHeaders(RtspHeaders replacement) {
        return new RtspResponse(status, replacement, body);
    }

    /**
     * This response with a body and its {@code Content-Type}.
     *
     * @param contentType the media type of the body, for example {@code application/sdp}
     * @param content     the body; the array is not copied
     * @return a new response
     */
    public RtspResponse withBody(String contentType, byte[] content) {
        return new RtspResponse(status, headers.with("Content-Type", contentType), content);
    }

    /**
     * This response with a text body, encoded in UTF-8, and its {@code Content-Type}.
     *
     * @param contentType the media type of the body, for example {@code text/parameters}
     * @param content     the body
     * @return a new response
     */
    public RtspResponse withBody(String contentType, String content) {
        return withBody(contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The reason phrase of the status line.
     *
     * @return the standard phrase of the status code, as {@link RtspStatus#reason(int)} gives it
     */
    public String reason() {
        return RtspStatus.reason(status);
    }
}
