package org.rtspkit.stream.internal.net;

import org.rtspkit.api.RtspResponse;

/**
 * How a request ends: the response, work to run on the connection's loop right after the response is
 * written (so that media follows the PLAY or RECORD response), the error that closes the connection
 * afterwards, if any, and how long the response waits before it is written (for clients that need a
 * moment), which holds nothing but the connection's next request.
 *
 * @param response    the response
 * @param afterWrite  run on the loop right after the response is written, or null
 * @param closeError  closes the connection after the response, or null
 * @param delayMillis how long to wait before writing the response; 0 for at once
 */
public record Outcome(RtspResponse response, Runnable afterWrite, Throwable closeError, long delayMillis) {
    public Outcome(RtspResponse response, Runnable afterWrite, Throwable closeError) {
        this(response, afterWrite, closeError, 0);
    }

    public static Outcome of(RtspResponse response) {
        return new Outcome(response, null, null, 0);
    }

    public Outcome withResponse(RtspResponse r) {
        return new Outcome(r, afterWrite, closeError, delayMillis);
    }

    /** The same outcome, written {@code millis} later. */
    public Outcome delayed(long millis) {
        return new Outcome(response, afterWrite, closeError, millis);
    }
}
