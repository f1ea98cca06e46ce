package org.rtspkit.api;

import java.util.Objects;

/**
 * An RTSP request as received. {@code uri} is the request URI exactly as the client wrote it
 * ({@code *} for OPTIONS without a URL); {@code body} is never null.
 *
 * @param method  the method, such as {@code DESCRIBE}, as the client wrote it
 * @param uri     the request URI as the client wrote it
 * @param headers the request's headers
 * @param body    the request's body; empty when it has none
 */
public record RtspRequest(String method, String uri, RtspHeaders headers, byte[] body) {
    /**
     * Checks the required components; a null body becomes an empty one.
     *
     * @param method the method, such as {@code DESCRIBE}, as the client wrote it
     * @param uri the request URI as the client wrote it
     * @param headers the request's headers
     * @param body the request's body; empty when it has none
     */
    public RtspRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    /**
     * A request without a body.
     *
     * @param method  the method, such as {@code DESCRIBE}
     * @param uri     the request URI
     * @param headers the request's headers
     */
    public RtspRequest(String method, String uri, RtspHeaders headers) {
        this(method, uri, headers, new byte[0]);
    }

    /**
     * The value of the {@code CSeq} header, if any.
     *
     * @return the first {@code CSeq} value, or empty when the request has none
     */
    public java.util.Optional<String> cseq() {
        return headers.first("CSeq");
    }
}
