package org.rtspkit.stream.internal.net;

import org.rtspkit.api.RtspResponse;

/**
 * How a request ends: the response, work to run on the connection's loop right after the response is
 * written (so that media follows the PLAY or RECORD response), and the error that closes the
 * connection afterwards, if any.
 */
public record Outcome(RtspResponse response, Runnable afterWrite, Throwable closeError) {
    public static Outcome of(RtspResponse response) {
        return new Outcome(response, null, null);
    }

    public Outcome withResponse(RtspResponse r) {
        return new Outcome(r, afterWrite, closeError);
    }
}
