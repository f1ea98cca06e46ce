package org.rtspkit.stream.internal;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.common.util.concurrent.Uninterruptibles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.rtspkit.api.Media;
import org.rtspkit.api.MulticastParams;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SessionState;
import org.rtspkit.api.SrtpSuite;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.MediaTransport;
import org.rtspkit.spi.MulticastProvider;
import org.rtspkit.spi.MulticastProviders;
import org.rtspkit.spi.MulticastService;
import org.rtspkit.spi.SrtpProvider;
import org.rtspkit.spi.SrtpProviders;
import org.rtspkit.spi.TransportProvider;
import org.rtspkit.spi.Transports;
import org.rtspkit.stream.internal.net.Connection;
import org.rtspkit.stream.internal.net.IoLoop;
import org.rtspkit.stream.internal.session.Session;
import org.rtspkit.stream.internal.session.SessionHost;
import org.rtspkit.stream.internal.session.FlowEvents;
import org.rtspkit.stream.internal.session.SessionRegistry;
import org.rtspkit.stream.internal.stream.Stream;

/**
 * The RTSP server: the listener, the I/O loops, the sessions and streams, and the timers that send
 * reports and end silent sessions. Start one with {@link #start}.
 */
public final class Server implements RtspServer, SessionHost {
    private static final System.Logger LOG = System.getLogger(Server.class.getName());
    /** How long {@link #close} waits for each of its threads (an application callback may be slow). */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final ServerHandler handler;
    private final Map<TransportProtocol, MediaTransport> transports;
    private final Acceptor acceptor;
    private final IoLoop[] loops;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final SessionRegistry registry;
    private final ConnectionRequests requests;
    private final SecureRandom random = new SecureRandom();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger nextLoop = new AtomicInteger();
    /** True on the threads this server started. */
    private final ThreadLocal<Boolean> onOwnThread = ThreadLocal.withInitial(() -> false);
    /** Null when no SRTP provider is on the module path. */
    private final SrtpProvider srtp;
    /** Null when multicast is off. */
    private final MulticastService multicast;
    /** The periodic JFR events of the sessions (drops, loss); set by {@link #begin}. */
    private FlowEvents flowEvents;

    private Server(ServerConfig config, Function<RtspServer, ServerHandler> handlerFactory,
                   Map<TransportProtocol, MediaTransport> transports, MulticastService multicast,
                   ServerSocketChannel listener) throws IOException {
        this.config = config;
        this.transports = transports;
        this.multicast = multicast;
        this.srtp = SrtpProviders.find(Server.class.getClassLoader()).orElse(null);
        if (config.tlsContext() != null && srtp == null) {
            LOG.log(System.Logger.Level.WARNING, SrtpProviders.MISSING + " Until then RTSPS serves interleaved RTP only.");
        }
        this.loops = new IoLoop[config.ioThreads()];
        ThreadFactory ioThreads = daemonThreads("rtspkit-io-%d");
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new IoLoop(ioThreads);
        }
        for (IoLoop loop : loops) {
            loop.peers(loops);
        }
        this.workers = Executors.newCachedThreadPool(daemonThreads("rtspkit-worker-%d"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("rtspkit-timer-%d"));
        // Last but the processor: the factory may already create streams on this server.
        ServerHandler h = handlerFactory.apply(this);
        this.handler = h == null ? new ServerHandler() { } : h;
        this.registry = new SessionRegistry(this);
        this.requests = new ConnectionRequests(this, registry);
        InetSocketAddress bound = (InetSocketAddress) listener.getLocalAddress();
        this.acceptor = new Acceptor(listener, daemonThreads("rtspkit-accept " + bound.toString().replace("%", "%%")),
                config.maxConnections(), connections::size, this::accept);
    }

    /** Checks the configuration, opens the transports and then the listener; on failure closes what it opened. */
    public static Server start(ServerConfig config, Function<RtspServer, ServerHandler> handlerFactory)
            throws IOException {
        ConfigCheck.validate(config);
        Map<TransportProtocol, TransportProvider> providers = Transports.available(Server.class.getClassLoader());
        ConfigCheck.requireTransports(config, providers);
        Map<TransportProtocol, MediaTransport> opened = new EnumMap<>(TransportProtocol.class);
        ServerSocketChannel listener = null;
        MulticastService multicast = null;
        try {
            for (Map.Entry<TransportProtocol, TransportProvider> e : providers.entrySet()) {
                Optional<MediaTransport> t = e.getValue().open(config);
                t.ifPresent(mt -> opened.put(e.getKey(), mt));
            }
            if (config.multicastEnabled()) {
                MulticastProvider provider = MulticastProviders.find(Server.class.getClassLoader())
                        .orElseThrow(() -> new IllegalStateException(MulticastProviders.MISSING));
                multicast = provider.open(config).orElse(null);
            }
            listener = Acceptor.bind(config.rtspAddress());
            Server server = new Server(config, handlerFactory, opened, multicast, listener);
            server.begin();
            return server;
        } catch (IOException | RuntimeException e) {
            opened.values().forEach(MediaTransport::close);
            if (multicast != null) {
                multicast.close();
            }
            if (listener != null) {
                listener.close();
            }
            throw e;
        }
    }

    private void begin() {
        for (IoLoop loop : loops) {
            loop.start();
        }
        long checkMillis = Math.max(10, config.checkStreamPeriod().toMillis());
        timer.scheduleWithFixedDelay(this::checkTimeouts, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        long sr = Math.max(1, config.senderReportPeriod().toMillis());
        timer.scheduleAtFixedRate(this::sendSenderReports, sr, sr, TimeUnit.MILLISECONDS);
        long rr = Math.max(1, config.receiverReportPeriod().toMillis());
        timer.scheduleAtFixedRate(this::sendReceiverReports, rr, rr, TimeUnit.MILLISECONDS);
        flowEvents = FlowEvents.register(registry);
        acceptor.start();
        LOG.log(System.Logger.Level.DEBUG, () -> "listening on " + acceptor.address() + " with " + transports.keySet());
    }

    /** A connection the acceptor took: it gets a loop, and the loop reads it. */
    private void accept(SocketChannel ch, String refusal) throws IOException {
        IoLoop loop = nextLoop();
        Connection c = new Connection(requests, config, loop, ch, config.tlsContext(), workers, refusal);
        connections.add(c);
        handler.onConnectionOpen(c);
        loop.execute(c::register);
    }

    // ---- timers

    private void checkTimeouts() {
        long now = System.nanoTime();
        for (Connection c : connections) {
            c.loop().execute(() -> c.checkTimeouts(now));
        }
        registry.closeSilent(now);
    }

    private void sendSenderReports() {
        if (!config.senderReports()) {
            return;
        }
        for (Stream s : streams) {
            try {
                s.sendSenderReports();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "sending sender reports", e);
            }
        }
    }

    private void sendReceiverReports() {
        for (Session s : registry.all()) {
            if (s.state() == SessionState.RECORD && !s.isTcp()) {
                try {
                    requests.sessions().sendReceiverReports(s);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "sending receiver reports", e);
                }
            }
        }
    }

    // ---- what streams and sessions use (SessionHost)

    @Override
    public ServerConfig config() {
        return config;
    }

    @Override
    public ServerHandler handler() {
        return handler;
    }

    @Override
    public ExecutorService workers() {
        return workers;
    }

    @Override
    public SecureRandom random() {
        return random;
    }

    @Override
    public Map<TransportProtocol, MediaTransport> mediaTransports() {
        return transports;
    }

    @Override
    public MulticastService multicast() {
        return multicast;
    }

    @Override
    public void wakeLoopsAfterFanOut() {
        IoLoop.wakeAfterFanOut(loops);
    }

    @Override
    public IoLoop nextLoop() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    @Override
    public boolean srtpAvailable() {
        return config.tlsContext() != null && srtp != null;
    }

    @Override
    public SrtpProvider srtp() {
        return srtp;
    }

    @Override
    public SrtpSuite srtpSuite() {
        return config.srtpSuite();
    }

    @Override
    public void streamClosed(Stream s) {
        streams.remove(s);
    }

    /** The server's timer (reports, deadlines, delayed answers). */
    ScheduledExecutorService timer() {
        return timer;
    }

    /** A connection closed (called before the session rules and the application's callback). */
    void connectionRemoved(Connection c) {
        connections.remove(c);
    }

    /** How many sessions are open. */
    public int sessionCount() {
        return registry.count();
    }

    // ---- RtspServer

    @Override
    public ServerStream createStream(SessionDescription description) {
        return createStream(description, Map.of());
    }

    @Override
    public ServerStream createStream(SessionDescription description, Map<Media, MulticastParams> multicastGroups) {
        if (closed.get()) {
            throw new RtspkitException("server is closed");
        }
        Stream s = new Stream(this, description, random, multicastGroups);
        streams.add(s);
        return s;
    }

    @Override
    public InetSocketAddress rtspAddress() {
        return acceptor.address();
    }

    @Override
    public Optional<InetSocketAddress> udpRtpAddress() {
        return transports.containsKey(TransportProtocol.UDP) ? Optional.of(config.udpRtpAddress()) : Optional.empty();
    }

    @Override
    public Set<String> transports() {
        Set<String> names = new java.util.TreeSet<>();
        transports.values().forEach(t -> names.add(t.name()));
        if (multicast != null) {
            names.add(multicast.name());
        }
        return Set.copyOf(names);
    }

    /**
     * Stops the server and returns once it has stopped: the listener is closed, the timer's tasks are
     * over, every stream, session and connection is closed, the loops have run what that queued and
     * ended, and the workers have delivered every callback it caused (onSessionClose,
     * onConnectionClose). Called from one of the server's own threads (a handler callback), it cannot
     * wait for that thread, and returns once the rest has stopped.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean ownThread = onOwnThread.get();
        acceptor.close(CLOSE_TIMEOUT);
        flowEvents.close();
        // No report, deadline or delayed answer runs from here on.
        timer.shutdownNow();
        if (!ownThread) {
            awaitEnd(timer, "timer");
        }
        for (Stream s : List.copyOf(streams)) {
            s.close();
        }
        RtspkitException terminated = new RtspkitException("terminated");
        registry.closeAll(terminated);
        for (Connection c : List.copyOf(connections)) {
            c.closeAsync(terminated);
        }
        // Each loop runs the closing queued above, then ends; the closing hands the workers the
        // connections' last callbacks.
        for (IoLoop loop : loops) {
            loop.close();
        }
        transports.values().forEach(MediaTransport::close);
        if (multicast != null) {
            multicast.close();
        }
        workers.shutdown();
        if (!ownThread) {
            awaitEnd(workers, "worker");
        }
    }

    private static void awaitEnd(ExecutorService executor, String what) {
        if (!Uninterruptibles.awaitTerminationUninterruptibly(executor, CLOSE_TIMEOUT)) {
            LOG.log(System.Logger.Level.WARNING, "the server's " + what + " threads did not end within "
                    + CLOSE_TIMEOUT.toSeconds() + " s of close: an application callback is still running");
        }
    }

    /**
     * Daemon threads named by {@code nameFormat} ({@code %d}: 0, 1, 2...), so that a server never keeps a
     * JVM alive, and marked as this server's, so that {@link #close} does not wait for its own thread.
     */
    private ThreadFactory daemonThreads(String nameFormat) {
        ThreadFactory marked = r -> new Thread(() -> {
            onOwnThread.set(true);
            r.run();
        });
        return new ThreadFactoryBuilder().setThreadFactory(marked).setNameFormat(nameFormat).setDaemon(true).build();
    }
}
