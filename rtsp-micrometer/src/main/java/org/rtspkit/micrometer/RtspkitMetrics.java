package org.rtspkit.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionStats;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.StreamStats;

/**
 * rtspkit's counters as Micrometer meters. Wrap the server's handler with {@link #instrument} so that
 * sessions are seen, name the streams worth reporting with {@link #bindStream}, and bind this object
 * to a registry (Spring Boot and Quarkus bind every {@code MeterBinder} bean themselves):
 *
 * <pre>{@code
 * RtspkitMetrics metrics = new RtspkitMetrics(Tags.of("server", "cameras"));
 * RtspServer server = RtspServers.start(config, metrics.instrument(handler));
 * metrics.bindTo(registry);
 * metrics.bindStream("/cam", server.createStream(description));
 * }</pre>
 *
 * <p>The meters, all read from the engine's own stats when the registry asks (nothing is counted
 * twice, nothing is added per packet):
 * <ul>
 * <li>{@code rtspkit.connections} (gauge): RTSP connections open.</li>
 * <li>Per session group, tagged {@code path}, {@code role} ({@code reader} or {@code publisher}) and
 * {@code transport} ({@code udp}, {@code udp_multicast}, {@code tcp}): {@code rtspkit.sessions}
 * (gauge, sessions that have played or recorded and not ended), {@code rtspkit.sessions.started},
 * and the sums of their {@link SessionStats}: {@code rtspkit.session.inbound.bytes},
 * {@code rtspkit.session.inbound.rtp.packets}, {@code rtspkit.session.inbound.rtp.packets.lost},
 * {@code rtspkit.session.inbound.rtp.packets.errors}, {@code rtspkit.session.outbound.bytes},
 * {@code rtspkit.session.outbound.rtp.packets}, {@code rtspkit.session.outbound.rtp.packets.dropped}
 * (tagged {@code cause}: {@code queue}, the reader's full write queue, or {@code transport}, a
 * refused send). They include the sessions that ended, so they only grow.</li>
 * <li>Per stream bound with {@link #bindStream}, tagged {@code stream}: its {@link StreamStats},
 * {@code rtspkit.stream.outbound.bytes}, {@code rtspkit.stream.outbound.rtp.packets},
 * {@code rtspkit.stream.outbound.rtcp.packets}, {@code rtspkit.stream.outbound.rtp.packets.dropped}.</li>
 * </ul>
 *
 * <p>Sessions are grouped rather than given meters of their own: a session id as a tag would make a
 * new time series for every client that ever connected. One group per path the clients use: a server
 * that accepts any path name should expect as many groups.
 */
public final class RtspkitMetrics implements MeterBinder {
    static final String READER = "reader";
    static final String PUBLISHER = "publisher";
    /** Micrometer's BaseUnits has no packets. */
    private static final String PACKETS = "packets";

    private final Tags commonTags;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Map<SessionGroup.GroupKey, SessionGroup> groups = new ConcurrentHashMap<>();
    /** The group each counted session is in, until it ends. */
    private final Map<ServerSession, SessionGroup> sessions = new ConcurrentHashMap<>();
    /**
     * Sessions that ended before they were counted: a client can drop its connection while its PLAY is
     * being answered, and then onSessionClose may come before onPlay has returned. Weak, so sessions
     * that never played (most of these) are forgotten with the session.
     */
    private final Set<ServerSession> endedUncounted = Collections.newSetFromMap(new WeakHashMap<>());
    private final Map<String, BoundStream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();

    /** Meters without tags of their own beyond those listed in the class description. */
    public RtspkitMetrics() {
        this(Tags.empty());
    }

    /**
     * Meters that also carry {@code commonTags}, for example the name of the server when an
     * application runs several.
     *
     * @param commonTags tags added to every meter
     */
    public RtspkitMetrics(Iterable<Tag> commonTags) {
        this.commonTags = Tags.of(Objects.requireNonNull(commonTags, "commonTags"));
    }

    /**
     * The handler to start the server with: {@code handler}'s callbacks, each passed on unchanged,
     * seen on the way by these meters.
     *
     * @param handler the application's handler
     * @return the handler to give {@code RtspServers.start}
     */
    public ServerHandler instrument(ServerHandler handler) {
        return new MeteredHandler(Objects.requireNonNull(handler, "handler"), this);
    }

    /**
     * Reports {@code stream}'s counters, tagged {@code stream=name}, in every registry this is bound to
     * (now or later), until {@link #unbindStream}.
     *
     * @param name   the value of the {@code stream} tag, for example the stream's path
     * @param stream the stream
     * @throws IllegalArgumentException when a stream of that name is bound already
     */
    public void bindStream(String name, ServerStream stream) {
        BoundStream bound = new BoundStream(Objects.requireNonNull(name, "name"), Objects.requireNonNull(stream, "stream"));
        if (streams.putIfAbsent(name, bound) != null) {
            throw new IllegalArgumentException("a stream named " + name + " is bound already");
        }
        for (MeterRegistry registry : registries) {
            bound.register(registry);
        }
    }

    /**
     * Removes the meters of the stream bound as {@code name} from every registry; nothing when there is none.
     *
     * @param name the name it was bound with
     */
    public void unbindStream(String name) {
        BoundStream bound = streams.remove(name);
        if (bound != null) {
            bound.remove();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        Gauge.builder("rtspkit.connections", connections, AtomicInteger::get)
                .description("RTSP connections open").baseUnit(BaseUnits.CONNECTIONS).tags(commonTags).register(registry);
        for (SessionGroup group : groups.values()) {
            registerGroup(registry, group);
        }
        for (BoundStream bound : streams.values()) {
            bound.register(registry);
        }
    }

    // ---- what MeteredHandler reports

    void connectionOpened() {
        connections.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    synchronized void sessionStarted(ServerSession session, String role) {
        if (sessions.containsKey(session) || endedUncounted.contains(session)) {
            return; // PLAY while playing or after PAUSE, or a session that has ended already
        }
        SessionTransport t = session.transport();
        String transport = t == null ? "none" : t.protocol().name().toLowerCase(Locale.ROOT);
        SessionGroup.GroupKey key = new SessionGroup.GroupKey(session.path(), role, transport);
        SessionGroup group = groups.computeIfAbsent(key, k -> {
            SessionGroup g = new SessionGroup(k);
            for (MeterRegistry registry : registries) {
                registerGroup(registry, g);
            }
            return g;
        });
        group.started(session);
        sessions.put(session, group);
    }

    synchronized void sessionEnded(ServerSession session) {
        SessionGroup group = sessions.remove(session);
        if (group != null) {
            group.ended(session);
        } else {
            endedUncounted.add(session);
        }
    }

    // ---- meters

    private void registerGroup(MeterRegistry registry, SessionGroup group) {
        Tags tags = commonTags.and("path", group.key().path(), "role", group.key().role(),
                "transport", group.key().transport());
        Gauge.builder("rtspkit.sessions", group, SessionGroup::openSessions)
                .description("Sessions that have played or recorded and not ended").baseUnit(BaseUnits.SESSIONS)
                .tags(tags).register(registry);
        FunctionCounter.builder("rtspkit.sessions.started", group, SessionGroup::startedSessions)
                .description("Sessions whose PLAY or RECORD was accepted").baseUnit(BaseUnits.SESSIONS)
                .tags(tags).register(registry);
        sessionCounter(registry, group, tags, "rtspkit.session.inbound.bytes", BaseUnits.BYTES,
                "RTP and RTCP bytes received from clients", SessionStats::inboundBytes);
        sessionCounter(registry, group, tags, "rtspkit.session.inbound.rtp.packets", PACKETS,
                "RTP packets received from publishers", SessionStats::inboundRtpPackets);
        sessionCounter(registry, group, tags, "rtspkit.session.inbound.rtp.packets.lost", PACKETS,
                "Publishers' RTP packets that never arrived, by sequence number", SessionStats::inboundRtpPacketsLost);
        sessionCounter(registry, group, tags, "rtspkit.session.inbound.rtp.packets.errors", PACKETS,
                "RTP packets received that could not be decoded", SessionStats::inboundRtpPacketsInError);
        sessionCounter(registry, group, tags, "rtspkit.session.outbound.bytes", BaseUnits.BYTES,
                "RTP and RTCP bytes queued for clients", SessionStats::outboundBytes);
        sessionCounter(registry, group, tags, "rtspkit.session.outbound.rtp.packets", PACKETS,
                "RTP packets sent to readers", SessionStats::outboundRtpPackets);
        sessionCounter(registry, group, tags.and("cause", "queue"), "rtspkit.session.outbound.rtp.packets.dropped",
                PACKETS, "Readers' RTP packets dropped", SessionStats::outboundRtpPacketsDropped);
        sessionCounter(registry, group, tags.and("cause", "transport"), "rtspkit.session.outbound.rtp.packets.dropped",
                PACKETS, "Readers' RTP packets dropped", SessionStats::outboundRtpPacketsDroppedByTransport);
    }

    private static void sessionCounter(MeterRegistry registry, SessionGroup group, Tags tags, String name, String unit,
                                       String description, ToDoubleFunction<SessionStats> counter) {
        FunctionCounter.builder(name, group, g -> counter.applyAsDouble(g.totals()))
                .description(description).baseUnit(unit).tags(tags).register(registry);
    }

    /** A stream reported under a name, with the meters it has in each registry. */
    private final class BoundStream {
        private final String name;
        private final ServerStream stream;
        private final List<Registered> meters = new ArrayList<>();

        BoundStream(String name, ServerStream stream) {
            this.name = name;
            this.stream = stream;
        }

        synchronized void register(MeterRegistry registry) {
            Tags tags = commonTags.and("stream", name);
            counter(registry, tags, "rtspkit.stream.outbound.bytes", BaseUnits.BYTES,
                    "RTP and RTCP bytes queued for the stream's readers", StreamStats::outboundBytes);
            counter(registry, tags, "rtspkit.stream.outbound.rtp.packets", PACKETS,
                    "RTP packets queued for the stream's readers", StreamStats::outboundRtpPackets);
            counter(registry, tags, "rtspkit.stream.outbound.rtcp.packets", PACKETS,
                    "RTCP packets queued for the stream's readers", StreamStats::outboundRtcpPackets);
            counter(registry, tags, "rtspkit.stream.outbound.rtp.packets.dropped", PACKETS,
                    "RTP packets the stream's readers' full queues refused", StreamStats::outboundRtpPacketsDropped);
        }

        private void counter(MeterRegistry registry, Tags tags, String name, String unit, String description,
                             ToDoubleFunction<StreamStats> value) {
            Meter m = FunctionCounter.builder(name, stream, s -> value.applyAsDouble(s.stats()))
                    .description(description).baseUnit(unit).tags(tags).register(registry);
            meters.add(new Registered(registry, m));
        }

        synchronized void remove() {
            for (Registered r : meters) {
                r.registry().remove(r.meter());
            }
            meters.clear();
        }
    }

    private record Registered(MeterRegistry registry, Meter meter) {
    }
}
