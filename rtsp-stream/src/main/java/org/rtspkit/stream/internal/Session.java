package org.rtspkit.stream.internal;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SessionState;
import org.rtspkit.api.SessionStats;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.spi.TransportSpec;

/**
 * An RTSP session: its state machine, the medias it set up, and, once playing or recording, its
 * {@link SessionOutput}. Request handling synchronises on the session; packet paths do not.
 */
final class Session implements ServerSession, Stream.Recipient {
    private static final System.Logger LOG = System.getLogger(Session.class.getName());

    private final String id;
    private final InetAddress creator;
    private final Server server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final List<SetupMedia> setupMedias = new ArrayList<>();
    private final List<BiConsumer<Media, RtpPacket>> rtpAnyCallbacks = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Media, RtcpPacket>> rtcpAnyCallbacks = new CopyOnWriteArrayList<>();
    private volatile SessionState state = SessionState.INITIAL;
    private volatile String path = "";
    private volatile String query = "";
    private volatile SessionDescription announced;
    private volatile Stream stream;
    private volatile SessionTransport transport;
    private volatile SessionOutput output;
    private volatile Stream.ReaderCounters readerCounters;
    private volatile Object userData;
    private volatile long lastRequestNanos = System.nanoTime();
    /** Last RTCP from a UDP reader, or last media packet from a UDP publisher. */
    private volatile long lastPacketNanos = System.nanoTime();
    /** The connection a TCP session's media travels on. */
    private volatile Connection mediaConnection;

    Session(String id, Server server, InetAddress creator) {
        this.id = id;
        this.server = server;
        this.creator = creator;
    }

    /** The IP that created the session: only it may use the session (from any of its connections). */
    InetAddress creatorAddress() {
        return creator;
    }

    // ---- ServerSession

    @Override
    public String id() {
        return id;
    }

    @Override
    public SessionState state() {
        return state;
    }

    void state(SessionState next) {
        this.state = next;
    }

    @Override
    public Optional<ServerStream> stream() {
        return Optional.ofNullable(stream);
    }

    Stream readerStream() {
        return stream;
    }

    void readerStream(Stream s) {
        this.stream = s;
        this.readerCounters = new Stream.ReaderCounters();
    }

    @Override
    public Stream.ReaderCounters readerCounters() {
        return readerCounters;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return query;
    }

    void pathAndQuery(String p, String q) {
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

    void announced(SessionDescription d) {
        this.announced = d;
    }

    @Override
    public synchronized List<Media> setupMedias() {
        return setupMedias.stream().map(SetupMedia::media).toList();
    }

    synchronized List<SetupMedia> setups() {
        return List.copyOf(setupMedias);
    }

    synchronized void addSetup(SetupMedia m) {
        setupMedias.add(m);
    }

    @Override
    public SessionTransport transport() {
        return transport;
    }

    void transport(SessionTransport t) {
        this.transport = t;
    }

    /** Whether the session's media is SRTP (profile SAVP). */
    @Override
    public boolean secure() {
        SessionTransport t = transport;
        return t != null && t.profile() == org.rtspkit.api.TransportProfile.SAVP;
    }

    boolean isMulticast() {
        SessionTransport t = transport;
        return t != null && t.protocol() == TransportProtocol.UDP_MULTICAST;
    }

    boolean isTcp() {
        SessionTransport t = transport;
        return t != null && t.protocol() == TransportProtocol.TCP;
    }

    @Override
    public SessionStats stats() {
        long inBytes = 0;
        long inRtp = 0;
        long inLost = 0;
        long inRtpErr = 0;
        long inRtcp = 0;
        long inRtcpErr = 0;
        for (SetupMedia m : setups()) {
            if (m.inbound() != null) {
                PublisherMedia.Counters c = m.inbound().counters();
                inBytes += c.bytes;
                inRtp += c.rtpPackets;
                inLost += c.rtpLost;
                inRtpErr += c.rtpInError;
                inRtcp += c.rtcpPackets;
                inRtcpErr += c.rtcpInError;
            }
        }
        Stream.ReaderCounters rc = readerCounters;
        long outRtp = 0;
        long outBytes = 0;
        long dropped = 0;
        if (rc != null) {
            outRtp = rc.packets();
            outBytes = rc.octets();
            dropped = rc.dropped;
        }
        inRtcp += readerRtcpPackets;
        inRtcpErr += readerRtcpInError;
        return new SessionStats(inBytes, inRtp, inLost, inRtpErr, inRtcp, inRtcpErr, outBytes, outRtp, dropped,
                reportedLost, outboundRtcp);
    }

    private volatile long reportedLost;
    private volatile long outboundRtcp;
    /** RTCP from a reader: written by the one thread that receives the session's packets. */
    private volatile long readerRtcpPackets;
    private volatile long readerRtcpInError;

    /** A reader's RTCP decoded: it counts, and keeps the session alive. */
    void rtcpAccepted() {
        readerRtcpPackets++;
        touchPacket();
    }

    /** A reader's RTCP was undecodable or failed authentication: counted, and ignored. */
    void rtcpRejected() {
        readerRtcpInError++;
    }

    void reportedLost(long lost) {
        this.reportedLost = lost;
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
        PublisherMedia pm = publisherMedia(media);
        pm.onPacketRtp(format.payloadType(), callback);
    }

    @Override
    public void onPacketRtpAny(BiConsumer<Media, RtpPacket> callback) {
        rtpAnyCallbacks.add(callback);
    }

    @Override
    public void onPacketRtcp(Media media, Consumer<RtcpPacket> callback) {
        publisherMedia(media).onPacketRtcp(callback);
    }

    @Override
    public void onPacketRtcpAny(BiConsumer<Media, RtcpPacket> callback) {
        rtcpAnyCallbacks.add(callback);
    }

    List<BiConsumer<Media, RtpPacket>> rtpAnyCallbacks() {
        return rtpAnyCallbacks;
    }

    List<BiConsumer<Media, RtcpPacket>> rtcpAnyCallbacks() {
        return rtcpAnyCallbacks;
    }

    private PublisherMedia publisherMedia(Media media) {
        for (SetupMedia m : setups()) {
            if (m.media() == media && m.inbound() != null) {
                return m.inbound();
            }
        }
        for (SetupMedia m : setups()) {
            if (m.media().equals(media) && m.inbound() != null) {
                return m.inbound();
            }
        }
        throw new IllegalArgumentException("the media has not been set up by this session");
    }

    @Override
    public void writePacketRtcp(Media media, RtcpPacket packet) {
        SessionOutput out = output;
        if (out == null) {
            throw new IllegalStateException("the session is not playing or recording");
        }
        int index = -1;
        List<SetupMedia> s = setups();
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i).media() == media || s.get(i).media().equals(media)) {
                index = s.get(i).outputIndex();
                break;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("the media has not been set up by this session");
        }
        byte[] data = packet.marshal();
        if (out.offer(new OutboundPacket(index, true, data, data.length))) {
            outboundRtcp++;
        }
    }

    @Override
    public Optional<Instant> packetNtp(Media media, RtpPacket packet) {
        return publisherMedia(media).packetNtp(packet);
    }

    // ---- connections and liveness

    synchronized void attach(Connection c) {
        connections.add(c);
    }

    synchronized void detach(Connection c) {
        connections.remove(c);
    }

    synchronized Set<Connection> connections() {
        return Set.copyOf(connections);
    }

    void touchRequest() {
        lastRequestNanos = System.nanoTime();
    }

    void touchPacket() {
        lastPacketNanos = System.nanoTime();
    }

    long lastRequestNanos() {
        return lastRequestNanos;
    }

    long lastPacketNanos() {
        return lastPacketNanos;
    }

    Connection mediaConnection() {
        return mediaConnection;
    }

    void mediaConnection(Connection c) {
        this.mediaConnection = c;
    }

    // ---- output

    @Override
    public SessionOutput output() {
        return output;
    }

    /** Creates the output for PLAY/RECORD: one sink per media index the output uses. */
    SessionOutput openOutput(int capacity, PacketSink[] sinks, IoLoop loop, Connection carrier) {
        SessionOutput o = new SessionOutput(this::closeAsync, capacity, loop, sinks, carrier);
        this.output = o;
        return o;
    }

    void closeOutput() {
        SessionOutput o = output;
        output = null;
        if (o != null) {
            o.close();
        }
    }

    // ---- closing

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        closeAsync(null);
    }

    /** Closes from any thread; the work runs on a worker because it calls the application. */
    void closeAsync(Throwable error) {
        if (closed.get()) {
            return;
        }
        server.workers().execute(() -> closeNow(error));
    }

    /** Ends the session: stops its media, closes its connections, then tells the application. */
    void closeNow(Throwable error) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Stream s = stream;
        if (s != null) {
            s.removeReader(this);
        }
        closeOutput();
        for (SetupMedia m : setups()) {
            try {
                m.binding().close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing a media binding", e);
            }
        }
        server.sessionClosed(this);
        for (Connection c : connections()) {
            c.bind(null);
            c.closeAsync(error);
        }
        server.handler().onSessionClose(this, error);
    }

    @Override
    public String toString() {
        return "session " + id;
    }

    /**
     * One media set up by this session.
     *
     * @param media       the stream's media (reader) or the announced media (publisher)
     * @param outputIndex the index the output and stream use for it
     * @param binding     the transport's binding
     * @param inbound     the publisher's receiver, null for a reader
     * @param reply       the transport fields the binding chose
     */
    record SetupMedia(Media media, int outputIndex, MediaBinding binding, PublisherMedia inbound, TransportSpec reply) {
    }
}
