package org.rtspkit.api;

import java.util.Objects;

/**
 * A handler's answer to DESCRIBE or SETUP: the response and, for a reader with status 200, the
 * stream to serve.
 */
public record StreamResponse(RtspResponse response, ServerStream stream) {
    public StreamResponse {
        Objects.requireNonNull(response, "response");
    }

    public static StreamResponse ok(ServerStream stream) {
        return new StreamResponse(RtspResponse.ok(), Objects.requireNonNull(stream, "stream"));
    }

    public static StreamResponse of(int status) {
        return new StreamResponse(RtspResponse.of(status), null);
    }
}
