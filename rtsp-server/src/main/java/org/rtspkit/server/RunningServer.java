package org.rtspkit.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.server.demo.DemoStream;
import org.rtspkit.server.metrics.MetricsEndpoint;
import org.rtspkit.server.metrics.ServerSummary;
import org.rtspkit.server.options.ServerOptions;
import org.rtspkit.server.paths.PathRegistry;
import org.rtspkit.server.paths.PublishingHandler;
import org.rtspkit.server.tls.TlsCredentials;
import org.rtspkit.stream.RtspServers;

/**
 * The ready-to-use server once started: the listeners (RTSPS when on), the paths they serve, the demo
 * stream (null when off), the periodic summary and the {@code /metrics} endpoint (null when not asked
 * for). {@link #start} wires them from the command line's options; {@link RtspkitServer} is the
 * program around it.
 */
public record RunningServer(RtspServer server, RtspServer secureServer, PathRegistry paths, DemoStream demo,
                            ServerSummary summary, MetricsEndpoint metrics) implements AutoCloseable {
    /**
     * Starts a server that behaves as the command line describes, once {@link ServerOptions#fitTo} has
     * taken out what the module path cannot serve.
     */
    public static RunningServer start(ServerOptions options) throws IOException {
        PathRegistry paths = new PathRegistry();
        RtspServer server = RtspServers.start(config(options),
                started -> new PublishingHandler(started, paths, options.credentials()));
        RtspServer secure = null;
        MetricsEndpoint metrics = null;
        DemoStream demo = null;
        try {
            if (options.secure() != null) {
                secure = RtspServers.start(secureConfig(options),
                        started -> new PublishingHandler(started, paths, options.credentials()));
            }
            if (options.metricsAddress() != null) {
                metrics = MetricsEndpoint.start(options.metricsAddress(), paths::counts);
            }
            if (options.demo()) {
                demo = startDemo(paths);
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            if (secure != null) {
                secure.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            throw e;
        }
        return new RunningServer(server, secure, paths, demo, ServerSummary.start(options.summaryInterval(), paths::counts),
                metrics);
    }

    /** The demo on every listener; null when a publisher took its path in the moment since the listeners started. */
    private static DemoStream startDemo(PathRegistry paths) {
        DemoStream demo = DemoStream.start(paths.servers());
        if (!paths.serveDemo(demo)) {
            demo.close();
            System.getLogger(RtspkitServer.class.getName()).log(System.Logger.Level.WARNING,
                    "no demo stream: a publisher took " + DemoStream.PATH + " first");
            return null;
        }
        return demo;
    }

    private static boolean multicast(ServerOptions options) {
        return options.multicast() != null;
    }

    static ServerConfig config(ServerOptions options) {
        ServerConfig.Builder builder = ServerConfig.builder().rtspAddress(options.rtspAddress());
        if (options.udpEnabled()) {
            builder.udpAddresses(options.udpRtpAddress(), options.udpRtcpAddress());
        }
        if (multicast(options)) {
            builder.multicastIpRange(options.multicast().ipRange())
                    .multicastRtpPort(options.multicast().rtpPort())
                    .multicastRtcpPort(options.multicast().rtpPort() + 1);
        }
        return builder.build();
    }

    /** The RTSPS listener: TLS, SRTP over its own UDP pair, multicast on its own ports. */
    static ServerConfig secureConfig(ServerOptions options) throws IOException {
        ServerOptions.Secure secure = options.secure();
        TlsCredentials tls;
        try {
            if (secure.certificate() != null) {
                tls = TlsCredentials.fromPem(secure.certificate(), secure.key());
            } else {
                tls = TlsCredentials.selfSigned();
                // Looked up here, not in a static field: logging must be set up by main first.
                System.getLogger(RtspkitServer.class.getName()).log(System.Logger.Level.INFO,
                        "RTSPS uses a self-signed certificate, SHA-256 fingerprint "
                        + tls.fingerprint() + " (give --tls-cert and --tls-key to use your own)");
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        ServerConfig.Builder builder = ServerConfig.builder().rtspAddress(secure.rtspsAddress()).tlsContext(tls.context());
        if (secure.srtpRtpAddress() != null) {
            InetSocketAddress rtp = secure.srtpRtpAddress();
            builder.udpAddresses(rtp, new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1));
        }
        if (multicast(options)) {
            builder.multicastIpRange(options.multicast().ipRange())
                    .multicastRtpPort(secure.multicastRtpPort())
                    .multicastRtcpPort(secure.multicastRtpPort() + 1);
        }
        return builder.build();
    }

    /** Stops everything; idempotent. */
    @Override
    public void close() {
        summary.close();
        if (metrics != null) {
            metrics.close();
        }
        if (demo != null) {
            demo.close();
        }
        server.close();
        if (secureServer != null) {
            secureServer.close();
        }
    }
}
