package org.rtspkit.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.AnnounceContext;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.client.ClientConfig;
import org.rtspkit.client.RtspClient;
import org.rtspkit.client.TransportMode;
import org.rtspkit.stream.RtspServers;

/**
 * RTSPS with SRTP (keys exchanged with MIKEY) against rtspkit's own engine: the client reads over
 * TCP and UDP and publishes over TCP and UDP; every packet must arrive decrypted, in order.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RtspkitEngineSrtpTest {
    @TempDir
    static Path dir;
    private static RtspServer server;
    private static ServerStream stream;
    private static ScheduledExecutorService writer;
    private static final List<RtpPacket> published = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The wall-clock time the engine gives each published packet, from the client's sender reports. */
    private static final List<java.util.Optional<java.time.Instant>> publishedNtp =
            java.util.Collections.synchronizedList(new ArrayList<>());

    static SessionDescription video() {
        return new SessionDescription("test", List.of(Media.of(MediaType.VIDEO, null,
                Format.fromSdp(96, "H264/90000", Map.of("packetization-mode", "1")))));
    }

    @BeforeAll
    static void start() throws Exception {
        int udp = freeUdpPair();
        InetAddress lo = InetAddress.getLoopbackAddress();
        ServerConfig config = ServerConfig.builder()
                .rtspAddress(new InetSocketAddress(lo, 0))
                .udpAddresses(new InetSocketAddress(lo, udp), new InetSocketAddress(lo, udp + 1))
                .tlsContext(tls(dir))
                .build();
        server = RtspServers.start(config, s -> new ServerHandler() {
            @Override
            public Set<RtspMethod> methods() {
                return EnumSet.of(RtspMethod.DESCRIBE, RtspMethod.SETUP, RtspMethod.PLAY, RtspMethod.ANNOUNCE,
                        RtspMethod.RECORD, RtspMethod.GET_PARAMETER);
            }

            @Override
            public StreamResponse onDescribe(RequestContext c) {
                return StreamResponse.ok(stream);
            }

            @Override
            public StreamResponse onSetup(SetupContext c) {
                return c.path().equals("/publish") ? new StreamResponse(RtspResponse.ok(), null) : StreamResponse.ok(stream);
            }

            @Override
            public RtspResponse onPlay(RequestContext c) {
                return RtspResponse.ok();
            }

            @Override
            public RtspResponse onAnnounce(AnnounceContext c) {
                return RtspResponse.ok();
            }

            @Override
            public RtspResponse onRecord(RequestContext c) {
                c.session().onPacketRtpAny((m, p) -> {
                    published.add(p);
                    publishedNtp.add(c.session().packetNtp(m, p));
                });
                return RtspResponse.ok();
            }

            @Override
            public RtspResponse onGetParameter(RequestContext c) {
                return RtspResponse.ok();
            }
        });
        stream = server.createStream(video());
        Media media = stream.description().medias().get(0);
        AtomicInteger seq = new AtomicInteger();
        writer = Executors.newSingleThreadScheduledExecutor();
        writer.scheduleAtFixedRate(() -> {
            int n = seq.getAndIncrement();
            byte[] payload = new byte[200];
            payload[0] = (byte) (n % 25 == 0 ? 0x65 : 0x41);
            // one packet every 5 ms: 450 ticks of the 90 kHz clock
            stream.writePacketRtp(media, RtpPacket.of(true, 96, n & 0xFFFF, (n * 450L) & 0xFFFF_FFFFL, 0, payload));
        }, 0, 5, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() {
        if (writer != null) {
            writer.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String url(String path) {
        return "rtsps://127.0.0.1:" + server.rtspAddress().getPort() + path;
    }

    private void read(TransportMode mode, TransportProtocol expected) throws Exception {
        Collector c = new Collector();
        ClientConfig config = ClientConfig.builder().transport(mode).tlsVerify(false).build();
        try (RtspClient client = RtspClient.connect(url("/stream"), config, c)) {
            client.describe();
            client.setupAll();
            client.play();
            assertEquals(expected, client.transport());
            assertTrue(c.firstPacket.await(10, TimeUnit.SECONDS), "no packet over " + mode);
            Thread.sleep(1500);
            assertEquals(0, client.stats().medias().get(0).rtpPacketsInError(), "SRTP packets refused");
            // the engine sends a sender report right after the first key frame: wall-clock times follow
            assertTrue(c.senderReports.get() > 0, "no sender report over " + mode);
            java.time.Instant ntp = client.packetNtp(c.lastMedia, c.lastPacket).orElseThrow();
            assertTrue(Math.abs(java.time.Duration.between(ntp, java.time.Instant.now()).toMillis()) < 2000,
                    "packetNtp " + ntp + " is far from now");
        }
        assertTrue(c.packets.get() > 150, c.packets + " packets over " + mode);
        assertEquals(List.of(), c.sequenceBreaks, "sequence over " + mode);
        System.out.println("interop: read rtspkit engine RTSPS+SRTP, " + mode + ": " + c.packets
                + " packets decrypted, 0 lost, in sequence");
    }

    @Test
    void readsSrtpOverTcp() throws Exception {
        read(TransportMode.TCP, TransportProtocol.TCP);
    }

    @Test
    void readsSrtpOverUdp() throws Exception {
        read(TransportMode.UDP, TransportProtocol.UDP);
    }

    private void publish(TransportMode mode) throws Exception {
        published.clear();
        publishedNtp.clear();
        ClientConfig config = ClientConfig.builder().transport(mode).tlsVerify(false).build();
        SessionDescription d = video();
        try (RtspClient client = RtspClient.connect(url("/publish"), config, new Collector())) {
            client.announce(d);
            client.setupAll();
            client.record();
            for (int i = 0; i < 200; i++) {
                client.writePacketRtp(d.medias().get(0), RtpPacket.of(true, 96, (1000 + i) & 0xFFFF, i * 3600L, 0,
                        new byte[] {0x41, (byte) i, 2, 3}));
                Thread.sleep(2);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (published.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(200, published.size(), "packets the engine decrypted over " + mode);
        // the client's first sender report goes right after its first packet
        assertTrue(publishedNtp.get(199).isPresent(), "the engine had no sender report from the client over " + mode);
        for (int i = 0; i < 200; i++) {
            assertEquals((1000 + i) & 0xFFFF, published.get(i).sequenceNumber());
            assertEquals((byte) i, published.get(i).payload()[1]);
        }
        System.out.println("interop: publish into rtspkit engine RTSPS+SRTP, " + mode + ": 200 packets sent, "
                + published.size() + " decrypted by the engine, in sequence");
    }

    @Test
    void publishesSrtpOverTcp() throws Exception {
        publish(TransportMode.TCP);
    }

    @Test
    void publishesSrtpOverUdp() throws Exception {
        publish(TransportMode.UDP);
    }

    static int freeUdpPair() throws Exception {
        for (int i = 0; i < 100; i++) {
            try (java.net.DatagramSocket a = new java.net.DatagramSocket(0)) {
                int p = a.getLocalPort();
                if (p % 2 != 0) {
                    continue;
                }
                try (java.net.DatagramSocket b = new java.net.DatagramSocket(p + 1)) {
                    return p;
                } catch (java.net.SocketException e) {
                    // taken
                }
            }
        }
        throw new IllegalStateException("no free UDP pair");
    }

    static SSLContext tls(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Tools.Result r = Tools.run(List.of(keytool.toString(), "-genkeypair", "-alias", "rtspkit", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit"), 60);
        assertEquals(0, r.exit(), r.output());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
