package org.rtspkit.server.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionStats;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.StreamStats;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.server.metrics.ServerCounts;
import org.rtspkit.server.options.PathRule;
import org.rtspkit.server.paths.PathRegistry;

/**
 * The control API on the HTTP listener: {@code GET /v1/paths}, {@code GET /v1/sessions} and
 * {@code POST /v1/sessions/{id}/kick}, JSON written by Jackson from {@link ApiJson}'s records. Every call
 * passes {@link ApiAccess} first. Numbers are read from the engine's stats at each call.
 */
public final class ControlApi implements HttpHandler {
    /** Where it is mounted. */
    public static final String PREFIX = "/v1/";

    private static final System.Logger LOG = System.getLogger(ControlApi.class.getName());
    private static final Pattern KICK = Pattern.compile("/v1/sessions/([^/]+)/kick");
    private static final String JSON = "application/json; charset=utf-8";

    private final PathRegistry paths;
    private final ApiAccess access;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private volatile boolean enabled;

    /** @param enabled whether it answers at first ({@code metrics.controlApi}); {@link #enable} changes it */
    public ControlApi(PathRegistry paths, ApiAccess access, boolean enabled) {
        this.paths = paths;
        this.access = access;
        this.enabled = enabled;
    }

    /** Turns the API on or off (a configuration reload); off, every call is 404. */
    public void enable(boolean on) {
        enabled = on;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!enabled) {
                send(exchange, 404, new ApiJson.Error("the control API is off (metrics.controlApi: false)"));
                return;
            }
            Optional<ApiAccess.Refusal> refusal = access.check(new ApiAccess.Call(method, path,
                    exchange.getRemoteAddress(), exchange.getRequestHeaders().getFirst("Authorization")));
            if (refusal.isPresent()) {
                if (refusal.get().challenge() != null) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", refusal.get().challenge());
                }
                send(exchange, refusal.get().status(), new ApiJson.Error(refusal.get().reason()));
                return;
            }
            Matcher kick = KICK.matcher(path);
            if (path.equals("/v1/paths") || path.equals("/v1/sessions")) {
                if (!method.equals("GET")) {
                    notAllowed(exchange, "GET");
                    return;
                }
                send(exchange, 200, path.equals("/v1/paths") ? paths() : sessions());
            } else if (kick.matches()) {
                if (!method.equals("POST")) {
                    notAllowed(exchange, "POST");
                    return;
                }
                kick(exchange, kick.group(1));
            } else {
                send(exchange, 404, new ApiJson.Error("no such endpoint: " + path
                        + " (GET /v1/paths, GET /v1/sessions, POST /v1/sessions/{id}/kick)"));
            }
        }
    }

    private void kick(HttpExchange exchange, String id) throws IOException {
        Optional<PathRegistry.OpenSession> found = paths.sessions().stream()
                .filter(s -> s.session().id().equals(id)).findFirst();
        if (found.isEmpty()) {
            send(exchange, 404, new ApiJson.Error("no session '" + id + "'"));
            return;
        }
        ApiJson.SessionItem item = session(found.get());
        LOG.log(Level.INFO, "kicking " + item.role() + " session " + id + " on path " + item.path() + " from "
                + item.remoteAddress() + " (control API, called from "
                + exchange.getRemoteAddress().getAddress().getHostAddress() + ")");
        found.get().session().close();
        send(exchange, 200, new ApiJson.Kicked(item));
    }

    ApiJson.Paths paths() {
        List<PathRegistry.Publication> held = paths.publications();
        Map<ServerStream, String> pathOfStream = new IdentityHashMap<>();
        for (PathRegistry.Publication p : held) {
            if (p.streams() != null) {
                p.streams().values().forEach(s -> pathOfStream.put(s, p.path()));
            }
        }
        Map<String, Map<String, Integer>> readers = new LinkedHashMap<>();
        for (ServerSession reader : paths.readers()) {
            String path = reader.stream().map(pathOfStream::get).orElse(null);
            SessionTransport transport = reader.transport();
            if (path != null && transport != null) {
                readers.computeIfAbsent(path, p -> zeroReaders()).merge(PathRegistry.transportName(transport), 1,
                        Integer::sum);
            }
        }
        List<ApiJson.PathItem> items = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        for (PathRegistry.Publication p : held) {
            listed.add(p.path());
            items.add(held(p, readers.getOrDefault(p.path(), zeroReaders())));
        }
        // Exact entries of the configuration nobody publishes to: there, but not ready.
        for (PathRule rule : paths.rules().rules()) {
            if (rule.path() != null && listed.add(rule.path())) {
                items.add(new ApiJson.PathItem(rule.path(), rule.name(), null, false, zeroReaders(),
                        ApiJson.Inbound.NONE, ApiJson.Outbound.NONE));
            }
        }
        items.sort((a, b) -> a.name().compareTo(b.name()));
        return new ApiJson.Paths(items);
    }

    private ApiJson.PathItem held(PathRegistry.Publication p, Map<String, Integer> readers) {
        String config = paths.rule(p.path()).map(PathRule::name).orElse(null);
        ApiJson.Source source;
        ApiJson.Inbound inbound = ApiJson.Inbound.NONE;
        if (p.publisher() == null) {
            source = new ApiJson.Source("demo", null, null, null);
        } else {
            String remote = paths.sessions().stream().filter(s -> s.session() == p.publisher())
                    .map(PathRegistry.OpenSession::remote).findFirst().orElse(null);
            source = new ApiJson.Source("publisher", p.publisher().id(), remote, transport(p.publisher().transport()));
            SessionStats in = p.publisher().stats();
            inbound = new ApiJson.Inbound(in.inboundBytes(), in.inboundRtpPackets(), in.inboundRtpPacketsLost());
        }
        long bytes = 0;
        long packets = 0;
        long dropped = 0;
        if (p.streams() != null) {
            for (ServerStream stream : p.streams().values()) {
                StreamStats out = stream.stats();
                bytes += out.outboundBytes();
                packets += out.outboundRtpPackets();
                dropped += out.outboundRtpPacketsDropped();
            }
        }
        return new ApiJson.PathItem(p.path(), config, source, p.streams() != null, readers, inbound,
                new ApiJson.Outbound(bytes, packets, dropped));
    }

    ApiJson.Sessions sessions() {
        return new ApiJson.Sessions(paths.sessions().stream().map(this::session).toList());
    }

    private ApiJson.SessionItem session(PathRegistry.OpenSession open) {
        ServerSession s = open.session();
        SessionStats stats = s.stats();
        String role = s.announcedDescription().isPresent() ? "publisher" : s.stream().isPresent() ? "reader" : "setup";
        if (role.equals("reader") && s.state() != org.rtspkit.api.SessionState.PLAY) {
            role = "setup";
        }
        SessionTransport transport = s.transport();
        return new ApiJson.SessionItem(s.id(), role, s.path(), s.state().toString(), transport(transport),
                transport != null && transport.profile() == TransportProfile.SAVP, open.remote(),
                open.opened().toString(),
                new ApiJson.Inbound(stats.inboundBytes(), stats.inboundRtpPackets(), stats.inboundRtpPacketsLost()),
                new ApiJson.Outbound(stats.outboundBytes(), stats.outboundRtpPackets(),
                        stats.outboundRtpPacketsDropped()));
    }

    private static String transport(SessionTransport transport) {
        return transport == null ? null : PathRegistry.transportName(transport);
    }

    private static Map<String, Integer> zeroReaders() {
        Map<String, Integer> zero = new LinkedHashMap<>();
        ServerCounts.TRANSPORTS.forEach(t -> zero.put(t, 0));
        return zero;
    }

    private void notAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        send(exchange, 405, new ApiJson.Error(exchange.getRequestMethod() + " is not allowed here; use " + allowed));
    }

    private void send(HttpExchange exchange, int status, Object document) throws IOException {
        byte[] body = json.writeValueAsBytes(document);
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
