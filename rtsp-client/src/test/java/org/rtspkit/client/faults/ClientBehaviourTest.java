package org.rtspkit.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtspkit.client.faults.FakeRtspServer.describe;
import static org.rtspkit.client.faults.FakeRtspServer.ok;
import static org.rtspkit.client.faults.FakeRtspServer.offers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.client.ClientConfig;
import org.rtspkit.client.ClientHandler;
import org.rtspkit.client.RtspClient;
import org.rtspkit.client.RtspClientException;
import org.rtspkit.client.RtspTimeoutException;
import org.rtspkit.client.TransportMode;

/** What the client does on its own: transport fallbacks, redirects, keep-alives, silence. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientBehaviourTest {
    /** Counts packets and remembers transport changes and the end. */
    static final class Handler implements ClientHandler {
        final AtomicInteger packets = new AtomicInteger();
        final CountDownLatch gotPackets = new CountDownLatch(20);
        final AtomicReference<String> change = new AtomicReference<>();
        final CompletableFuture<RtspClientException> closed = new CompletableFuture<>();

        @Override
        public void onPacketRtp(Media media, Format format, RtpPacket packet) {
            packets.incrementAndGet();
            gotPackets.countDown();
        }

        @Override
        public void onTransportChange(TransportProtocol from, TransportProtocol to, String reason) {
            change.set(from + "->" + to + ": " + reason);
        }

        @Override
        public void onClose(RtspClientException error) {
            closed.complete(error);
        }
    }

    /** Serves TCP play by streaming frames on the connection right after the PLAY answer. */
    private static String tcpServer(FakeRtspServer.Request r, FakeRtspServer.Connection c, String publicMethods) {
        switch (r.method()) {
            case "OPTIONS":
                return ok("Public: " + publicMethods + "\r\n");
            case "DESCRIBE":
                return describe("rtsp://127.0.0.1/cam/");
            case "SETUP":
                if (offers(r, "client_port")) {
                    return "RTSP/1.0 461 Unsupported Transport\r\n\r\n";
                }
                return ok("Session: abc;timeout=60\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n");
            case "PLAY":
                Thread t = new Thread(() -> {
                    try {
                        Thread.sleep(50);
                        for (int i = 0; i < 50; i++) {
                            c.write(FakeRtspServer.rtpFrame(0, i));
                        }
                    } catch (Exception e) {
                        // client gone
                    }
                });
                t.setDaemon(true);
                t.start();
                return ok("Session: abc\r\n");
            default:
                return ok("Session: abc\r\n");
        }
    }

    @Test
    void autoMovesToTcpOn461() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer((r, c) -> tcpServer(r, c, "DESCRIBE, SETUP, PLAY, TEARDOWN"))) {
            Handler h = new Handler();
            try (RtspClient client = RtspClient.connect(server.url("/cam"), ClientConfig.defaults(), h)) {
                client.describe();
                client.setupAll();
                client.play();
                assertEquals(TransportProtocol.TCP, client.transport());
                assertTrue(h.gotPackets.await(10, TimeUnit.SECONDS));
            }
            assertTrue(h.change.get().startsWith("UDP->TCP: the server answered 461"), h.change.get());
            assertEquals(List.of("OPTIONS", "DESCRIBE", "SETUP", "SETUP", "PLAY", "TEARDOWN"), server.methods());
        }
    }

    @Test
    void autoMovesToTcpWhenNothingComesOverUdp() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer((r, c) -> {
            if (r.method().equals("SETUP") && offers(r, "client_port")) {
                // accepted, but no datagram will ever come: a firewall in between
                return ok("Session: udp1;timeout=60\r\nTransport: RTP/AVP;unicast;client_port=1-2;server_port=40000-40001\r\n");
            }
            return tcpServer(r, c, "DESCRIBE, SETUP, PLAY, TEARDOWN");
        })) {
            Handler h = new Handler();
            ClientConfig config = ClientConfig.builder().udpFallbackTimeout(Duration.ofMillis(500)).build();
            try (RtspClient client = RtspClient.connect(server.url("/cam"), config, h)) {
                client.describe();
                client.setupAll();
                client.play();
                assertEquals(TransportProtocol.UDP, client.transport());
                assertTrue(h.gotPackets.await(10, TimeUnit.SECONDS), "packets after moving to TCP");
                assertEquals(TransportProtocol.TCP, client.transport());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (client.stats().rtpPacketsReceived() < 50 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(50, client.stats().rtpPacketsReceived());
            }
            assertTrue(h.change.get().startsWith("UDP->TCP: no packet arrived over UDP within 500 ms of PLAY"), h.change.get());
            List<String> methods = server.methods();
            assertEquals(List.of("OPTIONS", "DESCRIBE", "SETUP", "PLAY", "TEARDOWN", "OPTIONS", "DESCRIBE", "SETUP", "PLAY",
                    "TEARDOWN"), methods);
            assertEquals(1, server.requests.get(5).connection(), "TCP is tried on a new connection");
        }
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        try (FakeRtspServer target = new FakeRtspServer((r, c) -> tcpServer(r, c, "DESCRIBE, SETUP, PLAY"));
             FakeRtspServer first = new FakeRtspServer((r, c) -> r.method().equals("DESCRIBE")
                     ? "RTSP/1.0 302 Found\r\nLocation: " + target.url("/moved") + "\r\n\r\n"
                     : ok("Public: DESCRIBE\r\n"))) {
            try (RtspClient client = RtspClient.connect(first.url("/cam"), ClientConfig.defaults(), new Handler())) {
                assertEquals(1, client.describe().medias().size());
                assertEquals(target.url("/moved"), client.url());
            }
            assertTrue(target.requests.stream().anyMatch(r -> r.method().equals("DESCRIBE") && r.uri().endsWith("/moved")));
        }
    }

    @Test
    void tooManyRedirectsEndWithAMessage() throws Exception {
        AtomicReference<FakeRtspServer> self = new AtomicReference<>();
        try (FakeRtspServer loop = new FakeRtspServer((r, c) -> r.method().equals("DESCRIBE")
                ? "RTSP/1.0 301 Moved Permanently\r\nLocation: " + self.get().url("/again") + "\r\n\r\n" : ok(""))) {
            self.set(loop);
            ClientConfig config = ClientConfig.builder().maxRedirects(3).build();
            try (RtspClient client = RtspClient.connect(loop.url("/cam"), config, new Handler())) {
                RtspClientException e = org.junit.jupiter.api.Assertions.assertThrows(RtspClientException.class, client::describe);
                assertTrue(e.getMessage().endsWith("more than 3 redirects (maxRedirects)"), e.getMessage());
            }
        }
    }

    private List<String> keepAlives(String publicMethods) throws Exception {
        try (FakeRtspServer server = new FakeRtspServer((r, c) -> tcpServer(r, c, publicMethods))) {
            ClientConfig config = ClientConfig.builder().transport(TransportMode.TCP)
                    .keepAlivePeriod(Duration.ofMillis(200)).build();
            try (RtspClient client = RtspClient.connect(server.url("/cam"), config, new Handler())) {
                client.describe();
                client.setupAll();
                client.play();
                Thread.sleep(1000);
            }
            return server.requests.stream().filter(r -> "abc".equals(r.header("Session")))
                    .map(FakeRtspServer.Request::method).distinct().toList();
        }
    }

    @Test
    void keepAlivesUseGetParameterWhenTheServerListsIt() throws Exception {
        assertTrue(keepAlives("DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN").contains("GET_PARAMETER"));
    }

    @Test
    void keepAlivesUseOptionsOtherwise() throws Exception {
        List<String> methods = keepAlives("DESCRIBE, SETUP, PLAY, TEARDOWN");
        assertTrue(methods.contains("OPTIONS") && !methods.contains("GET_PARAMETER"), methods.toString());
    }

    @Test
    void silenceOverTcpEndsTheSession() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer((r, c) -> r.method().equals("PLAY") ? ok("Session: abc\r\n")
                : tcpServer(r, c, "DESCRIBE, SETUP, PLAY"))) {
            Handler h = new Handler();
            ClientConfig config = ClientConfig.builder().transport(TransportMode.TCP).readTimeout(Duration.ofSeconds(1)).build();
            try (RtspClient client = RtspClient.connect(server.url("/cam"), config, h)) {
                client.describe();
                client.setupAll();
                client.play();
                RtspClientException e = h.closed.get(5, TimeUnit.SECONDS);
                assertNotNull(e);
                assertInstanceOf(RtspTimeoutException.class, e);
                assertTrue(e.getMessage().contains("nothing arrived on the RTSP connection for 1000 ms (readTimeout)"),
                        e.getMessage());
                ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> client.terminated().toCompletableFuture().get(1, TimeUnit.SECONDS));
                assertEquals(e, failed.getCause());
            }
        }
    }

    @Test
    void theServerClosingWhilePlayingEndsTheSession() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer((r, c) -> tcpServer(r, c, "DESCRIBE, SETUP, PLAY"))) {
            Handler h = new Handler();
            try (RtspClient client = RtspClient.connect(server.url("/cam"),
                    ClientConfig.builder().transport(TransportMode.TCP).build(), h)) {
                client.describe();
                client.setupAll();
                client.play();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (client.stats().rtpPacketsReceived() < 50 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                server.close();
                RtspClientException e = h.closed.get(5, TimeUnit.SECONDS);
                assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
                assertEquals(50, client.stats().rtpPacketsReceived(), "the counts stay readable");
            }
        }
    }

    @Test
    void receiverReportsDescribeWhatArrived() throws Exception {
        try (FakeRtspServer server = new FakeRtspServer((r, c) -> tcpServer(r, c, "DESCRIBE, SETUP, PLAY"))) {
            ClientConfig config = ClientConfig.builder().transport(TransportMode.TCP)
                    .receiverReportPeriod(Duration.ofMillis(200)).build();
            Handler h = new Handler();
            try (RtspClient client = RtspClient.connect(server.url("/cam"), config, h)) {
                client.describe();
                client.setupAll();
                client.play();
                assertTrue(h.gotPackets.await(10, TimeUnit.SECONDS));
                Thread.sleep(700);
            }
            org.rtspkit.api.ReceptionReport last = null;
            for (byte[] f : server.frames) {
                assertEquals(1, f[0], "RTCP goes on the RTCP channel");
                for (org.rtspkit.api.RtcpPacket p : org.rtspkit.api.RtcpPacket.unmarshalCompound(f, 1, f.length - 1)) {
                    if (p instanceof org.rtspkit.api.ReceiverReport rr && !rr.reports().isEmpty()) {
                        last = rr.reports().get(0);
                    }
                }
            }
            assertNotNull(last, "no receiver report with a block among " + server.frames.size() + " frames");
            assertEquals(0x1234, last.ssrc());
            assertEquals(49, last.lastSequenceNumber());
            assertEquals(0, last.totalLost());
        }
    }
}
