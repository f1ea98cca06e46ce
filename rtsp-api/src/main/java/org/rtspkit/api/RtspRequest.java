package org.rtspkit.api;

import java.util.Objects;

/**
 * An RTSP request as received. {@code uri} is the request URI exactly as the client wrote it
 * ({@code *} for OPTIONS without a URL); {@code body} is never null.
 */
public record RtspRequest(String method, String uri, RtspHeaders headers, byte[] body) {
    public RtspRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    public RtspRequest(String method, String uri, RtspHeaders headers) {
        this(method, uri, headers, new byte[0]);
    }

    /** The value of the {@code CSeq} header, if any. */
    public java.util.Optional<String> cseq() {
        return headers.first("CSeq");
    }
}
