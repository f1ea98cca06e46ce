package org.rtspkit.stream;

import java.io.IOException;
import java.util.function.Function;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.stream.internal.Server;

/**
 * Starts rtspkit servers: the one entry point of the engine module.
 *
 * <pre>{@code
 * RtspServer server = RtspServers.start(ServerConfig.builder()
 *         .rtspAddress(new InetSocketAddress(8554))
 *         .build(), handler);
 * }</pre>
 */
public final class RtspServers {
    private RtspServers() {
    }

    /**
     * Checks the configuration, opens the transports found on the module path and the RTSP listener.
     *
     * @throws IllegalArgumentException when the configuration is inconsistent (the message names the setting)
     * @throws IOException when a port cannot be bound
     */
    public static RtspServer start(ServerConfig config, ServerHandler handler) throws IOException {
        return Server.start(config, server -> handler);
    }

    /**
     * As {@link #start(ServerConfig, ServerHandler)}, for a handler that needs the server (to create
     * streams): the factory is called once, before the first connection is accepted.
     */
    public static RtspServer start(ServerConfig config, Function<RtspServer, ServerHandler> handlerFactory)
            throws IOException {
        return Server.start(config, handlerFactory);
    }
}
