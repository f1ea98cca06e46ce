package org.rtspkit.server.options;

import java.time.Duration;

/**
 * The engine's limits the server lets its configuration file set (the {@code limits:} section), with
 * the engine's own defaults. Fixed when the listeners start: a change needs a restart.
 *
 * @param readTimeout    a request not completed in time, or a silent publisher, is cut off
 * @param writeTimeout   a reader whose socket takes nothing for this long is closed
 * @param idleTimeout    a connection or UDP reader with no request, frame or RTCP for this long is closed
 * @param writeQueueSize packets queued per reader before a slower reader loses packets
 * @param maxConnections connections at once; past it requests get 503
 * @param maxSessions    sessions at once; past it SETUP and ANNOUNCE get 503
 */
public record Limits(Duration readTimeout, Duration writeTimeout, Duration idleTimeout, int writeQueueSize,
                     int maxConnections, int maxSessions) {
    public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(60), 256, 10_000, 10_000);
}
