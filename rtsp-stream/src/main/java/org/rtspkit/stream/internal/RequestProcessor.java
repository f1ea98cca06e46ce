package org.rtspkit.stream.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.rtspkit.api.AnnounceContext;
import org.rtspkit.api.Format;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.Media;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspHeaders;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspStatus;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SessionState;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamClosedException;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.protocol.rtsp.Authenticator;
import org.rtspkit.protocol.rtsp.KeyMgmt;
import org.rtspkit.protocol.rtsp.RtpInfo;
import org.rtspkit.protocol.rtsp.RtspUrl;
import org.rtspkit.protocol.rtsp.SessionHeader;
import org.rtspkit.protocol.rtsp.TransportHeader;
import org.rtspkit.protocol.sdp.SdpReader;
import org.rtspkit.spi.BindRequest;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.MediaTransport;
import org.rtspkit.spi.MikeyMessage;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.TransportSpec;
import org.rtspkit.stream.internal.rtp.RtpInfoPosition;

/**
 * RTSP/1.0 method handling: dispatch, session look-up and the state rules of each method. Runs on a
 * worker, one request of a connection at a time; a session's requests are serialised on the session.
 */
final class RequestProcessor {
    private static final System.Logger LOG = System.getLogger(RequestProcessor.class.getName());
    private static final String SERVER_NAME = "rtspkit";
    private static final String BACKCHANNEL_REQUIRE = "www.onvif.org/ver20/backchannel";

    private final Server server;
    private final ServerHandler handler;
    private final HandlerMethods implemented;
    private final String publicMethods;

    RequestProcessor(Server server) {
        this.server = server;
        this.handler = server.handler();
        this.implemented = HandlerMethods.of(handler);
        this.publicMethods = implemented.publicHeader();
    }

    /** Handles one request and hands the response to the connection. */
    void process(Connection conn, RtspRequest request) {
        Outcome outcome;
        try {
            handler.onRequest(conn, request);
            outcome = handle(conn, request);
        } catch (RtspStatusException.AuthenticationException e) {
            outcome = authenticationFailed(conn, request, e);
        } catch (RtspStatusException e) {
            RtspResponse res = RtspResponse.of(e.status());
            if (e.status() == RtspStatus.SERVICE_UNAVAILABLE) {
                // Operators and clients should see which limit was hit, not just that one was.
                res = res.withBody("text/plain", e.getMessage());
            }
            outcome = new Outcome(res, null, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request " + request.method() + " " + request.uri() + " failed", e);
            outcome = new Outcome(RtspResponse.of(RtspStatus.INTERNAL_SERVER_ERROR), null, e);
        }
        RtspResponse res = outcome.response();
        List<String> cseq = request.headers().all("CSeq");
        RtspHeaders.Builder headers = res.headers().toBuilder();
        if (cseq.size() == 1) {
            headers.set("CSeq", cseq.get(0));
        }
        headers.set("Server", SERVER_NAME);
        res = res.withHeaders(headers.build());
        try {
            handler.onResponse(conn, res);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "onResponse failed", e);
        }
        conn.respond(res, outcome.afterWrite(), outcome.closeError());
    }

    private Outcome authenticationFailed(Connection conn, RtspRequest request, RtspStatusException e) {
        RtspResponse res = RtspResponse.of(RtspStatus.UNAUTHORIZED);
        if (Authenticator.hasCredentials(request)) {
            return new Outcome(res, null, e);
        }
        // No credentials yet: ask for them and keep the connection, as every client expects.
        RtspHeaders.Builder h = res.headers().toBuilder();
        for (String challenge : conn.authenticator().challenges(server.config().authMethods())) {
            h.add("WWW-Authenticate", challenge);
        }
        return Outcome.of(res.withHeaders(h.build()));
    }

    private Outcome handle(Connection conn, RtspRequest req) {
        if (conn.refusal() != null) {
            throw new RtspStatusException(RtspStatus.SERVICE_UNAVAILABLE, conn.refusal());
        }
        if (req.headers().all("CSeq").size() != 1) {
            throw RtspStatusException.badRequest("CSeq is missing");
        }
        String method = req.method();
        RtspUrl url = method.equals("OPTIONS") && req.uri().equals("*") ? null : requestUrl(req);
        List<String> sessionValues = req.headers().all("Session");
        String sessionId = null;
        if (sessionValues.size() == 1) {
            try {
                sessionId = SessionHeader.parse(sessionValues.get(0)).id();
            } catch (MalformedDataException e) {
                throw RtspStatusException.badRequest(e.getMessage());
            }
        } else if (sessionValues.size() > 1) {
            throw RtspStatusException.badRequest("invalid Session header: more than one value");
        }

        switch (method) {
            case "OPTIONS":
                if (sessionId != null) {
                    Session s = findSession(conn, sessionId, false);
                    synchronized (s) {
                        s.touchRequest();
                        return withSession(s, Outcome.of(optionsResponse()));
                    }
                }
                return Outcome.of(optionsResponse());
            case "DESCRIBE":
                return describe(conn, req, url);
            case "ANNOUNCE":
                if (!implemented.announce()) {
                    return notImplemented();
                }
                return inSession(conn, sessionId, true, s -> announce(conn, s, req, url));
            case "SETUP":
                if (!implemented.setup()) {
                    return notImplemented();
                }
                return inSession(conn, sessionId, true, s -> setup(conn, s, req, url));
            case "PLAY":
                return sessionId == null || !implemented.play() ? notImplemented()
                        : inSession(conn, sessionId, false, s -> play(conn, s, req, url));
            case "RECORD":
                return sessionId == null || !implemented.record() ? notImplemented()
                        : inSession(conn, sessionId, false, s -> record(conn, s, req, url));
            case "PAUSE":
                return sessionId == null || !implemented.pause() ? notImplemented()
                        : inSession(conn, sessionId, false, s -> pause(conn, s, req, url));
            case "TEARDOWN":
                return sessionId == null ? notImplemented() : inSession(conn, sessionId, false, s -> teardown(conn, s));
            case "GET_PARAMETER":
                if (sessionId == null) {
                    return implemented.getParameter()
                            ? Outcome.of(handler.onGetParameter(context(conn, null, req, url)))
                            : notImplemented();
                }
                return inSession(conn, sessionId, false, s -> {
                    s.touchRequest();
                    if (implemented.getParameter()) {
                        return withSession(s, Outcome.of(handler.onGetParameter(context(conn, s, req, url))));
                    }
                    return withSession(s, Outcome.of(RtspResponse.ok().withBody("text/parameters", new byte[0])));
                });
            case "SET_PARAMETER":
                if (!implemented.setParameter()) {
                    return notImplemented();
                }
                if (sessionId == null) {
                    return Outcome.of(handler.onSetParameter(context(conn, null, req, url)));
                }
                return inSession(conn, sessionId, false, s -> {
                    s.touchRequest();
                    return withSession(s, Outcome.of(handler.onSetParameter(context(conn, s, req, url))));
                });
            default:
                return notImplemented();
        }
    }

    /** Every method but OPTIONS needs an RTSP URL. */
    private static RtspUrl requestUrl(RtspRequest req) {
        RtspUrl url;
        try {
            url = RtspUrl.parse(req.uri());
        } catch (RuntimeException e) {
            throw RtspStatusException.badRequest("invalid path");
        }
        if (url == null) {
            throw RtspStatusException.badRequest("invalid path");
        }
        return url;
    }

    private static Outcome notImplemented() {
        return Outcome.of(RtspResponse.of(RtspStatus.NOT_IMPLEMENTED));
    }

    private RtspResponse optionsResponse() {
        return RtspResponse.ok().withHeader("Public", publicMethods);
    }

    private interface SessionAction {
        Outcome run(Session s);
    }

    /** Finds (or creates) the session and runs the action holding its lock. */
    private Outcome inSession(Connection conn, String sessionId, boolean create, SessionAction action) {
        Session s = sessionId == null ? boundOrCreate(conn) : findSession(conn, sessionId, create);
        synchronized (s) {
            if (s.isClosed()) {
                throw new RtspStatusException(RtspStatus.SESSION_NOT_FOUND, "session not found");
            }
            return action.run(s);
        }
    }

    private Session boundOrCreate(Connection conn) {
        Session s = conn.boundSession();
        return s != null ? s : createSession(conn);
    }

    private Session findSession(Connection conn, String id, boolean create) {
        Session s = server.findSession(id);
        if (s == null) {
            if (create) {
                return boundOrCreate(conn);
            }
            throw new RtspStatusException(RtspStatus.SESSION_NOT_FOUND, "session not found");
        }
        if (!s.creatorAddress().equals(conn.remoteAddress().getAddress())) {
            throw RtspStatusException.badRequest("cannot use a session created with a different IP");
        }
        Session bound = conn.boundSession();
        if (bound != null && bound != s) {
            throw RtspStatusException.badRequest("connection is linked to another session");
        }
        SessionState st = s.state();
        if (s.isTcp() && (st == SessionState.PLAY || st == SessionState.RECORD) && s.mediaConnection() != conn) {
            throw RtspStatusException.badRequest("session is linked to another connection");
        }
        if (bound == null) {
            conn.bind(s);
            s.attach(conn);
        }
        return s;
    }

    private Session createSession(Connection conn) {
        if (server.sessionCount() >= server.config().maxSessions()) {
            throw new RtspStatusException(RtspStatus.SERVICE_UNAVAILABLE, "too many sessions: the limit (maxSessions) is "
                    + server.config().maxSessions());
        }
        // UUIDs without dashes: some clients choke on dashes in session ids.
        String id = UUID.randomUUID().toString().replace("-", "");
        Session s = new Session(id, server, conn.remoteAddress().getAddress());
        server.addSession(s);
        s.attach(conn);
        conn.bind(s);
        handler.onSessionOpen(s, conn);
        return s;
    }

    /** Adds {@code Session: <id>;timeout=<t>} to a successful response. */
    private Outcome withSession(Session s, Outcome o) {
        if (o.response().status() != RtspStatus.OK) {
            return o;
        }
        long timeout = Math.max(server.config().idleTimeout().toSeconds() - 5, 1);
        return o.withResponse(o.response().withHeader("Session", SessionHeader.format(s.id(), (int) timeout)));
    }

    private RequestContext context(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        RtspUrl.PathAndQuery pq = RtspUrl.pathAndQuery(url);
        return new RequestContext(conn, s, req, pq.path(), pq.query());
    }

    private static void requireState(Session s, SessionState... allowed) {
        SessionState st = s.state();
        for (SessionState a : allowed) {
            if (a == st) {
                return;
            }
        }
        StringBuilder names = new StringBuilder();
        for (SessionState a : allowed) {
            names.append(names.length() == 0 ? "" : " ").append(a);
        }
        throw RtspStatusException.badRequest("must be in state [" + names + "], while is in state " + st);
    }

    // ---- DESCRIBE

    private Outcome describe(Connection conn, RtspRequest req, RtspUrl url) {
        if (!implemented.describe()) {
            return notImplemented();
        }
        StreamResponse sr = handler.onDescribe(context(conn, conn.boundSession(), req, url));
        RtspResponse res = sr.response();
        if (res.status() != RtspStatus.OK) {
            return Outcome.of(res);
        }
        if (sr.stream() == null) {
            if (res.body().length == 0) {
                throw new RtspkitException("the DESCRIBE handler answered 200 without a stream or a body");
            }
            return Outcome.of(res);
        }
        Stream stream = (Stream) sr.stream();
        boolean backChannels = req.headers().all("Require").stream().anyMatch(v -> v.contains(BACKCHANNEL_REQUIRE));
        // VLC asks for multicast this way and then reads the connection address from the SDP.
        boolean vlcMulticast = server.multicast() != null && url.rawQuery() != null
                && url.rawQuery().contains("vlcmulticast");
        String sdp = stream.describeSdp(backChannels,
                vlcMulticast ? server.config().multicastIpRange().split("/")[0] : "0.0.0.0");
        return Outcome.of(res.withHeader("Content-Base", req.uri() + "/").withBody("application/sdp", sdp));
    }

    // ---- ANNOUNCE

    private Outcome announce(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        s.touchRequest();
        requireState(s, SessionState.INITIAL);
        List<String> ct = req.headers().all("Content-Type");
        if (ct.size() != 1) {
            throw RtspStatusException.badRequest("Content-Type header is missing");
        }
        if (!ct.get(0).trim().toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            throw RtspStatusException.badRequest("unsupported Content-Type header '" + ct + "'");
        }
        SessionDescription desc;
        try {
            desc = SdpReader.parse(new String(req.body(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (MalformedDataException e) {
            throw RtspStatusException.badRequest("invalid SDP: " + e.getMessage());
        }
        for (Media m : desc.medias()) {
            if (m.backChannel()) {
                throw RtspStatusException.badRequest("invalid SDP: back channels cannot be recorded");
            }
            for (Format f : m.formats()) {
                if (f instanceof H264Format h && h.packetizationMode() == 0) {
                    throw RtspStatusException.badRequest("H264 packetization-mode=0 is not supported by the server");
                }
            }
        }
        String path = url.path();
        String query = url.rawQuery();
        RtspResponse res = handler.onAnnounce(new AnnounceContext(conn, s, req, path, query, desc));
        if (res.status() == RtspStatus.OK) {
            s.state(SessionState.PRE_RECORD);
            s.pathAndQuery(path, query);
            s.announced(desc);
        }
        return Outcome.of(res);
    }

    // ---- SETUP

    private Outcome setup(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        s.touchRequest();
        requireState(s, SessionState.INITIAL, SessionState.PRE_PLAY, SessionState.PRE_RECORD);
        boolean publisher = s.state() == SessionState.PRE_RECORD;

        List<String> th = req.headers().all("Transport");
        List<TransportSpec> offers;
        try {
            if (th.isEmpty() || th.get(0).isBlank()) {
                throw new MalformedDataException("value not provided");
            }
            offers = TransportHeader.parseList(String.join(",", th));
        } catch (MalformedDataException e) {
            String m = e.getMessage();
            throw RtspStatusException.badRequest(m.startsWith("invalid transport header") ? m
                    : "invalid transport header: " + m);
        }
        TransportSpec offer = null;
        MediaTransport transport = null;
        for (TransportSpec o : offers) {
            MediaTransport t = server.mediaTransports().get(o.protocol());
            boolean multicast = o.protocol() == TransportProtocol.UDP_MULTICAST && server.multicast() != null;
            if ((t != null || multicast) && profileAllowed(o)) {
                offer = o;
                transport = t;
                break;
            }
        }
        if (offer == null) {
            return withSession(s, Outcome.of(RtspResponse.of(RtspStatus.UNSUPPORTED_TRANSPORT)));
        }

        String path;
        String query;
        String trackId = null;
        if (!publisher) {
            RtspUrl.SetupTarget pqt;
            try {
                pqt = RtspUrl.pathQueryAndTrackId(url);
            } catch (RuntimeException e) {
                throw RtspStatusException.badRequest(e.getMessage());
            }
            path = pqt.path();
            query = pqt.query();
            trackId = pqt.trackId();
            if (s.state() == SessionState.PRE_PLAY && !path.equals(s.path())) {
                throw RtspStatusException.badRequest("can't setup medias with different paths");
            }
        } else {
            path = s.path();
            query = s.query();
        }

        // The client's own key, for what it sends us (a reader's RTCP, a publisher's media).
        SrtpContext clientKey = offer.profile() == TransportProfile.SAVP ? clientKey(req) : null;

        SessionTransport chosen = new SessionTransport(offer.protocol(), offer.profile());
        if (s.transport() != null && !s.transport().equals(chosen)) {
            throw RtspStatusException.badRequest("can't setup medias with different transports");
        }
        if (!publisher) {
            if (offer.mode() != null && offer.mode() != TransportSpec.Mode.PLAY) {
                throw RtspStatusException.badRequest("transport header contains a invalid mode ("
                        + offer.mode().name().toLowerCase(Locale.ROOT) + ")");
            }
        } else {
            if (offer.protocol() == TransportProtocol.UDP_MULTICAST) {
                return withSession(s, Outcome.of(RtspResponse.of(RtspStatus.UNSUPPORTED_TRANSPORT)));
            }
            if (offer.mode() != TransportSpec.Mode.RECORD) {
                throw RtspStatusException.badRequest("transport header contains a invalid mode ("
                        + (offer.mode() == null ? "null" : offer.mode().name().toLowerCase(Locale.ROOT)) + ")");
            }
        }

        StreamResponse sr = handler.onSetup(new SetupContext(conn, s, req, path, query, chosen));
        RtspResponse res = sr.response();
        if (res.status() != RtspStatus.OK) {
            return withSession(s, Outcome.of(res));
        }
        if (publisher && req.headers().first("User-Agent").map(ua -> ua.startsWith("GStreamer")).orElse(false)) {
            // rtspclientsink sends RECORD too early after its last SETUP unless the server takes a moment.
            sleepQuietly(1000);
        }

        Media media;
        int index;
        Stream stream = null;
        if (!publisher) {
            if (sr.stream() == null) {
                throw new RtspkitException("the SETUP handler answered 200 to a reader without a stream");
            }
            stream = (Stream) sr.stream();
            if (s.readerStream() != null && s.readerStream() != stream) {
                throw new RtspkitException("the SETUP handler answered with a different stream than at the first SETUP");
            }
            index = trackIndex(trackId, stream.mediaCount());
            media = stream.media(index);
        } else {
            index = announcedIndex(url, s);
            media = s.announced().medias().get(index);
        }
        for (Session.SetupMedia m : s.setups()) {
            if (m.outputIndex() == index) {
                throw RtspStatusException.badRequest("media has already been setup");
            }
        }

        Set<Integer> channels = new HashSet<>();
        for (Session.SetupMedia m : s.setups()) {
            channels.addAll(m.binding().channels());
        }
        PublisherMedia inbound = publisher
                ? new PublisherMedia(s, media, offer.protocol() == TransportProtocol.TCP, server, clientKey)
                : null;
        org.rtspkit.spi.InboundPackets receiver = publisher ? inbound : new ReaderInbound(s, stream, server, clientKey);
        MediaBinding binding = offer.protocol() == TransportProtocol.UDP_MULTICAST
                ? joinMulticast(s, stream, index, offer)
                : transport.bind(new BindRequest(publisher, offer, conn.remoteAddress(), conn, channels,
                        receiver, server.config().maxPacketSize()));
        try {
            if (!publisher && s.readerStream() == null) {
                checkUdpPorts(stream, s, binding.reply());
                try {
                    stream.addReader(s);
                } catch (StreamClosedException e) {
                    throw RtspStatusException.badRequest("stream is closed");
                }
                s.readerStream(stream);
            }
        } catch (RuntimeException e) {
            binding.close();
            throw e;
        }
        s.addSetup(new Session.SetupMedia(media, index, binding, inbound, binding.reply()));
        s.transport(chosen);
        if (!publisher) {
            s.pathAndQuery(path, query);
            s.state(SessionState.PRE_PLAY);
        }
        TransportSpec reply = binding.reply().withMode(null);
        if (!publisher) {
            reply = reply.withSsrc(stream.singleSsrc(index));
        }
        res = res.withHeader("Transport", TransportHeader.format(reply));
        if (clientKey != null) {
            // Our key for what we send: the stream's shared one for a reader (also in the SDP), the
            // session's own one for a publisher's receiver reports.
            byte[] mikey = publisher ? inbound.serverMikey()
                    : java.util.Base64.getDecoder().decode(stream.mikeyBase64(index));
            // The header quotes the URL, so a quote in it is sent percent-encoded.
            res = res.withHeader("KeyMgmt", new KeyMgmt(req.uri().replace("\"", "%22"), mikey).format());
        }
        return withSession(s, Outcome.of(res));
    }

    private SrtpContext clientKey(RtspRequest req) {
        List<String> values = req.headers().all("KeyMgmt");
        try {
            if (values.isEmpty()) {
                throw new MalformedDataException("invalid KeyMgmt header: value not provided");
            }
            KeyMgmt km = KeyMgmt.parse(values.get(0));
            MikeyMessage m = server.srtp().decodeMikey(km.mikey(), server.config().clock().instant());
            return server.srtp().createContext(m.keyMaterial(), m.cryptoSessions());
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw RtspStatusException.badRequest(msg.startsWith("invalid KeyMgmt header") ? msg
                    : "invalid KeyMgmt header: " + msg);
        }
    }

    /**
     * With TLS on, media over UDP must be encrypted (SAVP): plain RTP would undo what RTSPS protects.
     * Interleaved media travels inside TLS, so plain AVP over TCP stays allowed. SAVP needs TLS, which
     * carries its keys.
     */
    private boolean profileAllowed(TransportSpec offer) {
        boolean tls = server.config().tlsContext() != null;
        if (offer.profile() == TransportProfile.AVP) {
            return !tls || offer.protocol() == TransportProtocol.TCP;
        }
        return tls && server.srtpAvailable();
    }

    /** A multicast reader's media: the stream's group for it, opened with the first multicast reader. */
    private static MediaBinding joinMulticast(Session s, Stream stream, int index, TransportSpec offer) {
        if (s.readerStream() == null) {
            try {
                stream.addReader(s);
            } catch (StreamClosedException e) {
                throw RtspStatusException.badRequest("stream is closed");
            }
            s.readerStream(stream);
        }
        try {
            return new MulticastBinding(stream.joinMulticast(s).reply(index, offer.profile()));
        } catch (java.io.IOException e) {
            throw RtspStatusException.badRequest("cannot open the multicast group: " + e.getMessage());
        } catch (StreamClosedException e) {
            throw RtspStatusException.badRequest("stream is closed");
        }
    }

    private static int trackIndex(String trackId, int mediaCount) {
        if (trackId == null || trackId.isEmpty()) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(trackId);
        } catch (NumberFormatException e) {
            throw RtspStatusException.badRequest("media not found");
        }
        if (n < 0 || n >= mediaCount) {
            throw RtspStatusException.badRequest("media not found");
        }
        return n;
    }

    private static int announcedIndex(RtspUrl requestUrl, Session s) {
        List<Media> medias = s.announced().medias();
        for (int i = 0; i < medias.size(); i++) {
            String control = medias.get(i).control();
            if (control != null && RtspUrl.matchesControl(requestUrl, s.path(), s.query(), control)) {
                return i;
            }
        }
        // A single media without a control attribute is set up with the announce URL itself.
        if (medias.size() == 1 && medias.get(0).control() == null) {
            return 0;
        }
        throw RtspStatusException.badRequest("media not found");
    }

    private static void checkUdpPorts(Stream stream, Session s, TransportSpec reply) {
        if (reply.clientPort() == null) {
            return;
        }
        for (Session other : stream.readers()) {
            if (other == s || other.transport() == null || other.transport().protocol() != TransportProtocol.UDP
                    || !other.creatorAddress().equals(s.creatorAddress())) {
                continue;
            }
            for (Session.SetupMedia m : other.setups()) {
                if (m.reply().clientPort() != null && m.reply().clientPort().first() == reply.clientPort().first()) {
                    throw RtspStatusException.badRequest("UDP ports " + reply.clientPort().first() + " and "
                            + reply.clientPort().second() + " are already assigned to another reader with the same IP");
                }
            }
        }
    }

    // ---- PLAY

    private Outcome play(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        s.touchRequest();
        requireState(s, SessionState.PRE_PLAY, SessionState.PLAY);
        RtspUrl.PathAndQuery pq = RtspUrl.pathAndQuery(url);
        if (s.state() == SessionState.PRE_PLAY && !pq.path().equals(s.path())) {
            throw RtspStatusException.badRequest("path has changed, was '" + s.path() + "', now is '" + pq.path() + "'");
        }
        if (s.state() == SessionState.PLAY) {
            // PLAY while playing: the application answers, nothing else changes.
            RtspResponse res = handler.onPlay(new RequestContext(conn, s, req, pq.path(), pq.query()));
            return withSession(s, Outcome.of(res));
        }
        Stream stream = s.readerStream();
        List<Session.SetupMedia> setups = s.setups();
        boolean tcp = s.isTcp();
        // The queue exists before the handler runs, so that what the application writes to the
        // session there is delivered, after the response.
        // A multicast reader is sent nothing of its own: the stream's groups carry its packets.
        SessionOutput output = s.isMulticast() ? null
                : openOutput(s, conn, stream.mediaCount(), server.config().writeQueueSize());
        RtspResponse res = handler.onPlay(new RequestContext(conn, s, req, pq.path(), pq.query()));
        if (res.status() != RtspStatus.OK) {
            s.closeOutput();
            return withSession(s, Outcome.of(res));
        }
        s.state(SessionState.PLAY);
        if (tcp) {
            s.mediaConnection(conn);
        }
        res = res.withHeader("RTP-Info", rtpInfo(url, s, stream, setups));
        long idle = server.config().idleTimeout().toNanos();
        Runnable afterWrite = () -> {
            if (tcp) {
                conn.setMode(true, idle);
            }
            setups.forEach(m -> m.binding().start());
            stream.setActive(s);
            if (output != null) {
                output.start();
            }
        };
        return withSession(s, new Outcome(res, afterWrite, null));
    }

    /** The session's queue towards its client: one sink per media index, drained by the connection's loop. */
    private static SessionOutput openOutput(Session s, Connection conn, int mediaCount, int capacity) {
        PacketSink[] sinks = new PacketSink[mediaCount];
        for (Session.SetupMedia m : s.setups()) {
            sinks[m.outputIndex()] = m.binding().sink();
        }
        return s.openOutput(capacity, sinks, conn.loop(), s.isTcp() ? conn : null);
    }

    private String rtpInfo(RtspUrl url, Session s, Stream stream, List<Session.SetupMedia> setups) {
        Instant now = server.config().clock().instant();
        List<RtpInfo.Entry> entries = new ArrayList<>();
        for (Session.SetupMedia m : setups) {
            String u = url.scheme() + "://" + url.hostAndPort() + s.path() + "/trackID=" + m.outputIndex();
            RtpInfoPosition at = stream.rtpInfo(m.outputIndex(), now);
            entries.add(at == null ? new RtpInfo.Entry(u, null, null)
                    : new RtpInfo.Entry(u, at.sequenceNumber(), at.rtpTime()));
        }
        return RtpInfo.format(entries);
    }

    // ---- RECORD

    private Outcome record(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        s.touchRequest();
        requireState(s, SessionState.PRE_RECORD);
        List<Session.SetupMedia> setups = s.setups();
        if (setups.size() != s.announced().medias().size()) {
            throw RtspStatusException.badRequest("not all announced medias have been setup");
        }
        RtspUrl.PathAndQuery pq = RtspUrl.pathAndQuery(url);
        if (!pq.path().equals(s.path())) {
            throw RtspStatusException.badRequest("path has changed, was '" + s.path() + "', now is '" + pq.path() + "'");
        }
        boolean tcp = s.isTcp();
        // A publisher's output only carries receiver reports and application RTCP.
        SessionOutput output = openOutput(s, conn, s.announced().medias().size(), 8);
        RtspResponse res = handler.onRecord(new RequestContext(conn, s, req, pq.path(), pq.query()));
        if (res.status() != RtspStatus.OK) {
            s.closeOutput();
            return withSession(s, Outcome.of(res));
        }
        s.state(SessionState.RECORD);
        s.touchPacket();
        if (tcp) {
            s.mediaConnection(conn);
        }
        long readTimeout = server.config().readTimeout().toNanos();
        Runnable afterWrite = () -> {
            // UDP publishers (FFmpeg) send no keepalives on the RTSP connection: no read deadline then.
            conn.setMode(tcp, tcp ? readTimeout : 0);
            setups.forEach(m -> m.binding().start());
            output.start();
        };
        return withSession(s, new Outcome(res, afterWrite, null));
    }

    /** Sends each format's receiver report to a UDP publisher. */
    void sendReceiverReports(Session s) {
        SessionOutput out = s.output();
        if (out == null) {
            return;
        }
        Instant now = server.config().clock().instant();
        for (Session.SetupMedia m : s.setups()) {
            if (m.inbound() != null) {
                for (byte[] rr : m.inbound().receiverReports(now)) {
                    out.offer(new OutboundPacket(m.outputIndex(), true, rr, rr.length));
                }
            }
        }
    }

    // ---- PAUSE and TEARDOWN

    private Outcome pause(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        s.touchRequest();
        requireState(s, SessionState.PRE_PLAY, SessionState.PLAY, SessionState.PRE_RECORD, SessionState.RECORD);
        RtspUrl.PathAndQuery pq = RtspUrl.pathAndQuery(url);
        RtspResponse res = handler.onPause(new RequestContext(conn, s, req, pq.path(), pq.query()));
        SessionState st = s.state();
        if (res.status() != RtspStatus.OK || (st != SessionState.PLAY && st != SessionState.RECORD)) {
            return withSession(s, Outcome.of(res));
        }
        if (s.readerStream() != null) {
            s.readerStream().setInactive(s);
        }
        s.closeOutput();
        s.setups().forEach(m -> m.binding().stop());
        s.state(st == SessionState.PLAY ? SessionState.PRE_PLAY : SessionState.PRE_RECORD);
        long idle = server.config().idleTimeout().toNanos();
        return withSession(s, new Outcome(res, () -> conn.setMode(false, idle), null));
    }

    private Outcome teardown(Connection conn, Session s) {
        // The requesting connection stays open and usable; the session and its other connections end.
        conn.bind(null);
        s.detach(conn);
        InetSocketAddress by = conn.remoteAddress();
        s.closeAsync(new RtspkitException("torn down by " + by.getAddress().getHostAddress() + ":" + by.getPort()));
        return Outcome.of(RtspResponse.ok());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Which optional handler methods the application overrides, decided once by reflection. */
    record HandlerMethods(boolean describe, boolean announce, boolean setup, boolean play, boolean record,
                          boolean pause, boolean getParameter, boolean setParameter) {
        static HandlerMethods of(ServerHandler h) {
            return new HandlerMethods(
                    overrides(h, "onDescribe", RequestContext.class),
                    overrides(h, "onAnnounce", AnnounceContext.class),
                    overrides(h, "onSetup", SetupContext.class),
                    overrides(h, "onPlay", RequestContext.class),
                    overrides(h, "onRecord", RequestContext.class),
                    overrides(h, "onPause", RequestContext.class),
                    overrides(h, "onGetParameter", RequestContext.class),
                    overrides(h, "onSetParameter", RequestContext.class));
        }

        private static boolean overrides(ServerHandler h, String name, Class<?> param) {
            try {
                return h.getClass().getMethod(name, param).getDeclaringClass() != ServerHandler.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }

        /** OPTIONS' {@code Public} value, in the order clients were tuned against. */
        String publicHeader() {
            List<String> m = new ArrayList<>();
            if (describe) {
                m.add("DESCRIBE");
            }
            if (announce) {
                m.add("ANNOUNCE");
            }
            if (setup) {
                m.add("SETUP");
            }
            if (play) {
                m.add("PLAY");
            }
            if (record) {
                m.add("RECORD");
            }
            if (pause) {
                m.add("PAUSE");
            }
            m.add("GET_PARAMETER");
            if (setParameter) {
                m.add("SET_PARAMETER");
            }
            m.add("TEARDOWN");
            return String.join(", ", m);
        }
    }
}
