package org.rtspkit.server.paths;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConnection;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.StreamStats;
import org.rtspkit.server.demo.DemoStream;
import org.rtspkit.server.metrics.ServerCounts;
import org.rtspkit.server.options.AddressFlags;
import org.rtspkit.server.options.Credentials;
import org.rtspkit.server.options.PathRule;
import org.rtspkit.server.options.PathRules;
import org.rtspkit.server.options.PathSource;

/**
 * Which publisher owns which path, and the stream readers of that path play. A path is taken from
 * the publisher's ANNOUNCE until its session closes; it has a stream from RECORD on. The demo stream
 * holds its path while the configuration has it, as a publisher that never leaves. It also keeps the
 * configuration's {@link PathRules} and server-wide credentials, which a reload replaces, and every
 * open session for the control API. Thread-safe: server callbacks arrive on any thread.
 */
public final class PathRegistry {
    /**
     * One path's publisher and, once it records, its stream on each listener (RTSP and RTSPS serve the
     * same paths, each with a stream of its own since encryption differs). The demo's publisher is null.
     */
    public record Publication(String path, ServerSession publisher, Map<RtspServer, ServerStream> streams) {
        /** The stream readers of the given listener play; null before RECORD. */
        ServerStream streamOn(RtspServer server) {
            return streams == null ? null : streams.get(server);
        }

        /** Any of the streams: they all carry the same packets. */
        ServerStream stream() {
            return streams == null || streams.isEmpty() ? null : streams.values().iterator().next();
        }
    }

    /**
     * An open session as the control API lists it.
     *
     * @param remote where the client connects from, in URL notation
     * @param opened when its first SETUP or ANNOUNCE created it
     */
    public record OpenSession(ServerSession session, String remote, Instant opened) {
    }

    private final List<RtspServer> servers = new CopyOnWriteArrayList<>();

    private final Map<String, Publication> byPath = new HashMap<>();
    private DemoStream demo;
    private String demoPath;
    private volatile PathRules rules = PathRules.DEFAULT;
    private volatile Credentials credentials;
    private final Map<ServerSession, OpenSession> open = new IdentityHashMap<>();
    // Sessions are compared by identity: the API promises nothing about their equals.
    private final Map<ServerSession, String> pathByPublisher = new IdentityHashMap<>();
    private final Set<ServerSession> readers = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Reserves a path for a publisher; false when another publisher holds it. */
    public synchronized boolean claim(String path, ServerSession publisher) {
        if (byPath.containsKey(path) || pathByPublisher.containsKey(publisher)) {
            return false;
        }
        byPath.put(path, new Publication(path, publisher, null));
        pathByPublisher.put(publisher, path);
        return true;
    }

    /** Serves the demo at a path ({@code /demo}); false when the path is taken. */
    public synchronized boolean serveDemo(String path, DemoStream stream) {
        if (byPath.containsKey(path)) {
            return false;
        }
        byPath.put(path, new Publication(path, null, stream.streams()));
        demo = stream;
        demoPath = path;
        return true;
    }

    /** Takes the demo off its path; the caller closes the returned demo (which ends its readers). */
    public synchronized Optional<DemoStream> stopDemo() {
        DemoStream stopped = demo;
        if (stopped != null) {
            byPath.remove(demoPath);
        }
        demo = null;
        demoPath = null;
        return Optional.ofNullable(stopped);
    }

    /** Whether the path is the demo's. */
    public synchronized boolean isDemo(String path) {
        return demo != null && path.equals(demoPath);
    }

    /** The path the demo plays at; empty when it is off. */
    public synchronized Optional<String> demoPath() {
        return Optional.ofNullable(demoPath);
    }

    /**
     * Takes a configuration: the paths it serves and the server-wide credentials. Requests from now on
     * follow it. Returns the publishers whose path it no longer lets them publish to, for the caller
     * to close (outside this lock: closing calls back here). Sessions already playing keep playing.
     */
    public List<ServerSession> configure(PathRules newRules, Credentials newCredentials) {
        List<ServerSession> evicted = new ArrayList<>();
        synchronized (this) {
            rules = newRules;
            credentials = newCredentials;
            for (Map.Entry<ServerSession, String> e : pathByPublisher.entrySet()) {
                Optional<PathRule> rule = newRules.match(e.getValue());
                if (rule.isEmpty() || rule.get().source() != PathSource.PUBLISHER) {
                    evicted.add(e.getKey());
                }
            }
        }
        return evicted;
    }

    /** The configuration's paths in effect. */
    public PathRules rules() {
        return rules;
    }

    /** The configuration's entry for a request path; empty when no entry covers it. */
    public Optional<PathRule> rule(String path) {
        return rules.match(path);
    }

    /** What readers of a path must present; null for none. */
    public Credentials readCredentials(PathRule rule) {
        return rule != null && rule.read() != null ? rule.read() : credentials;
    }

    /** What the publisher of a path must present; null for none. */
    public Credentials publishCredentials(PathRule rule) {
        return rule != null && rule.publish() != null ? rule.publish() : credentials;
    }

    /** A session was created (SETUP or ANNOUNCE). */
    public synchronized void opened(ServerSession session, ServerConnection connection) {
        open.put(session, new OpenSession(session, AddressFlags.authority(connection.remoteAddress()), Instant.now()));
    }

    /** Every open session, oldest first. */
    public synchronized List<OpenSession> sessions() {
        List<OpenSession> all = new ArrayList<>(open.values());
        all.sort(Comparator.comparing(OpenSession::opened));
        return all;
    }

    /** Every path held (recording or not, the demo's too), in path order. */
    public synchronized List<Publication> publications() {
        List<Publication> all = new ArrayList<>(byPath.values());
        all.sort(Comparator.comparing(Publication::path));
        return all;
    }

    /** Every reader playing. */
    public synchronized List<ServerSession> readers() {
        return new ArrayList<>(readers);
    }

    /** A listener whose readers are served from this registry's paths. */
    public void register(RtspServer server) {
        servers.add(server);
    }

    public List<RtspServer> servers() {
        return List.copyOf(servers);
    }

    /** Attaches the streams to the publisher's path; false when the publisher no longer holds one. */
    public synchronized boolean startRecording(ServerSession publisher, Map<RtspServer, ServerStream> streams) {
        String path = pathByPublisher.get(publisher);
        if (path == null) {
            return false;
        }
        byPath.put(path, new Publication(path, publisher, Map.copyOf(streams)));
        return true;
    }

    /** A stream of a path whose publisher is recording. */
    public synchronized Optional<ServerStream> stream(String path) {
        Publication p = byPath.get(path);
        return p == null ? Optional.empty() : Optional.ofNullable(p.stream());
    }

    /** The stream a listener's readers of a path play. */
    public synchronized Optional<ServerStream> stream(String path, RtspServer server) {
        Publication p = byPath.get(path);
        return p == null ? Optional.empty() : Optional.ofNullable(p.streamOn(server));
    }

    /** The publication a publisher holds, if any. */
    public synchronized Optional<Publication> publicationOf(ServerSession publisher) {
        String path = pathByPublisher.get(publisher);
        return path == null ? Optional.empty() : Optional.of(byPath.get(path));
    }

    /**
     * Frees the path a session held as publisher. The caller closes the returned publication's
     * stream (outside this lock: closing ends reader sessions, whose callbacks come back here).
     */
    public synchronized Optional<Publication> release(ServerSession publisher) {
        String path = pathByPublisher.remove(publisher);
        return path == null ? Optional.empty() : Optional.of(byPath.remove(path));
    }

    /** A reader started playing (its first PLAY). The demo hears of its own, to encode only while watched. */
    public synchronized void addReader(ServerSession reader) {
        if (readers.add(reader) && playsDemo(reader)) {
            demo.readerJoined();
        }
    }

    /** A session ended: it is no longer open, and no longer a reader if it was one. */
    public synchronized void removeReader(ServerSession session) {
        open.remove(session);
        if (readers.remove(session) && playsDemo(session)) {
            demo.readerLeft();
        }
    }

    private boolean playsDemo(ServerSession reader) {
        return demo != null && reader.stream().filter(demo::serves).isPresent();
    }

    /**
     * The counts of this moment, read from the sessions' and streams' stats. The stats are read
     * outside this lock: they come from the engine, whose callbacks come back here.
     */
    public ServerCounts counts() {
        List<Publication> publications;
        List<ServerSession> playing;
        synchronized (this) {
            publications = new ArrayList<>(byPath.values());
            playing = new ArrayList<>(readers);
        }
        Map<String, Integer> byTransport = new LinkedHashMap<>();
        ServerCounts.TRANSPORTS.forEach(t -> byTransport.put(t, 0));
        for (ServerSession reader : playing) {
            SessionTransport transport = reader.transport(); // set by SETUP, before any PLAY
            if (transport != null) {
                byTransport.merge(transportName(transport), 1, Integer::sum);
            }
        }
        publications.sort(Comparator.comparing(Publication::path));
        List<ServerCounts.PathCounts> recording = new ArrayList<>();
        int publishers = 0;
        for (Publication p : publications) {
            if (p.streams() == null) {
                continue;
            }
            // The demo's path has streams but no publisher: nothing is received for it.
            long received = 0;
            if (p.publisher() != null) {
                publishers++;
                received = p.publisher().stats().inboundRtpPackets();
            }
            long sent = 0;
            long dropped = 0;
            for (ServerStream stream : p.streams().values()) {
                StreamStats stats = stream.stats();
                sent += stats.outboundRtpPackets();
                dropped += stats.outboundRtpPacketsDropped();
            }
            recording.add(new ServerCounts.PathCounts(p.path(), received, sent, dropped));
        }
        return new ServerCounts(publications.size(), publishers, byTransport, recording);
    }

    /** {@code udp}, {@code tcp} or {@code multicast}, as metrics and the control API name it. */
    public static String transportName(SessionTransport transport) {
        return switch (transport.protocol()) {
            case UDP -> "udp";
            case TCP -> "tcp";
            case UDP_MULTICAST -> "multicast";
        };
    }

    /** Number of paths held, recording or not. */
    public synchronized int size() {
        return byPath.size();
    }
}
