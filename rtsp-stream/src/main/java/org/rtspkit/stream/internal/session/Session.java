package org.rtspkit.stream.internal.session;

import java.net.InetAddress;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SessionState;
import org.rtspkit.api.SessionStats;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.stream.internal.events.SessionLabel;
import org.rtspkit.stream.internal.net.Connection;
import org.rtspkit.stream.internal.net.OutboundPacket;
import org.rtspkit.stream.internal.net.SessionOutput;
import org.rtspkit.stream.internal.rtp.RtpInfoPosition;
import org.rtspkit.stream.internal.stream.ReaderCounters;
import org.rtspkit.stream.internal.stream.ReaderTotals;
import org.rtspkit.stream.internal.stream.Stream;
import org.rtspkit.stream.internal.stream.StreamReader;

/**
 * An RTSP session and its state machine: {@code initial} → (SETUP as a reader) {@code prePlay} ⇄
 * (PLAY, PAUSE) {@code play}; {@code initial} → (ANNOUNCE) {@code preRecord} ⇄ (RECORD, PAUSE)
 * {@code record}. The transitions are the methods under "state machine" below; {@link SessionRequests}
 * and {@link SetupNegotiation} call them holding the session's monitor, one request at a time. Packet
 * paths read its fields without the monitor.
 */
public final class Session implements StreamReader {
    /** The states in which each method may be sent. */
    private static final Map<String, Set<SessionState>> ALLOWED = Map.of(
            "ANNOUNCE", EnumSet.of(SessionState.INITIAL),
            "SETUP", EnumSet.of(SessionState.INITIAL, SessionState.PRE_PLAY, SessionState.PRE_RECORD),
            "PLAY", EnumSet.of(SessionState.PRE_PLAY, SessionState.PLAY),
            "RECORD", EnumSet.of(SessionState.PRE_RECORD),
            "PAUSE", EnumSet.of(SessionState.PRE_PLAY, SessionState.PLAY, SessionState.PRE_RECORD,
                    SessionState.RECORD));

    private final String id;
    private final InetAddress creator;
    private final SessionHost host;
    private final SessionRegistry registry;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SessionLinks links = new SessionLinks();
    private final SessionMedias medias = new SessionMedias();
    private final SessionCounters counters = new SessionCounters();
    private volatile SessionState state = SessionState.INITIAL;
    private volatile String path = "";
    private volatile String query = "";
    private volatile SessionDescription announced;
    private volatile Stream stream;
    private volatile SessionTransport transport;
    private volatile SessionOutput output;
    private volatile ReaderCounters readerCounters;
    private volatile Object userData;
    /** Set at the first PLAY or RECORD: what the session's JFR events say about it. */
    private volatile SessionLabel label;

    Session(String id, SessionHost host, SessionRegistry registry, InetAddress creator) {
        this.id = id;
        this.host = host;
        this.registry = registry;
        this.creator = creator;
    }

    // ---- state machine

    /** Refuses a method that the current state does not allow: 400, and the connection closes. */
    void require(String method) {
        SessionState st = state;
        Set<SessionState> allowed = ALLOWED.get(method);
        if (!allowed.contains(st)) {
            StringBuilder names = new StringBuilder();
            for (SessionState a : allowed) {
                names.append(names.length() == 0 ? "" : " ").append(a);
            }
            throw RtspStatusException.badRequest("must be in state [" + names + "], while is in state " + st);
        }
    }

    /** ANNOUNCE accepted: {@code initial} → {@code preRecord}, with the publisher's path and description. */
    void announced(String announcedPath, String announcedQuery, SessionDescription description) {
        pathAndQuery(announcedPath, announcedQuery);
        this.announced = description;
        state = SessionState.PRE_RECORD;
    }

    /** A reader's first SETUP: it joins {@code stream}, whose packets it will receive once playing. */
    void joinStream(Stream s) {
        this.stream = s;
        this.readerCounters = new ReaderCounters();
    }

    /**
     * A media is set up. A reader goes to {@code prePlay} at the path it asked for; a publisher stays in
     * {@code preRecord}.
     */
    void setUp(SetupMedia media, SessionTransport chosen, String readerPath, String readerQuery) {
        medias.add(media);
        this.transport = chosen;
        if (announced == null) {
            pathAndQuery(readerPath, readerQuery);
            state = SessionState.PRE_PLAY;
        }
    }

    /**
     * Opens the output PLAY or RECORD delivers through, before the application is asked, so that what it
     * writes to the session meanwhile is sent (after the response). One sink per media index.
     */
    SessionOutput openOutput(Connection conn, int mediaCount, int capacity) {
        SessionOutput o = new SessionOutput(this::closeAsync, capacity, conn.loop(), medias.sinks(mediaCount),
                isTcp() ? conn : null);
        this.output = o;
        return o;
    }

    /** The application refused PLAY or RECORD, or the session paused or ended: the output goes. */
    void closeOutput() {
        SessionOutput o = output;
        output = null;
        if (o != null) {
            o.close();
        }
    }

    /**
     * PLAY accepted: {@code prePlay} → {@code play}. The reader becomes active in its stream at once and
     * takes the RTP-Info positions of {@code mediaIndexes} in the same step; its output holds what
     * arrives until the response is written and {@link PlayStarted#afterResponse} starts it.
     */
    PlayStarted play(Connection conn, int[] mediaIndexes) {
        state = SessionState.PLAY;
        started(conn, SessionLabel.READER);
        RtpInfoPosition[] at = stream.activate(this, mediaIndexes, host.config().clock().instant());
        return new PlayStarted(startMedia(conn, host.config().idleTimeout().toNanos()), at);
    }

    /** RECORD accepted: {@code preRecord} → {@code record}; returns what starts the media after the response. */
    Runnable record(Connection conn) {
        state = SessionState.RECORD;
        started(conn, SessionLabel.PUBLISHER);
        links.packetReceived();
        // UDP publishers (FFmpeg) send no keepalives on the RTSP connection: no read deadline then.
        return startMedia(conn, isTcp() ? host.config().readTimeout().toNanos() : 0);
    }

    /** The first PLAY or RECORD (not a PLAY after PAUSE) labels the session and says so to JFR. */
    private void started(Connection conn, String role) {
        if (label == null) {
            SessionLabel l = SessionEvents.label(path, role, transport, conn.remoteAddress());
            label = l;
            SessionEvents.started(id, l);
        }
    }

    /** What the session's JFR events say about it, or null before its first PLAY or RECORD. */
    SessionLabel label() {
        return label;
    }

    /**
     * What starts the media once the PLAY or RECORD response is written: a TCP session's connection
     * carries interleaved frames from then on, with {@code readDeadline}; the transports accept the
     * client's packets; the output sends.
     */
    private Runnable startMedia(Connection conn, long readDeadline) {
        boolean tcp = isTcp();
        if (tcp) {
            links.mediaConnection(conn);
        }
        SessionOutput o = output;
        return () -> {
            conn.setMode(tcp, readDeadline);
            medias.startBindings();
            if (o != null) {
                o.start();
            }
        };
    }

    /**
     * PAUSE accepted while playing or recording: {@code play} → {@code prePlay}, {@code record} →
     * {@code preRecord}; the media stops.
     *
     * @return what puts the connection back in request mode once the response is written
     */
    Runnable pause(Connection conn) {
        SessionState st = state;
        Stream s = stream;
        if (s != null) {
            s.setInactive(this);
        }
        closeOutput();
        medias.stopBindings();
        state = st == SessionState.PLAY ? SessionState.PRE_PLAY : SessionState.PRE_RECORD;
        long idle = host.config().idleTimeout().toNanos();
        return () -> conn.setMode(false, idle);
    }

    /** Playing or recording. */
    boolean isStreaming() {
        SessionState st = state;
        return st == SessionState.PLAY || st == SessionState.RECORD;
    }

    // ---- ServerSession

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetAddress creatorAddress() {
        return creator;
    }

    @Override
    public SessionState state() {
        return state;
    }

    @Override
    public Optional<ServerStream> stream() {
        return Optional.ofNullable(stream);
    }

    Stream readerStream() {
        return stream;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return query;
    }

    private void pathAndQuery(String p, String q) {
        this.path = p;
        this.query = q == null ? "" : q;
    }

    @Override
    public Optional<SessionDescription> announcedDescription() {
        return Optional.ofNullable(announced);
    }

    SessionDescription announced() {
        return announced;
    }

    @Override
    public List<Media> setupMedias() {
        return medias.medias();
    }

    /** The medias set up, in SETUP order, with their bindings. */
    SessionMedias medias() {
        return medias;
    }

    /** What the session counts itself (a reader's RTCP, the loss it reports, the application's RTCP). */
    SessionCounters counters() {
        return counters;
    }

    @Override
    public SessionTransport transport() {
        return transport;
    }

    /** Whether the session's media is SRTP (profile SAVP). */
    @Override
    public boolean secure() {
        SessionTransport t = transport;
        return t != null && t.profile() == TransportProfile.SAVP;
    }

    boolean isMulticast() {
        SessionTransport t = transport;
        return t != null && t.protocol() == TransportProtocol.UDP_MULTICAST;
    }

    public boolean isTcp() {
        SessionTransport t = transport;
        return t != null && t.protocol() == TransportProtocol.TCP;
    }

    @Override
    public SessionStats stats() {
        Stream s = stream;
        return counters.stats(medias, s == null ? ReaderTotals.NONE : s.totals(this));
    }

    /** A reader's RTCP decoded: it counts, and keeps the session alive. */
    @Override
    public void rtcpAccepted() {
        counters.readerRtcpAccepted();
        links.packetReceived();
    }

    @Override
    public void setUserData(Object data) {
        this.userData = data;
    }

    @Override
    public Object userData() {
        return userData;
    }

    @Override
    public void onPacketRtp(Media media, Format format, Consumer<RtpPacket> callback) {
        medias.inbound(media).onPacketRtp(format.payloadType(), callback);
    }

    @Override
    public void onPacketRtpAny(BiConsumer<Media, RtpPacket> callback) {
        medias.rtpAnyCallbacks().add(callback);
    }

    @Override
    public void onPacketRtcp(Media media, Consumer<RtcpPacket> callback) {
        medias.inbound(media).onPacketRtcp(callback);
    }

    @Override
    public void onPacketRtcpAny(BiConsumer<Media, RtcpPacket> callback) {
        medias.rtcpAnyCallbacks().add(callback);
    }

    @Override
    public void writePacketRtcp(Media media, RtcpPacket packet) {
        SessionOutput out = output;
        if (out == null) {
            throw new IllegalStateException("the session is not playing or recording");
        }
        int index = medias.outputIndex(media);
        byte[] data = packet.marshal();
        if (out.offer(new OutboundPacket(index, true, data, data.length))) {
            counters.outboundRtcp(data.length);
        }
    }

    @Override
    public Optional<Instant> packetNtp(Media media, RtpPacket packet) {
        return medias.inbound(media).packetNtp(packet);
    }

    // ---- connections and liveness

    /** The connections linked to the session, and when its client was last heard of. */
    SessionLinks links() {
        return links;
    }

    // ---- the stream's view (per packet)

    @Override
    public SessionOutput output() {
        return output;
    }

    @Override
    public ReaderCounters readerCounters() {
        return readerCounters;
    }

    // ---- closing

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        closeAsync(null);
    }

    /** Closes from any thread; the work runs on a worker because it calls the application. */
    @Override
    public void closeAsync(Throwable error) {
        if (closed.get()) {
            return;
        }
        try {
            host.workers().execute(() -> closeNow(error));
        } catch (RejectedExecutionException e) {
            // The server has closed, and its workers with it: end the session here.
            closeNow(error);
        }
    }

    /** Ends the session: stops its media, closes its connections, then tells the application. */
    public void closeNow(Throwable error) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Stream s = stream;
        if (s != null) {
            s.removeReader(this);
        }
        closeOutput();
        medias.closeBindings();
        registry.remove(this);
        for (Connection c : links.connections()) {
            c.bind(null);
            c.closeAsync(error);
        }
        SessionLabel l = label;
        if (l != null) {
            SessionEvents.ended(id, l, this, error);
        }
        host.handler().onSessionClose(this, error);
    }

    @Override
    public String toString() {
        return "session " + id;
    }
}
