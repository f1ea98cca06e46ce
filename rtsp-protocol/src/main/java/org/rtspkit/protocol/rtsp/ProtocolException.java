package org.rtspkit.protocol.rtsp;

import org.rtspkit.api.RtspkitException;

/**
 * Bytes on an RTSP connection that break the protocol or one of its limits. The connection is
 * closed; {@link #status()} is the status a server could answer with (400, 413, 414, 505) if it
 * chose to reply before closing.
 */
public final class ProtocolException extends RtspkitException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ProtocolException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
