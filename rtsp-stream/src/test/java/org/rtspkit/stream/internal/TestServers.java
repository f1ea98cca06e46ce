package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.rtspkit.api.AnnounceContext;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.Mpeg4AudioFormat;
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
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;

/** Builders for engine tests: servers on loopback, a controllable clock, a serving handler. */
final class TestServers {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private TestServers() {
    }

    /** A config on 127.0.0.1 with a free RTSP port and, when asked, a free even/odd UDP pair. */
    static ServerConfig.Builder config(boolean udp) throws IOException {
        ServerConfig.Builder b = ServerConfig.builder()
                .rtspAddress(new InetSocketAddress(LOOPBACK, 0))
                .ioThreads(2);
        if (udp) {
            int port = freeUdpPair();
            b.udpAddresses(new InetSocketAddress(LOOPBACK, port), new InetSocketAddress(LOOPBACK, port + 1));
        }
        return b;
    }

    /** {@code rtsp://127.0.0.1:<port><path>} for a started server. */
    static String url(RtspServer server, String path) {
        return "rtsp://127.0.0.1:" + server.rtspAddress().getPort() + path;
    }

    /** Waits, polling every 10 ms, until the condition holds; fails the test after {@code max}. */
    static void await(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + max.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Nothing the server accepted was lost: a reader got packets 0 to {@code count - 1} in order, less
     * exactly as many as the server counted as dropped for it (its queue was full).
     */
    static void assertDelivered(List<Integer> got, int count, ServerSession reader) {
        long dropped = reader.stats().outboundRtpPacketsDropped();
        assertEquals(count - dropped, got.size(),
                "delivered = sent - counted drops (" + dropped + " dropped)");
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i) > got.get(i - 1),
                    "in order: " + got.get(i - 1) + " then " + got.get(i));
        }
        assertEquals(count - 1, got.get(got.size() - 1), "the last packet");
    }

    /** An even port whose successor is free too; a bounded number of attempts. */
    static int freeUdpPair() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int p;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                p = probe.getLocalPort() & ~1;
            }
            if (p < 1024) {
                continue;
            }
            try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(LOOPBACK, p));
                 DatagramSocket c = new DatagramSocket(new InetSocketAddress(LOOPBACK, p + 1))) {
                return p;
            } catch (IOException busy) {
                // taken meanwhile: try another
            }
        }
        throw new IOException("no free UDP port pair found on loopback");
    }

    /** An H264 video media and an AAC audio media, as a publisher would announce them. */
    static SessionDescription videoAndAudio() {
        Media video = new Media(MediaType.VIDEO, null, false, null,
                List.of(Formats.h264(96)));
        Media audio = new Media(MediaType.AUDIO, null, false, null,
                List.of(Formats.aac(97)));
        return new SessionDescription("test", List.of(video, audio));
    }

    /** Formats used by the tests, built through the SDP parser the server itself uses. */
    static final class Formats {
        static H264Format h264(int pt) {
            return (H264Format) org.rtspkit.api.Format.fromSdp(pt, "H264/90000",
                    Map.of("packetization-mode", "1", "profile-level-id", "64001f",
                            "sprop-parameter-sets", "Z2QAH6zZQFAFuwEQAAADABAAAAMDwPGDGWA=,aOvjyyLA"));
        }

        static Mpeg4AudioFormat aac(int pt) {
            return (Mpeg4AudioFormat) org.rtspkit.api.Format.fromSdp(pt, "MPEG4-GENERIC/48000/2",
                    Map.of("profile-level-id", "1", "mode", "AAC-hbr", "sizelength", "13", "indexlength", "3",
                            "indexdeltalength", "3", "config", "1190"));
        }
    }

    /** A clock the test moves by hand. */
    static final class ManualClock implements InstantSource {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * Serves the streams put in {@link #streams} to readers, and accepts any publisher, handing its
     * session to {@link #onRecord}.
     */
    static class ServingHandler implements ServerHandler {
        final Map<String, ServerStream> streams = new ConcurrentHashMap<>();
        volatile Consumer<RequestContext> onRecord = c -> { };

        @Override
        public Set<RtspMethod> methods() {
            return EnumSet.of(RtspMethod.DESCRIBE, RtspMethod.ANNOUNCE, RtspMethod.SETUP, RtspMethod.PLAY,
                    RtspMethod.RECORD, RtspMethod.PAUSE);
        }

        @Override
        public StreamResponse onDescribe(RequestContext c) {
            ServerStream s = streams.get(c.path());
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
            ServerStream s = streams.get(c.path());
            return s == null ? StreamResponse.of(RtspStatus.NOT_FOUND) : StreamResponse.ok(s);
        }

        @Override
        public RtspResponse onPlay(RequestContext c) {
            return RtspResponse.ok();
        }

        @Override
        public RtspResponse onRecord(RequestContext c) {
            onRecord.accept(c);
            return RtspResponse.ok();
        }

        @Override
        public RtspResponse onPause(RequestContext c) {
            return RtspResponse.ok();
        }
    }
}
