package org.rtspkit.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.stream.RtspServers;

/**
 * The ready-to-use server: {@code ./rtspkit-server --help} lists the flags. Exit status 0 after
 * {@code --help}, 1 when the server cannot start (a busy port), 2 for a bad command line; a running
 * server stops cleanly on SIGINT or SIGTERM.
 */
public final class RtspkitServer {
    static final String NAME = "rtspkit-server";

    private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

    private RtspkitServer() {
    }

    /**
     * The running servers (RTSPS when on), the paths they serve, the demo stream (null when off), the
     * periodic summary and the {@code /metrics} endpoint (null when not asked for).
     */
    record Started(RtspServer server, RtspServer secureServer, PathRegistry paths, DemoStream demo,
                   ServerSummary summary, MetricsEndpoint metrics) implements AutoCloseable {
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

    public static void main(String[] args) throws InterruptedException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (UsageException e) {
            System.err.println(NAME + ": " + e.getMessage());
            System.err.println();
            System.err.print(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(ServerOptions.USAGE);
            return;
        }
        // One line per record unless the user configured logging; must precede the first log call.
        if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, "%1$tF %1$tT %4$s %5$s%6$s%n");
        }
        try {
            // What the module path lacks: its defaults go, with a line saying so; its flags are refused.
            System.Logger log = System.getLogger(RtspkitServer.class.getName());
            options = options.fitTo(Plugins.found(), line -> log.log(System.Logger.Level.INFO, line));
        } catch (UsageException e) {
            System.err.println(NAME + ": " + e.getMessage());
            System.exit(2);
            return;
        }

        Started started;
        try {
            started = start(options);
        } catch (IllegalArgumentException e) {
            // The engine refused the combination of settings; its message names the setting.
            fail(2, e.getMessage());
            return;
        } catch (BindException e) {
            String where = BusyAddress.find(options).orElse(HostPort.format(options.rtspAddress()));
            fail(1, "cannot listen on " + where + ": address already in use");
            return;
        } catch (IOException | IllegalStateException e) {
            // A port that cannot be bound for another reason, or a transport missing from the module path.
            fail(1, "cannot start: " + e.getMessage());
            return;
        }

        RtspServer server = started.server();
        RtspServer secure = started.secureServer();
        DemoStream demo = started.demo();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            // Printed, not logged: java.util.logging may already have shut down its handlers.
            System.out.println("rtspkit stopped");
            stopped.countDown();
        }, "rtspkit-shutdown"));
        System.out.println(listeningLine(server));
        if (secure != null) {
            System.out.println(listeningLine(secure).replace("rtsp://", "rtsps://"));
        }
        if (started.metrics() != null) {
            System.out.println("rtspkit metrics on http://" + HostPort.authority(started.metrics().address())
                    + MetricsEndpoint.PATH);
        }
        if (demo != null) {
            System.getLogger(RtspkitServer.class.getName()).log(System.Logger.Level.INFO, demoLine(server, secure));
        }
        // The engine's threads may all be daemons: keep the JVM up until a signal arrives.
        stopped.await();
    }

    /**
     * Starts a server that behaves as the command line describes, once {@link ServerOptions#fitTo} has
     * taken out what the module path cannot serve.
     */
    static Started start(ServerOptions options) throws IOException {
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
        return new Started(server, secure, paths, demo, ServerSummary.start(options.summaryInterval(), paths::counts),
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

    /** {@code demo stream (test picture and tone): rtsp://localhost:8554/demo} */
    static String demoLine(RtspServer server, RtspServer secure) {
        String line = "demo stream (test picture and tone): " + demoUrl("rtsp", server);
        return secure == null ? line : line + " and " + demoUrl("rtsps", secure);
    }

    /** A URL to paste into a client on this machine: localhost when the listener takes every interface. */
    private static String demoUrl(String scheme, RtspServer server) {
        InetSocketAddress address = server.rtspAddress();
        String authority = address.getAddress().isAnyLocalAddress() ? "localhost:" + address.getPort()
                : HostPort.authority(address);
        return scheme + "://" + authority + DemoStream.PATH;
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
                System.getLogger(RtspkitServer.class.getName()).log(System.Logger.Level.INFO, "RTSPS uses a self-signed certificate, SHA-256 fingerprint "
                        + tls.fingerprint() + " (give --tls-cert and --tls-key to use your own)");
            }
        } catch (java.security.GeneralSecurityException e) {
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

    /** {@code rtspkit listening on rtsp://0.0.0.0:8554 (transports: tcp, udp)} */
    static String listeningLine(RtspServer server) {
        return "rtspkit listening on rtsp://" + HostPort.authority(server.rtspAddress())
                + " (transports: " + String.join(", ", server.transports().stream().sorted().toList()) + ")";
    }

    private static void fail(int status, String message) {
        System.err.println(NAME + ": " + message);
        System.exit(status);
    }
}
