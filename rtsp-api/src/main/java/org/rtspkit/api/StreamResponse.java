package org.rtspkit.api;

import java.util.Objects;

/**
 * A handler's answer to DESCRIBE or SETUP: the response and, for a reader with status 200, the
 * stream to serve.
 *
 * @param response the response to send
 * @param stream   the stream the session reads; null when the request is refused
 */
public record StreamResponse(RtspResponse response, ServerStream stream) {
    /**
     * Checks that the response is present.
     *
     * @param response the response to send
     * @param stream the stream the session reads; null when the request is refused
     */
    public StreamResponse {
        Objects.requireNonNull(response, "response");
    }

    /**
     * A {@code 200 OK} that serves this stream.
     *
     * @param stream the stream the session reads
     * @return the answer
     */
    public static StreamResponse ok(ServerStream stream) {
        return new StreamResponse(RtspResponse.ok(), Objects.requireNonNull(stream, "stream"));
    }

    /**
     * A refusal (or any answer that serves no stream) with this status.
     *
     * @param status the three-digit status code, for example {@link RtspStatus#NOT_FOUND}
     * @return the answer
     */
    public static StreamResponse of(int status) {
        return new StreamResponse(RtspResponse.of(status), null);
    }
}
