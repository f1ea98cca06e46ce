package org.rtspkit.stream.internal.net;

import org.rtspkit.api.RtspRequest;

/** What a {@link Connection} hands its requests to, and tells when it has closed. */
public interface ConnectionListener {
    /**
     * Handles one request and answers it with {@link Connection#respond}. Runs on a worker, one request
     * of the connection at a time; the connection reads nothing more until the answer is written.
     */
    void request(Connection connection, RtspRequest request);

    /** The connection closed ({@code error} null when the client closed it). Runs on a worker, after its last request. */
    void closed(Connection connection, Throwable error);
}
