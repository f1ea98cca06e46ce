package org.rtspkit.stream.internal;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspHeaders;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspStatus;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.protocol.rtsp.Authenticator;
import org.rtspkit.protocol.rtsp.RtspUrl;
import org.rtspkit.protocol.rtsp.SessionHeader;
import org.rtspkit.stream.internal.net.Connection;
import org.rtspkit.stream.internal.net.ConnectionListener;
import org.rtspkit.stream.internal.net.Outcome;
import org.rtspkit.stream.internal.session.HandlerMethods;
import org.rtspkit.stream.internal.session.SessionRegistry;
import org.rtspkit.stream.internal.session.SessionRequests;
import org.rtspkit.stream.internal.stream.HandlerContractException;
import org.rtspkit.stream.internal.stream.ServedStreams;
import org.rtspkit.stream.internal.stream.Stream;

/**
 * A connection's requests: the rules every request obeys (CSeq, URL, the {@code Session} header),
 * the methods that need no session (OPTIONS, DESCRIBE, GET_PARAMETER and SET_PARAMETER without a
 * session), authentication challenges, and the finishing of every response ({@code CSeq},
 * {@code Server}, the application's {@code onResponse}). Requests for a session go to
 * {@link SessionRequests}. Runs on a worker, one request of a connection at a time.
 */
final class ConnectionRequests implements ConnectionListener {
    private static final System.Logger LOG = System.getLogger(ConnectionRequests.class.getName());
    private static final String SERVER_NAME = "rtspkit";
    private static final String BACKCHANNEL_REQUIRE = "www.onvif.org/ver20/backchannel";

    private final Server server;
    private final ServerHandler handler;
    private final SessionRegistry registry;
    private final SessionRequests sessions;
    private final HandlerMethods implemented;
    private final String publicMethods;

    ConnectionRequests(Server server, SessionRegistry registry) {
        this.server = server;
        this.handler = server.handler();
        this.registry = registry;
        this.implemented = HandlerMethods.of(handler);
        this.publicMethods = implemented.publicHeader();
        if (implemented.answersNothing()) {
            LOG.log(System.Logger.Level.WARNING, "the handler declares no request method (ServerHandler.methods):"
                    + " DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE and SET_PARAMETER are all answered 501");
        }
        this.sessions = new SessionRequests(server, registry, implemented);
    }

    /** The session requests, for the receiver-report timer. */
    SessionRequests sessions() {
        return sessions;
    }

    /** Handles one request and hands the response to the connection. */
    @Override
    public void request(Connection conn, RtspRequest request) {
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
        } catch (HandlerContractException e) {
            LOG.log(System.Logger.Level.WARNING, "request " + request.method() + " " + request.uri()
                    + " failed: " + e.getMessage());
            outcome = new Outcome(RtspResponse.of(RtspStatus.INTERNAL_SERVER_ERROR)
                    .withBody("text/plain", e.getMessage()), null, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request " + request.method() + " " + request.uri() + " failed", e);
            outcome = new Outcome(RtspResponse.of(RtspStatus.INTERNAL_SERVER_ERROR), null, e);
        }
        Outcome answer = outcome.withResponse(finish(conn, request, outcome.response()));
        if (answer.delayMillis() > 0) {
            respondLater(conn, answer);
        } else {
            conn.respond(answer);
        }
    }

    /**
     * Writes the answer after its delay, from the timer: the worker and the session are free meanwhile,
     * and the connection reads nothing more until the answer is written.
     */
    private void respondLater(Connection conn, Outcome answer) {
        try {
            server.timer().schedule(() -> conn.respond(answer), answer.delayMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The server is closing: answer at once, the connection is about to go anyway.
            conn.respond(answer);
        }
    }

    /** Every response carries the request's CSeq and the server's name, and is shown to the application. */
    private RtspResponse finish(Connection conn, RtspRequest request, RtspResponse res) {
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
        return res;
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
        String sessionId = sessionId(req);
        boolean inSession = sessionId != null;
        switch (method) {
            case "OPTIONS": {
                RtspResponse options = RtspResponse.ok().withHeader("Public", publicMethods);
                return inSession ? sessions.handle(conn, sessionId, req, url, options) : Outcome.of(options);
            }
            case "DESCRIBE":
                return implemented.answers(RtspMethod.DESCRIBE) ? describe(conn, req, url) : notImplemented();
            case "ANNOUNCE", "SETUP":
                // Without a Session header these use the connection's session, or create one.
                return implemented.answers(RtspMethod.valueOf(method))
                        ? sessions.handle(conn, sessionId, req, url, null) : notImplemented();
            case "PLAY", "RECORD", "PAUSE":
                return inSession && implemented.answers(RtspMethod.valueOf(method))
                        ? sessions.handle(conn, sessionId, req, url, null) : notImplemented();
            case "TEARDOWN":
                return inSession ? sessions.handle(conn, sessionId, req, url, null) : notImplemented();
            case "GET_PARAMETER":
                if (inSession) {
                    return sessions.handle(conn, sessionId, req, url, null);
                }
                return implemented.answers(RtspMethod.GET_PARAMETER)
                        ? Outcome.of(handler.onGetParameter(context(conn, null, req, url))) : notImplemented();
            case "SET_PARAMETER":
                if (!implemented.answers(RtspMethod.SET_PARAMETER)) {
                    return notImplemented();
                }
                return inSession ? sessions.handle(conn, sessionId, req, url, null)
                        : Outcome.of(handler.onSetParameter(context(conn, null, req, url)));
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

    /** The {@code Session} header's id, or null without one. */
    private static String sessionId(RtspRequest req) {
        List<String> values = req.headers().all("Session");
        if (values.size() > 1) {
            throw RtspStatusException.badRequest("invalid Session header: more than one value");
        }
        if (values.isEmpty()) {
            return null;
        }
        try {
            return SessionHeader.parse(values.get(0)).id();
        } catch (MalformedDataException e) {
            throw RtspStatusException.badRequest(e.getMessage());
        }
    }

    private static Outcome notImplemented() {
        return Outcome.of(RtspResponse.of(RtspStatus.NOT_IMPLEMENTED));
    }

    private static RequestContext context(Connection conn, ServerSession session, RtspRequest req, RtspUrl url) {
        RtspUrl.PathAndQuery pq = RtspUrl.pathAndQuery(url);
        return new RequestContext(conn, session, req, pq.path(), pq.query());
    }

    private Outcome describe(Connection conn, RtspRequest req, RtspUrl url) {
        StreamResponse sr = handler.onDescribe(context(conn, SessionRegistry.boundTo(conn), req, url));
        RtspResponse res = sr.response();
        if (res.status() != RtspStatus.OK) {
            return Outcome.of(res);
        }
        if (sr.stream() == null) {
            if (res.body().length == 0) {
                throw new HandlerContractException("the DESCRIBE handler answered 200 without a stream or a body");
            }
            return Outcome.of(res);
        }
        Stream stream = ServedStreams.of(sr.stream(), server, "DESCRIBE");
        boolean backChannels = req.headers().all("Require").stream().anyMatch(v -> v.contains(BACKCHANNEL_REQUIRE));
        // VLC asks for multicast this way and then reads the connection address from the SDP.
        boolean vlcMulticast = server.multicast() != null && url.rawQuery() != null
                && url.rawQuery().contains("vlcmulticast");
        String sdp = stream.describeSdp(backChannels,
                vlcMulticast ? server.config().multicastIpRange().split("/")[0] : "0.0.0.0");
        return Outcome.of(res.withHeader("Content-Base", req.uri() + "/").withBody("application/sdp", sdp));
    }

    /** The connection closed: the session rules apply, then the application is told. */
    @Override
    public void closed(Connection conn, Throwable error) {
        server.connectionRemoved(conn);
        registry.connectionClosed(conn, error);
        handler.onConnectionClose(conn, error);
    }
}
