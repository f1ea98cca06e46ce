package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtspkit.api.Media;
import org.rtspkit.api.ReceiverReport;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/**
 * Hostile clients over real loopback sockets: oversized and malformed input, junk, connections that
 * never speak, a reader flooding the server, datagrams from strangers, a session borrowed from another
 * address. The server must answer as REFERENCE §2/§3.2 say, keep serving everyone else, lose nothing
 * it accepted and leave nothing open. Every loop here is bounded in count and in time.
 */
class AbuseTest {
    private static final String TCP = "Transport: RTP/AVP/TCP;unicast";

    private RtspServer server;
    private ServerStream stream;
    private CountingHandler handler;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    /** Counts decode errors instead of keeping them: a flood produces one per frame. */
    static final class CountingHandler extends RecordingHandler {
        final AtomicLong decodeErrorCount = new AtomicLong();

        @Override
        public void onDecodeError(ServerSession session, Exception error) {
            decodeErrorCount.incrementAndGet();
        }
    }

    private void start(ServerConfig.Builder config) throws Exception {
        handler = new CountingHandler();
        server = RtspServers.start(config.senderReports(false).build(), handler);
        stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        if (server != null) {
            server.close();
        }
    }

    private String base() {
        return TestServers.url(server, "/teststream");
    }

    private Media video() {
        return stream.description().medias().get(0);
    }

    private void write(int seq) {
        stream.writePacketRtp(video(), RtpPacket.of(false, 96, seq & 0xFFFF, seq * 3000L, 0, new byte[] {0x41, 1, 2}));
    }

    /**
     * Writes packets {@code from} to {@code to - 1}, pausing a millisecond every 16 so that the I/O
     * loops keep up even on a busy two-core machine.
     */
    private void write(int from, int to) {
        for (int seq = from; seq < to; seq++) {
            write(seq);
            if (seq % 16 == 15) {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    /** The session the server opened last. */
    private ServerSession lastSession() throws InterruptedException {
        ServerSession s = handler.awaitSessionOpen();
        while (!handler.sessionOpens.isEmpty()) {
            s = handler.sessionOpens.poll();
        }
        return s;
    }

    /**
     * A TCP reader of the video, playing; its frames are read by the returned task until packet
     * {@code last} arrives.
     */
    private Future<List<Integer>> tcpReader(TestRtspClient c, int last) throws IOException {
        String session = c.request("SETUP", base() + "/trackID=0", TCP).sessionId();
        assertEquals(200, c.request("PLAY", base(), "Session: " + session).status());
        return pool.submit(() -> {
            List<Integer> seqs = new ArrayList<>();
            int seq = -1;
            while (seq != last) {
                TestRtspClient.Frame f = c.frame();
                if (f.channel() == 0) {
                    seq = RtpPacket.unmarshal(f.data()).sequenceNumber();
                    seqs.add(seq);
                }
            }
            return seqs;
        });
    }

    /** Reads what the server sends until it closes the connection; fails if it stays open 5 s. */
    private static int bytesUntilClosed(Socket s) throws IOException {
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        int total = 0;
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        } catch (IOException reset) {
            // closed while we were still sending: as good as a close
        }
        return total;
    }

    /** Writes what it can of {@code bytes}: the server may close the connection before the end. */
    private static void writeQuietly(Socket s, byte[] bytes) {
        try {
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
        } catch (IOException closedMeanwhile) {
            // the server refused the input before it was all sent
        }
    }

    // ---- oversized and malformed requests

    static Stream<Arguments> brokenRequests() {
        String big = "a".repeat(3000);
        return Stream.of(
                Arguments.of("request line over the URL limit", "OPTIONS rtsp://127.0.0.1/" + big + " RTSP/1.0\r\nCSeq: 1\r\n\r\n"),
                Arguments.of("method over its limit", "SE" + "T".repeat(100) + " rtsp://127.0.0.1/x RTSP/1.0\r\nCSeq: 1\r\n\r\n"),
                Arguments.of("protocol over its limit", "OPTIONS * RTSP/" + "1".repeat(100) + "\r\nCSeq: 1\r\n\r\n"),
                Arguments.of("another protocol", "OPTIONS * HTTP/1.1\r\nCSeq: 1\r\n\r\n"),
                Arguments.of("header value over its limit", "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX-Big: " + big + "\r\n\r\n"),
                Arguments.of("header key over its limit", "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n" + "X".repeat(600) + ": v\r\n\r\n"),
                Arguments.of("too many header lines", "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n" + "X-Line: v\r\n".repeat(300) + "\r\n"),
                Arguments.of("body over its limit", "ANNOUNCE rtsp://127.0.0.1/pub RTSP/1.0\r\nCSeq: 1\r\n"
                        + "Content-Type: application/sdp\r\nContent-Length: 200000\r\n\r\n" + "v=0\r\n".repeat(100)),
                Arguments.of("unreadable Content-Length", "ANNOUNCE rtsp://127.0.0.1/pub RTSP/1.0\r\nCSeq: 1\r\n"
                        + "Content-Length: 12x\r\n\r\n"),
                Arguments.of("header line without a colon", "OPTIONS * RTSP/1.0\r\nCSeq 1\r\n\r\n"),
                Arguments.of("control character in the URL", "DESCRIBE rtsp://127.0.0.1/a\u0001b RTSP/1.0\r\nCSeq: 1\r\n\r\n"),
                Arguments.of("a response instead of a request", "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n"));
    }

    /**
     * REFERENCE §2: a request that breaks a limit or cannot be parsed closes its connection without
     * a response. A reader playing meanwhile loses nothing: every packet written before, during and
     * after arrives, in order.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRequests")
    void brokenRequestClosesItsConnectionWithoutAResponseAndAReaderKeepsReceiving(String what, String request)
            throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient reader = new TestRtspClient(server.rtspAddress());
             Socket attacker = new Socket(TestServers.LOOPBACK, server.rtspAddress().getPort())) {
            Future<List<Integer>> got = tcpReader(reader, 299);
            ServerSession session = lastSession();
            write(0, 100);
            writeQuietly(attacker, request.getBytes(StandardCharsets.ISO_8859_1));
            write(100, 200);
            assertEquals(0, bytesUntilClosed(attacker), what + ": no response on a parse error");
            write(200, 299);
            Thread.sleep(50);
            write(299);
            TestServers.assertDelivered(got.get(10, TimeUnit.SECONDS), 300, session);
            assertEquals(200, reader.request("OPTIONS", base()).status(), "the reader's connection still serves requests");
        }
        RecordingHandler.ConnectionClosed closed = handler.awaitConnectionClose();
        assertTrue(closed.error() instanceof RtspkitException, what + ": closed with " + closed.error());
    }

    /**
     * Random bytes from twenty clients: each connection is either closed or still answers, nothing
     * else fails, every connection ends when its client leaves, and the server serves a new client.
     */
    @Test
    void randomBytesDoNotDisturbTheServer() throws Exception {
        start(TestServers.config(false));
        int clients = 20;
        try (TestRtspClient reader = new TestRtspClient(server.rtspAddress())) {
            Future<List<Integer>> got = tcpReader(reader, 99);
            ServerSession session = lastSession();
            for (int i = 0; i < clients; i++) {
                byte[] junk = new byte[16 * 1024];
                new Random(i).nextBytes(junk);
                try (Socket s = new Socket(TestServers.LOOPBACK, server.rtspAddress().getPort())) {
                    s.setSoTimeout(200);
                    writeQuietly(s, junk);
                    writeQuietly(s, "\r\n\r\nOPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    try {
                        s.getInputStream().read(new byte[1024]);
                    } catch (IOException closedOrSilent) {
                        // either outcome is fine; what matters is what the server does next
                    }
                }
                write(i);
            }
            write(clients, 99);
            Thread.sleep(50);
            write(99);
            TestServers.assertDelivered(got.get(10, TimeUnit.SECONDS), 100, session);
            try (TestRtspClient fresh = new TestRtspClient(server.rtspAddress())) {
                assertEquals(200, fresh.request("OPTIONS", base()).status());
            }
        }
        // Every junk connection, the reader's and the fresh one end, each for an expected reason.
        for (int i = 0; i < clients + 2; i++) {
            Throwable error = handler.awaitConnectionClose().error();
            assertTrue(error == null || error instanceof IOException || error instanceof RtspkitException,
                    "a connection ended with an unexpected " + error);
        }
    }

    // ---- connections that never speak

    /**
     * 2,000 connections that never send a byte are all closed by the idle timeout, the descriptors
     * they held are released, and the server answers a new client right away.
     */
    @Test
    void twoThousandSilentConnectionsAreClosedAndReleased() throws Exception {
        start(TestServers.config(false).idleTimeout(Duration.ofSeconds(1)).checkStreamPeriod(Duration.ofMillis(100)));
        int count = 2000;
        long fdsBefore = Resources.openFileDescriptors();
        List<Socket> silent = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                silent.add(new Socket(TestServers.LOOPBACK, server.rtspAddress().getPort()));
            }
            TestServers.await("every silent connection to be accepted", Duration.ofSeconds(10),
                    () -> handler.connectionOpens.size() >= count);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            for (Socket s : silent) {
                int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                s.setSoTimeout(left);
                try {
                    assertEquals(-1, s.getInputStream().read(), "the server sent something to a silent client");
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("a silent connection was still open 15 s after it was made", e);
                }
            }
            try (TestRtspClient fresh = new TestRtspClient(server.rtspAddress())) {
                assertEquals(200, fresh.request("OPTIONS", base()).status());
            }
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
        TestServers.await("every silent connection's end to be reported", Duration.ofSeconds(10),
                () -> handler.connectionCloses.size() >= count + 1);
        for (RecordingHandler.ConnectionClosed c : handler.connectionCloses) {
            if (c.error() != null) {
                assertTrue(c.message().startsWith("read timed out"), c.message());
            }
        }
        // Both ends of every connection lived in this JVM: all of them are gone again.
        TestServers.await("the descriptors to be released", Duration.ofSeconds(10),
                () -> Resources.openFileDescriptors() <= fdsBefore + Resources.FD_TOLERANCE);
    }

    // ---- a reader flooding the server

    /**
     * A TCP reader that writes interleaved frames as fast as it can (RTP the server ignores, receiver
     * reports it reads, frames on channels nobody uses) and never reads: another reader still gets
     * every packet, and a third client's requests are answered promptly all the while.
     */
    @Test
    void floodingReaderDoesNotStarveOthers() throws Exception {
        start(TestServers.config(false));
        int packets = 1000;
        try (TestRtspClient reader = new TestRtspClient(server.rtspAddress());
             TestRtspClient flooder = new TestRtspClient(server.rtspAddress());
             TestRtspClient asker = new TestRtspClient(server.rtspAddress())) {
            Future<List<Integer>> got = tcpReader(reader, packets - 1);
            ServerSession readerSession = lastSession();
            String floodSession = flooder.request("SETUP", base() + "/trackID=0", TCP).sessionId();
            assertEquals(200, flooder.request("PLAY", base(), "Session: " + floodSession).status());

            byte[] burst = floodBurst();
            long floodUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            Future<Long> flood = pool.submit(() -> {
                long sent = 0;
                // Bounded by time and volume.
                while (System.nanoTime() < floodUntil && sent < 2_000_000_000L) {
                    flooder.writeRaw(burst);
                    sent += burst.length;
                }
                return sent;
            });
            long slowest = 0;
            for (int seq = 0; seq < packets; seq++) {
                write(seq);
                if (seq % 50 == 0) {
                    long t0 = System.nanoTime();
                    assertEquals(200, asker.request("OPTIONS", base()).status());
                    slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
                }
                Thread.sleep(0, 500_000);
            }
            long flooded = flood.get(10, TimeUnit.SECONDS);
            TestServers.assertDelivered(got.get(10, TimeUnit.SECONDS), packets, readerSession);
            assertTrue(slowest < 1000, "a request waited " + slowest + " ms behind the flood");
            assertTrue(flooded > 1_000_000, "the flood sent only " + flooded + " bytes");
            assertEquals(200, asker.request("OPTIONS", base()).status());
        }
    }

    /** Frames of every kind a flooder sends: RTP on the media's channel, receiver reports, an unused channel. */
    private static byte[] floodBurst() {
        byte[] rtp = RtpPacket.of(false, 96, 1, 0, 1, new byte[1000]).marshal();
        byte[] rr = new ReceiverReport(7, List.of()).marshal();
        byte[] other = new byte[500];
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            frame(b, 0, rtp);
            frame(b, 1, rr);
            frame(b, 9, other);
        }
        return b.toByteArray();
    }

    private static void frame(ByteArrayOutputStream b, int channel, byte[] payload) {
        b.write('$');
        b.write(channel);
        b.write(payload.length >> 8);
        b.write(payload.length);
        b.writeBytes(payload);
    }

    // ---- UDP from strangers

    /**
     * REFERENCE §5.1: datagrams are accepted only from the exact (IP, port) a session announced.
     * RTP and RTCP from an unknown port, RTCP from the reader's RTP port, from the right port on
     * another address, and junk: none is decoded, none keeps the reader alive, and the reader still
     * receives its packets until the idle timeout ends it.
     */
    @Test
    void udpFromUnknownSourcesAndSpoofedPortsIsIgnored() throws Exception {
        start(TestServers.config(true).idleTimeout(Duration.ofSeconds(2)).checkStreamPeriod(Duration.ofMillis(100)));
        int serverRtp = server.config().udpRtpAddress().getPort();
        int serverRtcp = server.config().udpRtcpAddress().getPort();
        byte[] report = new ReceiverReport(0x1234, List.of()).marshal();
        byte[] junk = new byte[300];
        new Random(1).nextBytes(junk);
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress());
             UdpClient udp = new UdpClient();
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(TestServers.LOOPBACK, 0));
             DatagramSocket elsewhere = new DatagramSocket(
                     new InetSocketAddress(InetAddress.getByName("127.0.0.2"), udp.rtcpPort()))) {
            TestRtspClient.Response s = c.request("SETUP", base() + "/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort());
            assertEquals(200, c.request("PLAY", base(), "Session: " + s.sessionId()).status());
            ServerSession session = handler.awaitSessionOpen();
            long played = System.nanoTime();
            int seq = 0;
            // Bounded: 50 rounds of 100 ms, far past the 2 s idle timeout.
            for (int round = 0; round < 50 && handler.sessionCloses.isEmpty(); round++) {
                UdpClient.send(stranger, report, serverRtcp);
                UdpClient.send(stranger, junk, serverRtcp);
                UdpClient.send(stranger, junk, serverRtp);
                UdpClient.send(udp.rtp, report, serverRtcp);
                elsewhere.send(new DatagramPacket(report, report.length,
                        new InetSocketAddress(TestServers.LOOPBACK, serverRtcp)));
                write(seq);
                UdpClient.Datagram d = UdpClient.poll(udp.rtp, 1000);
                if (handler.sessionCloses.isEmpty()) {
                    assertTrue(d != null, "packet " + seq + " reached the reader");
                    assertEquals(seq, RtpPacket.unmarshal(d.data()).sequenceNumber());
                }
                seq++;
                Thread.sleep(100);
            }
            RecordingHandler.SessionClosed closed = handler.awaitSessionClose();
            long lived = (System.nanoTime() - played) / 1_000_000;
            assertEquals(session.id(), closed.session().id());
            assertEquals("session timed out", closed.message());
            assertTrue(lived >= 1800 && lived < 4500, "the reader lived " + lived + " ms with a 2 s idle timeout");
            assertEquals(0, session.stats().inboundRtcpPackets(), "nothing from strangers was counted");
            assertEquals(0, session.stats().inboundRtcpPacketsInError());
            assertEquals(0, handler.decodeErrorCount.get(), "nothing from strangers was decoded");
        }
    }

    // ---- a session borrowed from another address

    /**
     * REFERENCE §3.2: a UDP session (which outlives its connection) used from another address is
     * refused with 400 and that connection closed, whatever the method; the owner is untouched.
     */
    @ParameterizedTest
    @ValueSource(strings = {"GET_PARAMETER", "OPTIONS", "PLAY", "PAUSE", "TEARDOWN", "SETUP"})
    void sessionOfAnotherAddressIsRefused(String method) throws Exception {
        start(TestServers.config(true));
        try (TestRtspClient owner = new TestRtspClient(server.rtspAddress());
             UdpClient udp = new UdpClient();
             UdpClient strangerUdp = new UdpClient();
             TestRtspClient stranger = new TestRtspClient(server.rtspAddress(), InetAddress.getByName("127.0.0.2"), 0)) {
            TestRtspClient.Response s = owner.request("SETUP", base() + "/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=" + udp.clientPort());
            String session = s.sessionId();
            assertEquals(200, owner.request("PLAY", base(), "Session: " + session).status());

            String url = method.equals("SETUP") ? base() + "/trackID=1" : base();
            TestRtspClient.Response r = stranger.request(method, url, "Session: " + session,
                    "Transport: RTP/AVP;unicast;client_port=" + strangerUdp.clientPort());
            assertEquals(400, r.status(), method);
            assertTrue(stranger.closedByServer(), method);
            assertEquals("cannot use a session created with a different IP", handler.awaitConnectionClose().message());

            write(5);
            assertEquals(5, RtpPacket.unmarshal(UdpClient.receive(udp.rtp).data()).sequenceNumber());
            assertEquals(200, owner.request("GET_PARAMETER", base(), "Session: " + session).status());
            assertTrue(handler.sessionCloses.isEmpty(), "the owner's session goes on");
        }
    }


    // ---- a client that never reads its responses

    /**
     * A client that pipelines requests and never reads a response must not make the server buffer
     * responses without limit while the write timeout runs: like a stalled reader's frames, what
     * one connection may hold unsent is bounded (and reading its requests pauses meanwhile).
     */
    @Test
    void pipelinedRequestsWhoseResponsesAreNeverReadAreBounded() throws Exception {
        start(TestServers.config(false));
        byte[] requests = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        long heapBefore = Resources.retainedHeap();
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(server.rtspAddress(), 5000);
            // Bounded: three seconds of writing, well within the 10 s write timeout.
            Future<Long> writing = pool.submit(() -> {
                long sent = 0;
                long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < until) {
                    s.getOutputStream().write(requests);
                    sent += requests.length;
                }
                return sent;
            });
            Thread.sleep(3000);
            long held = Resources.retainedHeap() - heapBefore;
            assertTrue(held < (2 << 20), "after 3 s the server holds " + (held >> 10)
                    + " KiB more for a client that reads nothing");
            s.close();
            try {
                writing.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException closedUnderIt) {
                // the socket was closed while the writer was blocked in it
            }
        }
    }
}
