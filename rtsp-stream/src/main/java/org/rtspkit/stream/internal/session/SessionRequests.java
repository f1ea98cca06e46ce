package org.rtspkit.stream.internal.session;

import com.google.common.net.HostAndPort;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rtspkit.api.AnnounceContext;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.Media;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspStatus;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SessionState;
import org.rtspkit.protocol.rtsp.RtpInfo;
import org.rtspkit.protocol.rtsp.RtspUrl;
import org.rtspkit.protocol.rtsp.SessionHeader;
import org.rtspkit.protocol.sdp.SdpReader;
import org.rtspkit.stream.internal.net.Connection;
import org.rtspkit.stream.internal.net.OutboundPacket;
import org.rtspkit.stream.internal.net.Outcome;
import org.rtspkit.stream.internal.net.SessionOutput;
import org.rtspkit.stream.internal.rtp.RtpInfoPosition;
import org.rtspkit.stream.internal.stream.ServableFormats;
import org.rtspkit.stream.internal.stream.Stream;

/**
 * The requests that act on a session: ANNOUNCE, SETUP (through {@link SetupNegotiation}), PLAY, RECORD,
 * PAUSE and TEARDOWN, and OPTIONS, GET_PARAMETER and SET_PARAMETER that carry a {@code Session} header.
 * Each runs holding the session's monitor, so a session's requests happen one at a time whatever the
 * connections they come from; the state changes themselves are the {@link Session}'s.
 */
public final class SessionRequests {
    private final SessionHost host;
    private final ServerHandler handler;
    private final SessionRegistry registry;
    private final SetupNegotiation setup;
    private final HandlerMethods implemented;

    public SessionRequests(SessionHost host, SessionRegistry registry, HandlerMethods implemented) {
        this.host = host;
        this.handler = host.handler();
        this.implemented = implemented;
        this.registry = registry;
        this.setup = new SetupNegotiation(host);
    }

    /**
     * Handles a request for a session.
     *
     * @param sessionId the {@code Session} header's id; null for ANNOUNCE and SETUP without one (they use
     *                  the connection's session or create one)
     * @param options   the OPTIONS response, when the method is OPTIONS
     */
    public Outcome handle(Connection conn, String sessionId, RtspRequest req, RtspUrl url, RtspResponse options) {
        String method = req.method();
        boolean create = method.equals("ANNOUNCE") || method.equals("SETUP");
        Session s = registry.find(conn, sessionId, create);
        synchronized (s) {
            if (s.isClosed()) {
                throw new RtspStatusException(RtspStatus.SESSION_NOT_FOUND, "session not found");
            }
            s.links().requestReceived();
            return switch (method) {
                case "OPTIONS" -> withSession(s, Outcome.of(options));
                case "ANNOUNCE" -> announce(conn, s, req, url);
                case "SETUP" -> withSession(s, setup.setup(conn, s, req, url));
                case "PLAY" -> play(conn, s, req, url);
                case "RECORD" -> record(conn, s, req, url);
                case "PAUSE" -> pause(conn, s, req, url);
                case "TEARDOWN" -> teardown(conn, s);
                case "GET_PARAMETER" -> withSession(s, Outcome.of(getParameter(conn, s, req, url)));
                case "SET_PARAMETER" -> withSession(s, Outcome.of(handler.onSetParameter(context(conn, s, req, url))));
                default -> throw new IllegalArgumentException("not a session method: " + method);
            };
        }
    }

    /** Adds {@code Session: <id>;timeout=<t>} to a successful response. */
    private Outcome withSession(Session s, Outcome o) {
        if (o.response().status() != RtspStatus.OK) {
            return o;
        }
        long timeout = Math.max(host.config().idleTimeout().toSeconds() - 5, 1);
        return o.withResponse(o.response().withHeader("Session", SessionHeader.format(s.id(), (int) timeout)));
    }

    private static RequestContext context(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        RtspUrl.PathAndQuery pq = RtspUrl.pathAndQuery(url);
        return new RequestContext(conn, s, req, pq.path(), pq.query());
    }

    private RtspResponse getParameter(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        if (implemented.answers(RtspMethod.GET_PARAMETER)) {
            return handler.onGetParameter(context(conn, s, req, url));
        }
        // A keepalive: clients send it with the session's id and expect 200.
        return RtspResponse.ok().withBody("text/parameters", new byte[0]);
    }

    // ---- ANNOUNCE

    private Outcome announce(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        s.require("ANNOUNCE");
        List<String> ct = req.headers().all("Content-Type");
        if (ct.size() != 1) {
            throw RtspStatusException.badRequest("Content-Type header is missing");
        }
        if (!ct.get(0).trim().toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            throw RtspStatusException.badRequest("unsupported Content-Type header '" + ct + "'");
        }
        SessionDescription desc;
        try {
            desc = SdpReader.parse(new String(req.body(), StandardCharsets.UTF_8));
        } catch (MalformedDataException e) {
            throw RtspStatusException.badRequest("invalid SDP: " + e.getMessage());
        }
        for (Media m : desc.medias()) {
            if (m.backChannel()) {
                throw RtspStatusException.badRequest("invalid SDP: back channels cannot be recorded");
            }
            ServableFormats.refusal(m).ifPresent(why -> {
                throw RtspStatusException.badRequest(why);
            });
        }
        String path = url.path();
        String query = url.rawQuery();
        RtspResponse res = handler.onAnnounce(new AnnounceContext(conn, s, req, path, query, desc));
        if (res.status() == RtspStatus.OK) {
            s.announced(path, query, desc);
        }
        // No Session header on ANNOUNCE's answer.
        return Outcome.of(res);
    }

    // ---- PLAY

    private Outcome play(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        s.require("PLAY");
        RtspUrl.PathAndQuery pq = RtspUrl.pathAndQuery(url);
        if (s.state() == SessionState.PRE_PLAY && !pq.path().equals(s.path())) {
            throw RtspStatusException.badRequest("path has changed, was '" + s.path() + "', now is '" + pq.path() + "'");
        }
        RequestContext context = new RequestContext(conn, s, req, pq.path(), pq.query());
        if (s.state() == SessionState.PLAY) {
            // PLAY while playing: the application answers, nothing else changes.
            return withSession(s, Outcome.of(handler.onPlay(context)));
        }
        Stream stream = s.readerStream();
        // The queue exists before the handler runs, so that what the application writes to the
        // session there is delivered, after the response.
        // A multicast reader is sent nothing of its own: the stream's groups carry its packets.
        if (!s.isMulticast()) {
            s.openOutput(conn, stream.medias().count(), host.config().writeQueueSize());
        }
        RtspResponse res = handler.onPlay(context);
        if (res.status() != RtspStatus.OK) {
            s.closeOutput();
            return withSession(s, Outcome.of(res));
        }
        List<SetupMedia> setups = s.medias().all();
        int[] indexes = setups.stream().mapToInt(SetupMedia::outputIndex).toArray();
        PlayStarted playing = s.play(conn, indexes);
        res = res.withHeader("RTP-Info", rtpInfo(url, s, indexes, playing.rtpInfo()));
        return withSession(s, new Outcome(res, playing.afterResponse(), null));
    }

    /** One entry per set-up media, in SETUP order; {@code seq} and {@code rtptime} where known. */
    private static String rtpInfo(RtspUrl url, Session s, int[] indexes, RtpInfoPosition[] positions) {
        List<RtpInfo.Entry> entries = new ArrayList<>();
        for (int i = 0; i < indexes.length; i++) {
            String u = url.scheme() + "://" + url.hostAndPort() + s.path() + "/trackID=" + indexes[i];
            RtpInfoPosition at = positions[i];
            entries.add(at == null ? new RtpInfo.Entry(u, null, null)
                    : new RtpInfo.Entry(u, at.sequenceNumber(), at.rtpTime()));
        }
        return RtpInfo.format(entries);
    }

    // ---- RECORD

    private Outcome record(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        s.require("RECORD");
        if (s.medias().all().size() != s.announced().medias().size()) {
            throw RtspStatusException.badRequest("not all announced medias have been setup");
        }
        RtspUrl.PathAndQuery pq = RtspUrl.pathAndQuery(url);
        if (!pq.path().equals(s.path())) {
            throw RtspStatusException.badRequest("path has changed, was '" + s.path() + "', now is '" + pq.path() + "'");
        }
        // A publisher's output only carries receiver reports and application RTCP.
        s.openOutput(conn, s.announced().medias().size(), 8);
        RtspResponse res = handler.onRecord(new RequestContext(conn, s, req, pq.path(), pq.query()));
        if (res.status() != RtspStatus.OK) {
            s.closeOutput();
            return withSession(s, Outcome.of(res));
        }
        return withSession(s, new Outcome(res, s.record(conn), null));
    }

    /** Sends each format's receiver report to a UDP publisher (the timer's task). */
    public void sendReceiverReports(Session s) {
        SessionOutput out = s.output();
        if (out == null) {
            return;
        }
        Instant now = host.config().clock().instant();
        for (SetupMedia m : s.medias().all()) {
            if (m.inbound() != null) {
                for (byte[] rr : m.inbound().receiverReports(now)) {
                    out.offer(new OutboundPacket(m.outputIndex(), true, rr, rr.length));
                }
            }
        }
    }

    // ---- PAUSE and TEARDOWN

    private Outcome pause(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        s.require("PAUSE");
        RtspUrl.PathAndQuery pq = RtspUrl.pathAndQuery(url);
        RtspResponse res = handler.onPause(new RequestContext(conn, s, req, pq.path(), pq.query()));
        if (res.status() != RtspStatus.OK || !s.isStreaming()) {
            return withSession(s, Outcome.of(res));
        }
        return withSession(s, new Outcome(res, s.pause(conn), null));
    }

    private Outcome teardown(Connection conn, Session s) {
        // The requesting connection stays open and usable; the session and its other connections end.
        registry.unlink(conn, s);
        InetSocketAddress by = conn.remoteAddress();
        // host:port, with an IPv6 host in brackets.
        s.closeAsync(new RtspkitException("torn down by "
                + HostAndPort.fromParts(by.getAddress().getHostAddress(), by.getPort())));
        // No Session header on TEARDOWN's answer.
        return Outcome.of(RtspResponse.ok());
    }
}
