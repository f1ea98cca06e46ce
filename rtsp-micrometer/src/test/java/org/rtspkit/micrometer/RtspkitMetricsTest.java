package org.rtspkit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.AnnounceContext;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.RtspStatus;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SessionStats;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamClosedException;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.Loopback;

/**
 * The binder under real clients: an FFmpeg publisher (TCP) relayed to an FFmpeg reader (UDP) by a
 * server started with the instrumented handler. A {@link SimpleMeterRegistry} sees the session and
 * stream counters move while they play, the session gauges follow them, and once they have left the
 * counters equal the engine's own final stats.
 */
@Timeout(120)
class RtspkitMetricsTest {
    private static final Duration EXIT = Duration.ofSeconds(40);
    private static final int PUBLISH_SECONDS = 8;
    private static final int READ_SECONDS = 3;

    @TempDir
    Path dir;
    private final List<Ffmpeg.Run> runs = new ArrayList<>();
    private RtspServer server;

    @AfterEach
    void stop() {
        runs.forEach(Ffmpeg.Run::kill);
        if (server != null) {
            server.close();
        }
    }

    /** One publisher per path, relayed into a stream its readers read; the stream is metered as its path. */
    private static final class Relay implements ServerHandler {
        final RtspkitMetrics metrics;
        final Map<String, ServerStream> streams = new ConcurrentHashMap<>();
        /** Each session's stats as onSessionClose saw them, by role. */
        final Map<String, SessionStats> finalStats = new ConcurrentHashMap<>();
        volatile RtspServer server;

        Relay(RtspkitMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public Set<RtspMethod> methods() {
            return EnumSet.of(RtspMethod.DESCRIBE, RtspMethod.ANNOUNCE, RtspMethod.SETUP, RtspMethod.PLAY,
                    RtspMethod.RECORD);
        }

        @Override
        public StreamResponse onDescribe(RequestContext c) {
            return streamOf(c.path());
        }

        private StreamResponse streamOf(String path) {
            ServerStream s = streams.get(path);
            return s == null ? StreamResponse.of(RtspStatus.NOT_FOUND) : StreamResponse.ok(s);
        }

        @Override
        public RtspResponse onAnnounce(AnnounceContext c) {
            return RtspResponse.ok();
        }

        @Override
        public StreamResponse onSetup(SetupContext c) {
            if (c.session().announcedDescription().isPresent()) {
                return StreamResponse.of(RtspStatus.OK);
            }
            return c.session().stream().map(StreamResponse::ok).orElseGet(() -> streamOf(c.path()));
        }

        @Override
        public RtspResponse onPlay(RequestContext c) {
            return RtspResponse.ok();
        }

        @Override
        public RtspResponse onRecord(RequestContext c) {
            ServerSession publisher = c.session();
            ServerStream stream = server.createStream(publisher.announcedDescription().orElseThrow());
            publisher.onPacketRtpAny((media, packet) -> {
                try {
                    stream.writePacketRtp(media, packet);
                } catch (StreamClosedException e) {
                    // the publisher is leaving
                }
            });
            publisher.setUserData(c.path());
            metrics.bindStream(c.path(), stream);
            streams.put(c.path(), stream);
            return RtspResponse.ok();
        }

        @Override
        public void onSessionClose(ServerSession session, Throwable error) {
            finalStats.put(session.announcedDescription().isPresent() ? "publisher" : "reader", session.stats());
            if (session.userData() instanceof String path) {
                // The stream's meters stay until the test has read them.
                ServerStream stream = streams.remove(path);
                if (stream != null) {
                    stream.close();
                }
            }
        }
    }

    private static void await(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Tags group(String role, String transport) {
        return Tags.of("path", "/cam", "role", role, "transport", transport);
    }

    private static double counter(MeterRegistry registry, String name, Tags tags) {
        FunctionCounter c = registry.find(name).tags(tags).functionCounter();
        assertNotNull(c, name + " " + tags + " in " + registry.getMeters().stream().map(m -> m.getId().toString()).toList());
        return c.count();
    }

    private static double gauge(MeterRegistry registry, String name, Tags tags) {
        Gauge g = registry.find(name).tags(tags).gauge();
        return g == null ? 0 : g.value();
    }

    @Test
    void countersMoveUnderAnFfmpegPublisherAndReader() throws Exception {
        Ffmpeg.requireOnPath();
        MeterRegistry registry = new SimpleMeterRegistry();
        RtspkitMetrics metrics = new RtspkitMetrics(Tags.of("server", "test"));
        metrics.bindTo(registry);
        Relay relay = new Relay(metrics);
        int udp = Loopback.freeUdpPair();
        ServerConfig config = ServerConfig.builder().rtspAddress(Loopback.port(0))
                .udpAddresses(Loopback.port(udp), Loopback.port(udp + 1)).build();
        server = RtspServers.start(config, s -> {
            relay.server = s;
            return metrics.instrument(relay);
        });
        String url = "rtsp://127.0.0.1:" + server.rtspAddress().getPort() + "/cam";
        Tags publisher = group("publisher", "tcp");
        Tags reader = group("reader", "udp");
        Tags stream = Tags.of("stream", "/cam");

        Ffmpeg.Run publishing = Ffmpeg.publish(dir, "publisher", url, "tcp", PUBLISH_SECONDS, Ffmpeg.Audio.AAC);
        runs.add(publishing);
        await("the publisher's RECORD", Duration.ofSeconds(20),
                () -> relay.streams.containsKey("/cam") || !publishing.process().isAlive());
        assertTrue(publishing.process().isAlive(), publishing.report());
        // The relay's onRecord has run; the binder counts the session once it returned 200.
        await("the publisher's session gauge", Duration.ofSeconds(5), () -> gauge(registry, "rtspkit.sessions", publisher) == 1);
        assertEquals(1, gauge(registry, "rtspkit.connections", Tags.of("server", "test")));
        double inBefore = counter(registry, "rtspkit.session.inbound.rtp.packets", publisher);
        await("the publisher's packets to be counted", Duration.ofSeconds(5),
                () -> counter(registry, "rtspkit.session.inbound.rtp.packets", publisher) > inBefore + 30);
        assertTrue(counter(registry, "rtspkit.session.inbound.bytes", publisher.and("server", "test")) > 0);

        Ffmpeg.Run reading = Ffmpeg.hashFrames(dir, "reader", url, "udp", READ_SECONDS);
        runs.add(reading);
        await("the reader's PLAY", Duration.ofSeconds(15),
                () -> gauge(registry, "rtspkit.sessions", reader) == 1 || !reading.process().isAlive());
        double outBefore = counter(registry, "rtspkit.session.outbound.rtp.packets", reader);
        double streamBefore = counter(registry, "rtspkit.stream.outbound.rtp.packets", stream);
        await("the reader's packets to be counted", Duration.ofSeconds(5),
                () -> counter(registry, "rtspkit.session.outbound.rtp.packets", reader) > outBefore + 30
                        && counter(registry, "rtspkit.stream.outbound.rtp.packets", stream) > streamBefore + 30);
        reading.awaitSuccess(EXIT);
        List<Ffmpeg.FrameHash> video = reading.hashes().stream().filter(f -> f.stream() == 0).toList();
        assertTrue(video.size() >= READ_SECONDS * 30 / 2, "the reader decoded pictures: " + video.size()
                + "\n" + reading.report());
        // FFmpeg's test picture changes every frame: distinct pictures, not one repeated.
        assertTrue(video.stream().map(Ffmpeg.FrameHash::hash).distinct().count() > video.size() * 9 / 10,
                "distinct pictures among " + video.size());

        await("the reader's end", Duration.ofSeconds(10), () -> relay.finalStats.containsKey("reader"));
        assertEquals(0, gauge(registry, "rtspkit.sessions", reader));
        SessionStats read = relay.finalStats.get("reader");
        assertEquals(read.outboundRtpPackets(), counter(registry, "rtspkit.session.outbound.rtp.packets", reader));
        assertEquals(read.outboundBytes(), counter(registry, "rtspkit.session.outbound.bytes", reader));
        assertEquals(read.outboundRtpPacketsDropped(),
                counter(registry, "rtspkit.session.outbound.rtp.packets.dropped", reader.and("cause", "queue")));
        assertEquals(read.outboundRtpPacketsDroppedByTransport(),
                counter(registry, "rtspkit.session.outbound.rtp.packets.dropped", reader.and("cause", "transport")));
        assertEquals(1, counter(registry, "rtspkit.sessions.started", reader));

        publishing.awaitSuccess(EXIT);
        await("the publisher's end", Duration.ofSeconds(10), () -> relay.finalStats.containsKey("publisher"));
        assertEquals(0, gauge(registry, "rtspkit.sessions", publisher));
        SessionStats published = relay.finalStats.get("publisher");
        assertTrue(published.inboundRtpPackets() > PUBLISH_SECONDS * 30, "published: " + published);
        assertEquals(published.inboundRtpPackets(), counter(registry, "rtspkit.session.inbound.rtp.packets", publisher));
        assertEquals(published.inboundBytes(), counter(registry, "rtspkit.session.inbound.bytes", publisher));
        assertEquals(published.inboundRtpPacketsLost(),
                counter(registry, "rtspkit.session.inbound.rtp.packets.lost", publisher));
        assertEquals(1, counter(registry, "rtspkit.sessions.started", publisher));
        // The one reader got what the stream queued for it, less what its socket refused.
        assertEquals(read.outboundRtpPackets() + read.outboundRtpPacketsDroppedByTransport(),
                counter(registry, "rtspkit.stream.outbound.rtp.packets", stream));
        await("both connections closed", Duration.ofSeconds(10),
                () -> gauge(registry, "rtspkit.connections", Tags.empty()) == 0);

        metrics.unbindStream("/cam");
        assertEquals(null, registry.find("rtspkit.stream.outbound.rtp.packets").tags(stream).functionCounter());
    }

    @Test
    void aStreamNameIsBoundOnce() throws Exception {
        RtspkitMetrics metrics = new RtspkitMetrics();
        server = RtspServers.start(ServerConfig.builder().rtspAddress(Loopback.port(0)).build(),
                s -> new ServerHandler() { });
        ServerStream s = server.createStream(new SessionDescription("x",
                List.of(new Media(MediaType.AUDIO, null, false, null, List.of(G711Format.pcmu())))));
        metrics.bindStream("/x", s);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> metrics.bindStream("/x", s));
        assertEquals("a stream named /x is bound already", e.getMessage());
        // A registry bound later still gets the stream's meters.
        MeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        assertEquals(0, counter(registry, "rtspkit.stream.outbound.rtp.packets", Tags.of("stream", "/x")));
    }

    /** The README's sample, word for word between the markers (less this method's indentation). */
    private static RtspServer readmeSample(ServerConfig config, ServerHandler handler, MeterRegistry registry,
                                           SessionDescription description) throws IOException {
        // README:begin
        RtspkitMetrics metrics = new RtspkitMetrics(Tags.of("server", "cameras"));
        RtspServer server = RtspServers.start(config, metrics.instrument(handler));
        metrics.bindTo(registry);                 // Spring Boot: declare metrics as a @Bean, and it binds it
        ServerStream cam = server.createStream(description);
        metrics.bindStream("/cam", cam);          // a stream's own counters, tagged stream="/cam"
        // README:end
        return server;
    }

    @Test
    void theReadmeSampleIsThisCodeAndBindsTheMeters() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/rtspkit/micrometer/RtspkitMetricsTest.java"));
        String begin = "        // README:begin\n";
        String code = source.substring(source.indexOf(begin) + begin.length(), source.indexOf("        // README:end\n"));
        String sample = code.lines().map(line -> line.substring(8)).collect(Collectors.joining("\n", "", "\n"));
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("```java\n" + sample + "```\n"),
                "README.md's Micrometer sample must be the code between the README markers here:\n" + sample);

        MeterRegistry registry = new SimpleMeterRegistry();
        server = readmeSample(ServerConfig.builder().rtspAddress(Loopback.port(0)).build(), new ServerHandler() { },
                registry, new SessionDescription("cam",
                        List.of(new Media(MediaType.AUDIO, null, false, null, List.of(G711Format.pcmu())))));
        assertEquals(0, counter(registry, "rtspkit.stream.outbound.rtp.packets", Tags.of("server", "cameras", "stream", "/cam")));
        assertEquals(0, gauge(registry, "rtspkit.connections", Tags.of("server", "cameras")));
    }

    /** A session that only knows its path, transport and stats. */
    private static ServerSession session(String path, SessionStats stats) {
        return (ServerSession) Proxy.newProxyInstance(RtspkitMetricsTest.class.getClassLoader(),
                new Class<?>[] {ServerSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "path" -> path;
                    case "transport" -> new SessionTransport(TransportProtocol.TCP, TransportProfile.AVP);
                    case "stats" -> stats;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static SessionStats sent(long packets) {
        return new SessionStats(0, 0, 0, 0, 0, 0, packets * 100, packets, 0, 0, 0, 0);
    }

    @Test
    void aGroupsCountersKeepWhatItsEndedSessionsCarried() {
        RtspkitMetrics metrics = new RtspkitMetrics();
        MeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        ServerSession first = session("/cam", sent(40));
        ServerSession second = session("/cam", sent(2));
        metrics.sessionStarted(first, "reader");
        metrics.sessionStarted(second, "reader");
        metrics.sessionStarted(first, "reader"); // PLAY again after PAUSE: still one session
        Tags readers = Tags.of("path", "/cam", "role", "reader", "transport", "tcp");
        assertEquals(2, gauge(registry, "rtspkit.sessions", readers));
        assertEquals(42, counter(registry, "rtspkit.session.outbound.rtp.packets", readers));
        metrics.sessionEnded(first);
        assertEquals(1, gauge(registry, "rtspkit.sessions", readers));
        assertEquals(42, counter(registry, "rtspkit.session.outbound.rtp.packets", readers), "the ended session's packets stay");
        assertEquals(4200, counter(registry, "rtspkit.session.outbound.bytes", readers));
        assertEquals(2, counter(registry, "rtspkit.sessions.started", readers));
    }

    @Test
    void aSessionThatEndedBeforeItsPlayReturnedIsNotCounted() {
        RtspkitMetrics metrics = new RtspkitMetrics();
        MeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        ServerSession gone = session("/late", sent(1));
        // The client left while PLAY was answered: onSessionClose came first.
        metrics.sessionEnded(gone);
        metrics.sessionStarted(gone, "reader");
        assertEquals(null, registry.find("rtspkit.sessions").tags("path", "/late").gauge(),
                "no group for a session that never counted");
    }

    @Test
    void theInstrumentedHandlerPassesOnEveryCallback() {
        // A callback ServerHandler gains later must be passed on too, or the application would lose it.
        List<String> missing = new ArrayList<>();
        for (Method m : ServerHandler.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                MeteredHandler.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(m.getName());
            }
        }
        assertEquals(List.of(), missing, "ServerHandler methods MeteredHandler does not pass on");
    }
}
