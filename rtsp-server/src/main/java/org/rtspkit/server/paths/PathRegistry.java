package org.rtspkit.server.paths;

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
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.StreamStats;
import org.rtspkit.server.demo.DemoStream;
import org.rtspkit.server.metrics.ServerCounts;

/**
 * Which publisher owns which path, and the stream readers of that path play. A path is taken from
 * the publisher's ANNOUNCE until its session closes; it has a stream from RECORD on. The demo stream
 * holds its path for the server's lifetime, as a publisher that never leaves. Thread-safe: server
 * callbacks arrive on any thread.
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

    private final List<RtspServer> servers = new CopyOnWriteArrayList<>();

    private final Map<String, Publication> byPath = new HashMap<>();
    private DemoStream demo;
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

    /** Serves the demo at its path; false when the path is taken. */
    public synchronized boolean serveDemo(DemoStream stream) {
        if (byPath.containsKey(DemoStream.PATH)) {
            return false;
        }
        byPath.put(DemoStream.PATH, new Publication(DemoStream.PATH, null, stream.streams()));
        demo = stream;
        return true;
    }

    /** Whether the path is the demo's. */
    public synchronized boolean isDemo(String path) {
        return demo != null && DemoStream.PATH.equals(path);
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

    /** A session ended; nothing happens unless it was a reader. */
    public synchronized void removeReader(ServerSession session) {
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

    private static String transportName(SessionTransport transport) {
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
