package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Media;
import org.rtspkit.api.ReceiverReport;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.protocol.sdp.SdpWriter;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.stream.internal.stream.Stream;
import org.rtspkit.testkit.TestRtspClient;

/**
 * Peers that disappear without a word (REFERENCE §4): a publisher whose connection is reset or who
 * falls silent ends its readers within the read timeout; a reader that vanishes is cleaned up without
 * touching the others; and a server closed with clients attached gives every port back at once.
 */
class FaultTest {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(1000);
    private static final String TCP = "Transport: RTP/AVP/TCP;unicast";

    private RtspServer server;
    private RelayHandler handler;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    /**
     * The usual application: what a publisher records is relayed to a stream of the same path, which
     * is closed, ending its readers, when the publisher's session ends.
     */
    static final class RelayHandler extends RecordingHandler {
        volatile RtspServer server;
        private final Map<ServerSession, ServerStream> relays = new ConcurrentHashMap<>();

        RelayHandler() {
            onRecord = c -> {
                SessionDescription announced = c.session().announcedDescription().orElseThrow();
                ServerStream relay = server.createStream(announced);
                relays.put(c.session(), relay);
                streams.put(c.path(), relay);
                // The stream was made from the announced description: its medias are the same objects.
                c.session().onPacketRtpAny(relay::writePacketRtp);
            };
        }

        @Override
        public void onSessionClose(ServerSession session, Throwable error) {
            ServerStream relay = relays.remove(session);
            if (relay != null) {
                streams.values().remove(relay);
                relay.close();
            }
            super.onSessionClose(session, error);
        }
    }

    private void start(ServerConfig.Builder config) throws Exception {
        handler = new RelayHandler();
        server = RtspServers.start(config.senderReports(false).readTimeout(READ_TIMEOUT)
                .checkStreamPeriod(Duration.ofMillis(100)).build(), handler);
        handler.server = server;
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        if (server != null) {
            server.close();
        }
    }

    private String pub() {
        return TestServers.url(server, "/pub");
    }

    private static byte[] sdpVideoOnly() {
        Media video = TestServers.videoAndAudio().medias().get(0).withControl("streamid=0");
        return SdpWriter.write(new SessionDescription("pub", List.of(video))).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] rtp(int seq) {
        return RtpPacket.of(false, 96, seq, seq * 3000L, 0x1234, new byte[] {0x41, 2, 3}).marshal();
    }

    /** ANNOUNCE, SETUP and RECORD over TCP; returns the publisher's session id. */
    private String recordTcp(TestRtspClient c) throws IOException {
        assertEquals(200, c.requestWithBody("ANNOUNCE", pub(), sdpVideoOnly(), "Content-Type: application/sdp").status());
        TestRtspClient.Response s = c.request("SETUP", pub() + "/streamid=0",
                "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record");
        assertEquals(200, s.status());
        assertEquals(200, c.request("RECORD", pub(), "Session: " + s.sessionId()).status());
        return s.sessionId();
    }

    /** ANNOUNCE, SETUP and RECORD over UDP from the client's ports. */
    private void recordUdp(TestRtspClient c, UdpClient udp) throws IOException {
        assertEquals(200, c.requestWithBody("ANNOUNCE", pub(), sdpVideoOnly(), "Content-Type: application/sdp").status());
        TestRtspClient.Response s = c.request("SETUP", pub() + "/streamid=0",
                "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort() + ";mode=record");
        assertEquals(200, s.status());
        assertEquals(200, c.request("RECORD", pub(), "Session: " + s.sessionId()).status());
    }

    /** A TCP reader of the published path, playing. */
    private void playTcp(TestRtspClient c) throws IOException {
        TestRtspClient.Response s = c.request("SETUP", pub() + "/trackID=0", TCP);
        assertEquals(200, s.status());
        assertEquals(200, c.request("PLAY", pub(), "Session: " + s.sessionId()).status());
    }

    /** A UDP reader of the published path, playing. */
    private void playUdp(TestRtspClient c, UdpClient udp) throws IOException {
        TestRtspClient.Response s = c.request("SETUP", pub() + "/trackID=0",
                "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort());
        assertEquals(200, s.status());
        assertEquals(200, c.request("PLAY", pub(), "Session: " + s.sessionId()).status());
    }

    /** Waits for the relay's two readers and the publisher to end; returns how long after {@code since}. */
    private long awaitThreeSessionsClosed(long since) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            handler.awaitSessionClose();
        }
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** Publishes a packet and checks that both readers receive it. */
    private void relayOne(TestRtspClient publisherOrNull, UdpClient publisherUdp, TestRtspClient tcpReader,
                          UdpClient udpReader, int seq) throws IOException {
        if (publisherOrNull != null) {
            publisherOrNull.send(0, rtp(seq));
        } else {
            UdpClient.send(publisherUdp.rtp, rtp(seq), server.config().udpRtpAddress().getPort());
        }
        assertEquals(seq, RtpPacket.unmarshal(tcpReader.frame().data()).sequenceNumber());
        assertEquals(seq, RtpPacket.unmarshal(UdpClient.receive(udpReader.rtp).data()).sequenceNumber());
    }

    @Test
    void publisherWhoseConnectionIsResetEndsItsReadersAtOnce() throws Exception {
        start(TestServers.config(true));
        try (TestRtspClient publisher = new TestRtspClient(server.rtspAddress());
             TestRtspClient tcpReader = new TestRtspClient(server.rtspAddress());
             TestRtspClient udpReaderControl = new TestRtspClient(server.rtspAddress());
             UdpClient udpReader = new UdpClient()) {
            recordTcp(publisher);
            playTcp(tcpReader);
            playUdp(udpReaderControl, udpReader);
            for (int seq = 0; seq < 5; seq++) {
                relayOne(publisher, null, tcpReader, udpReader, seq);
            }
            // A reset, as when the publisher's process dies or its network drops the connection.
            publisher.socket().setSoLinger(true, 0);
            long vanished = System.nanoTime();
            publisher.close();
            long took = awaitThreeSessionsClosed(vanished);
            assertTrue(took < READ_TIMEOUT.toMillis(), "readers ended " + took + " ms after the reset");
            assertTrue(tcpReader.closedByServer(), "the TCP reader's connection is closed");
            assertTrue(handler.streams.isEmpty(), "the path is free again");
        }
    }

    @Test
    void tcpPublisherThatFallsSilentEndsItsReadersWithinTheReadTimeout() throws Exception {
        start(TestServers.config(true));
        try (TestRtspClient publisher = new TestRtspClient(server.rtspAddress());
             TestRtspClient tcpReader = new TestRtspClient(server.rtspAddress());
             TestRtspClient udpReaderControl = new TestRtspClient(server.rtspAddress());
             UdpClient udpReader = new UdpClient()) {
            recordTcp(publisher);
            playTcp(tcpReader);
            playUdp(udpReaderControl, udpReader);
            for (int seq = 0; seq < 5; seq++) {
                relayOne(publisher, null, tcpReader, udpReader, seq);
            }
            long silent = System.nanoTime();
            long took = awaitThreeSessionsClosed(silent);
            assertTrue(took >= READ_TIMEOUT.toMillis() - 100 && took < READ_TIMEOUT.toMillis() + 1000,
                    "readers ended " + took + " ms after the publisher fell silent, with a "
                            + READ_TIMEOUT.toMillis() + " ms read timeout");
            assertTrue(tcpReader.closedByServer(), "the TCP reader's connection is closed");
            assertTrue(publisher.closedByServer(), "the silent publisher's connection is closed");
        }
    }

    @Test
    void udpPublisherThatFallsSilentEndsItsReadersWithinTheReadTimeout() throws Exception {
        start(TestServers.config(true));
        try (TestRtspClient publisher = new TestRtspClient(server.rtspAddress());
             UdpClient publisherUdp = new UdpClient();
             TestRtspClient tcpReader = new TestRtspClient(server.rtspAddress());
             TestRtspClient udpReaderControl = new TestRtspClient(server.rtspAddress());
             UdpClient udpReader = new UdpClient()) {
            recordUdp(publisher, publisherUdp);
            playTcp(tcpReader);
            playUdp(udpReaderControl, udpReader);
            for (int seq = 0; seq < 5; seq++) {
                relayOne(null, publisherUdp, tcpReader, udpReader, seq);
            }
            // The RTSP connection stays open and quiet, as FFmpeg's does while it publishes over UDP.
            long silent = System.nanoTime();
            long took = awaitThreeSessionsClosed(silent);
            assertTrue(took >= READ_TIMEOUT.toMillis() - 100 && took < READ_TIMEOUT.toMillis() + 1000,
                    "readers ended " + took + " ms after the publisher fell silent, with a "
                            + READ_TIMEOUT.toMillis() + " ms read timeout");
            assertTrue(tcpReader.closedByServer(), "the TCP reader's connection is closed");
        }
    }

    /**
     * Of four readers, a TCP one whose connection is reset and a UDP one that disappears without a
     * TEARDOWN are removed (the first at once, the second by the idle timeout); the two that stay
     * receive every packet written meanwhile, less those the server counted as dropped for them.
     */
    @Test
    void vanishingReadersAreCleanedUpWithoutTouchingTheOthers() throws Exception {
        handler = new RelayHandler();
        server = RtspServers.start(TestServers.config(true).senderReports(false)
                .idleTimeout(Duration.ofSeconds(1)).checkStreamPeriod(Duration.ofMillis(100)).build(), handler);
        Stream stream = (Stream) server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/pub", stream);
        Media video = stream.description().medias().get(0);
        int packets = 2000;
        try (TestRtspClient stayingTcp = new TestRtspClient(server.rtspAddress());
             TestRtspClient stayingUdpControl = new TestRtspClient(server.rtspAddress());
             UdpClient stayingUdp = new UdpClient();
             TestRtspClient goneTcp = new TestRtspClient(server.rtspAddress());
             TestRtspClient goneUdpControl = new TestRtspClient(server.rtspAddress())) {
            UdpClient goneUdp = new UdpClient();
            stayingUdp.rtp.setReceiveBufferSize(1 << 20);
            playTcp(stayingTcp);
            ServerSession stayingTcpSession = handler.awaitSessionOpen();
            playUdp(stayingUdpControl, stayingUdp);
            ServerSession stayingUdpSession = handler.awaitSessionOpen();
            playTcp(goneTcp);
            ServerSession goneTcpSession = handler.awaitSessionOpen();
            playUdp(goneUdpControl, goneUdp);
            ServerSession goneUdpSession = handler.awaitSessionOpen();
            assertEquals(4, stream.readers().size());

            Future<List<Integer>> tcpGot = pool.submit(() -> {
                List<Integer> seqs = new ArrayList<>();
                int seq = -1;
                while (seq != packets - 1) {
                    TestRtspClient.Frame f = stayingTcp.frame();
                    if (f.channel() == 0) {
                        seq = RtpPacket.unmarshal(f.data()).sequenceNumber();
                        seqs.add(seq);
                    }
                }
                return seqs;
            });
            Future<List<Integer>> udpGot = pool.submit(() -> {
                List<Integer> seqs = new ArrayList<>();
                int seq = -1;
                while (seq != packets - 1) {
                    seq = RtpPacket.unmarshal(UdpClient.receive(stayingUdp.rtp).data()).sequenceNumber();
                    seqs.add(seq);
                }
                return seqs;
            });
            // The UDP reader that stays keeps itself alive with receiver reports, as players do.
            byte[] report = new ReceiverReport(0x99, List.of()).marshal();
            for (int seq = 0; seq < packets; seq++) {
                if (seq == 200) {
                    goneTcp.socket().setSoLinger(true, 0);
                    goneTcp.close();
                    goneUdp.close();
                    goneUdpControl.close();
                }
                if (seq % 100 == 0) {
                    UdpClient.send(stayingUdp.rtcp, report, server.config().udpRtcpAddress().getPort());
                    stayingTcp.send(1, report);
                }
                stream.writePacketRtp(video, RtpPacket.of(false, 96, seq, seq * 3000L, 0, new byte[] {0x41, 1}));
                // About 1,000 packets a second: the test lasts past the idle timeout.
                LockSupport.parkNanos(1_000_000);
            }
            TestServers.assertDelivered(tcpGot.get(10, TimeUnit.SECONDS), packets, stayingTcpSession);
            TestServers.assertDelivered(udpGot.get(10, TimeUnit.SECONDS), packets, stayingUdpSession);

            List<ServerSession> ended = List.of(handler.awaitSessionClose().session(), handler.awaitSessionClose().session());
            assertTrue(ended.contains(goneTcpSession) && ended.contains(goneUdpSession), "ended: " + ended);
            assertEquals(List.of(stayingTcpSession, stayingUdpSession), List.copyOf(stream.readers()));
            assertTrue(handler.sessionCloses.isEmpty(), "only the vanished readers ended");
        }
    }

    /**
     * Extends SessionLifecycleTest#closingTheServerReleasesEveryPort: three times over, a server with a
     * publisher, TCP and UDP readers and an idle connection attached is closed; every client sees its
     * connection end, a new server binds the same RTSP and UDP ports at once, and no thread or
     * descriptor of the closed servers is left.
     */
    @Test
    void serverClosedWithClientsAttachedGivesEverythingBack() throws Exception {
        int udpPort = TestServers.freeUdpPair();
        InetSocketAddress rtp = new InetSocketAddress(TestServers.LOOPBACK, udpPort);
        InetSocketAddress rtcp = new InetSocketAddress(TestServers.LOOPBACK, udpPort + 1);
        InetSocketAddress rtsp = null;
        Map<String, Integer> threadsBefore = Resources.serverThreads();
        long fdsBefore = Resources.openFileDescriptors();
        for (int round = 0; round < 3; round++) {
            handler = new RelayHandler();
            server = RtspServers.start(ServerConfig.builder()
                    .rtspAddress(rtsp == null ? new InetSocketAddress(TestServers.LOOPBACK, 0) : rtsp)
                    .udpAddresses(rtp, rtcp).ioThreads(2).senderReports(false).build(), handler);
            handler.server = server;
            if (rtsp == null) {
                rtsp = server.rtspAddress();
            }
            assertEquals(rtsp, server.rtspAddress(), "round " + round + " binds the same port");
            try (TestRtspClient publisher = new TestRtspClient(rtsp);
                 TestRtspClient tcpReader = new TestRtspClient(rtsp);
                 TestRtspClient udpReaderControl = new TestRtspClient(rtsp);
                 UdpClient udpReader = new UdpClient();
                 Socket idle = new Socket(rtsp.getAddress(), rtsp.getPort())) {
                recordTcp(publisher);
                playTcp(tcpReader);
                playUdp(udpReaderControl, udpReader);
                relayOne(publisher, null, tcpReader, udpReader, round);
                server.close();
                server = null;
                assertTrue(publisher.closedByServer(), "publisher");
                assertTrue(tcpReader.closedByServer(), "TCP reader");
                assertTrue(udpReaderControl.closedByServer(), "UDP reader");
                idle.setSoTimeout(5000);
                assertEquals(-1, idle.getInputStream().read(), "idle connection");
            }
        }
        TestServers.await("the closed servers' threads to end", Duration.ofSeconds(5),
                () -> Resources.serverThreads().entrySet().stream()
                        .allMatch(e -> e.getValue() <= threadsBefore.getOrDefault(e.getKey(), 0)));
        TestServers.await("the closed servers' descriptors to be released", Duration.ofSeconds(5),
                () -> Resources.openFileDescriptors() <= fdsBefore + Resources.FD_TOLERANCE);
    }
}
