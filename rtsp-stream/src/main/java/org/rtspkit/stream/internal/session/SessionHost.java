package org.rtspkit.stream.internal.session;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Executor;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.MediaTransport;
import org.rtspkit.stream.internal.stream.StreamHost;

/** What sessions use of the server they belong to, besides what its streams use. */
public interface SessionHost extends StreamHost {
    /** Where work that may call the application, and so block, runs. */
    Executor workers();

    /** The transports opened for this server, by protocol; multicast is {@link #multicast()}. */
    Map<TransportProtocol, MediaTransport> mediaTransports();

    SecureRandom random();
}
