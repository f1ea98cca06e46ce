package org.rtspkit.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerSession;
import org.rtspkit.server.config.ConfigChanges;
import org.rtspkit.server.control.ApiAccess;
import org.rtspkit.server.control.ControlApi;
import org.rtspkit.server.demo.DemoStream;
import org.rtspkit.server.files.FileLibrary;
import org.rtspkit.server.metrics.MetricsEndpoint;
import org.rtspkit.server.metrics.ServerSummary;
import org.rtspkit.server.options.Limits;
import org.rtspkit.server.options.ServerOptions;
import org.rtspkit.server.paths.PathRegistry;
import org.rtspkit.server.paths.PublishingHandler;
import org.rtspkit.server.record.Recordings;
import org.rtspkit.server.tls.TlsCredentials;
import org.rtspkit.stream.RtspServers;

/**
 * The ready-to-use server once started: the listeners (RTSPS when on), the paths they serve, the demo
 * stream (null when off), the periodic summary and the HTTP listener with {@code /metrics} and the
 * control API (null when not asked for). {@link #start} wires them from the options;
 * {@link #reconfigure} applies a changed configuration to what can change while running;
 * {@link RtspkitServer} is the program around it.
 */
public final class RunningServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunningServer.class.getName());

    private final RtspServer server;
    private final RtspServer secureServer;
    private final PathRegistry paths;
    private final MetricsEndpoint metrics;
    private final ControlApi api;
    private final FileLibrary files;
    private final Recordings recordings;
    private DemoStream demo;
    private ServerSummary summary;
    private ServerOptions running;
    private boolean closed;

    private RunningServer(ServerOptions options, RtspServer server, RtspServer secureServer, PathRegistry paths,
                          MetricsEndpoint metrics, ControlApi api, FileLibrary files, Recordings recordings) {
        this.files = files;
        this.recordings = recordings;
        this.running = options;
        this.server = server;
        this.secureServer = secureServer;
        this.paths = paths;
        this.metrics = metrics;
        this.api = api;
    }

    /**
     * Starts a server that behaves as the options describe, once {@link ServerOptions#fitTo} has
     * taken out what the module path cannot serve.
     */
    public static RunningServer start(ServerOptions options) throws IOException {
        PathRegistry paths = new PathRegistry();
        paths.configure(options.paths(), options.credentials());
        FileLibrary files = options.files() == null ? null : new FileLibrary(options.files(), paths::servers);
        Recordings recordings = options.record() == null ? null : new Recordings(options.record());
        RtspServer server = RtspServers.start(config(options),
                started -> new PublishingHandler(started, paths, files, recordings));
        RtspServer secure = null;
        MetricsEndpoint metrics = null;
        ControlApi api = null;
        RunningServer running;
        try {
            if (options.secure() != null) {
                secure = RtspServers.start(secureConfig(options),
                        started -> new PublishingHandler(started, paths, files, recordings));
            }
            if (options.metricsAddress() != null) {
                metrics = MetricsEndpoint.start(options.metricsAddress(), paths::counts);
                // Open to whoever reaches the metrics address until the server has access rules.
                api = new ControlApi(paths, ApiAccess.OPEN, options.controlApi());
                metrics.handle(ControlApi.PREFIX, api);
            }
            running = new RunningServer(options, server, secure, paths, metrics, api, files, recordings);
            synchronized (running) {
                running.startDemo(options.paths().demoPath());
                running.summary = ServerSummary.start(options.summaryInterval(), paths::counts);
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
        return running;
    }

    /**
     * Applies a changed configuration (already checked, laid under the command line and fitted to the
     * module path): paths, credentials, the control API switch and the summary interval change at once;
     * what needs a restart is only reported. Sessions keep playing unless their path is no longer
     * served as it was (a publisher whose path went or turned into the demo's is closed).
     *
     * @return what changed, for the log
     */
    public synchronized ConfigChanges reconfigure(ServerOptions next) {
        ConfigChanges changes = ConfigChanges.between(running, next);
        if (closed || changes.live().isEmpty()) {
            running = changes.applied();
            return changes;
        }
        List<ServerSession> evicted = paths.configure(next.paths(), next.credentials());
        for (ServerSession publisher : evicted) {
            LOG.log(Level.INFO, "closing the publisher of " + paths.publicationOf(publisher)
                    .map(PathRegistry.Publication::path).orElse("a path") + ": the configuration no longer lets it publish there");
            publisher.close();
        }
        Optional<String> demoPath = next.paths().demoPath();
        if (!demoPath.equals(paths.demoPath())) {
            paths.stopDemo().ifPresent(DemoStream::close);
            demo = null;
            startDemo(demoPath);
        }
        if (!next.summaryInterval().equals(running.summaryInterval())) {
            summary.close();
            summary = ServerSummary.start(next.summaryInterval(), paths::counts);
        }
        if (api != null) {
            api.enable(next.controlApi());
        }
        running = changes.applied();
        return changes;
    }

    /** The options in effect: those the server started with, with the live changes of reloads since. */
    public synchronized ServerOptions options() {
        return running;
    }

    /** The demo on every listener at {@code path}; none when a publisher took the path first. */
    private void startDemo(Optional<String> path) {
        if (path.isEmpty()) {
            return;
        }
        DemoStream started = DemoStream.start(paths.servers());
        if (!paths.serveDemo(path.get(), started)) {
            started.close();
            LOG.log(Level.WARNING, "no demo stream: a publisher took " + path.get() + " first");
            return;
        }
        demo = started;
    }

    public RtspServer server() {
        return server;
    }

    /** The RTSPS listener; null when off. */
    public RtspServer secureServer() {
        return secureServer;
    }

    public PathRegistry paths() {
        return paths;
    }

    /** The demo stream; null when no path plays it. */
    public synchronized DemoStream demo() {
        return demo;
    }

    /** The HTTP listener ({@code /metrics}, control API); null when not asked for. */
    public MetricsEndpoint metrics() {
        return metrics;
    }

    static ServerConfig config(ServerOptions options) {
        ServerConfig.Builder builder = limits(ServerConfig.builder(), options.limits()).rtspAddress(options.rtspAddress());
        if (options.udpEnabled()) {
            builder.udpAddresses(options.udpRtpAddress(), options.udpRtcpAddress());
        }
        if (options.multicast() != null) {
            builder.multicastIpRange(options.multicast().ipRange())
                    .multicastRtpPort(options.multicast().rtpPort())
                    .multicastRtcpPort(options.multicast().rtpPort() + 1);
        }
        return builder.build();
    }

    private static ServerConfig.Builder limits(ServerConfig.Builder builder, Limits limits) {
        return builder.readTimeout(limits.readTimeout()).writeTimeout(limits.writeTimeout())
                .idleTimeout(limits.idleTimeout()).writeQueueSize(limits.writeQueueSize())
                .maxConnections(limits.maxConnections()).maxSessions(limits.maxSessions());
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
                LOG.log(Level.INFO, "RTSPS uses a self-signed certificate, SHA-256 fingerprint "
                        + tls.fingerprint() + " (give --tls-cert and --tls-key to use your own)");
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        ServerConfig.Builder builder = limits(ServerConfig.builder(), options.limits())
                .rtspAddress(secure.rtspsAddress()).tlsContext(tls.context());
        if (secure.srtpRtpAddress() != null) {
            InetSocketAddress rtp = secure.srtpRtpAddress();
            builder.udpAddresses(rtp, new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1));
        }
        if (options.multicast() != null) {
            builder.multicastIpRange(options.multicast().ipRange())
                    .multicastRtpPort(secure.multicastRtpPort())
                    .multicastRtcpPort(secure.multicastRtpPort() + 1);
        }
        return builder.build();
    }

    /** Stops everything; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            summary.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        paths.stopDemo().ifPresent(DemoStream::close);
        if (files != null) {
            files.close();
        }
        server.close();
        if (secureServer != null) {
            secureServer.close();
        }
        // After the listeners: their publishers' sessions have ended, so each recording is finished.
        if (recordings != null) {
            recordings.close();
        }
    }

    @Override
    public String toString() {
        return "RunningServer[" + Objects.requireNonNull(server).rtspAddress() + "]";
    }
}
