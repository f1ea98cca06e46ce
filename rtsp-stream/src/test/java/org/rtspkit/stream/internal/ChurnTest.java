package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtspkit.api.Media;
import org.rtspkit.api.ReceiverReport;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConnection;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.SessionStats;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.stream.internal.stream.Stream;
import org.rtspkit.testkit.TestRtspClient;

/**
 * 1,000 readers join and leave a live stream in five waves of 200 (TCP and UDP, leaving by TEARDOWN,
 * by closing, by a reset, or by vanishing until the idle timeout), while four readers stay throughout.
 * Afterwards the server holds no more threads, descriptors or heap than before the waves, and the
 * accounting is exact: each staying reader received every packet written less those counted as
 * dropped for it, and the stream's counters are the sum of its readers'.
 */
class ChurnTest {
    private static final int WAVES = 5;
    private static final int READERS_PER_WAVE = 200;
    private static final int STAYERS = 4;
    /** Heap the run may legitimately keep (JIT-compiled code, pools grown to their working size). */
    private static final long HEAP_TOLERANCE = 4L << 20;

    private RtspServer server;
    private Stream stream;
    private ChurnHandler handler;
    private final ExecutorService clients = Executors.newFixedThreadPool(16);
    private final ExecutorService stayerThreads = Executors.newFixedThreadPool(STAYERS);
    private final ScheduledExecutorService keepalives = Executors.newSingleThreadScheduledExecutor();

    /** Serves the stream and keeps counts only: holding on to 1,000 sessions would itself look like a leak. */
    static final class ChurnHandler extends TestServers.ServingHandler {
        final AtomicInteger connectionsOpen = new AtomicInteger();
        final AtomicInteger sessionsOpen = new AtomicInteger();
        final AtomicInteger sessionsClosed = new AtomicInteger();
        final AtomicLong closedQueued = new AtomicLong();
        final AtomicLong closedDropped = new AtomicLong();

        @Override
        public void onConnectionOpen(ServerConnection connection) {
            connectionsOpen.incrementAndGet();
        }

        @Override
        public void onConnectionClose(ServerConnection connection, Throwable error) {
            connectionsOpen.decrementAndGet();
        }

        @Override
        public void onSessionOpen(ServerSession session, ServerConnection connection) {
            sessionsOpen.incrementAndGet();
        }

        @Override
        public void onSessionClose(ServerSession session, Throwable error) {
            SessionStats s = session.stats();
            closedQueued.addAndGet(s.outboundRtpPackets());
            closedDropped.addAndGet(s.outboundRtpPacketsDropped());
            sessionsClosed.incrementAndGet();
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        keepalives.shutdownNow();
        clients.shutdownNow();
        stayerThreads.shutdownNow();
        clients.awaitTermination(5, TimeUnit.SECONDS);
        stayerThreads.awaitTermination(5, TimeUnit.SECONDS);
        if (server != null) {
            server.close();
        }
    }

    private String base() {
        return TestServers.url(server, "/teststream");
    }

    /** The publisher: a steady 250 packets a second, a key frame every 25, until stopped. */
    private final class Publisher implements Runnable {
        final Media video = stream.description().medias().get(0);
        final AtomicInteger sent = new AtomicInteger();
        volatile boolean running = true;

        @Override
        public void run() {
            while (running) {
                writeNext();
                LockSupport.parkNanos(4_000_000);
            }
        }

        /** Writes the next packet; returns its sequence number. */
        int writeNext() {
            int seq = sent.get();
            byte[] payload = new byte[160];
            // An IDR slice now and then starts the readers' sender reports.
            payload[0] = (byte) (seq % 25 == 0 ? 0x65 : 0x41);
            stream.writePacketRtp(video, RtpPacket.of(false, 96, seq, seq * 3600L, 0, payload));
            sent.incrementAndGet();
            return seq;
        }
    }

    /** A reader that stays for the whole run, counting what it gets and checking the order. */
    private static final class Stayer {
        final TestRtspClient control;
        final UdpClient udp;
        final ServerSession session;
        final AtomicInteger received = new AtomicInteger();
        volatile int last = -1;
        volatile String disorder;

        Stayer(TestRtspClient control, UdpClient udp, ServerSession session) {
            this.control = control;
            this.udp = udp;
            this.session = session;
        }

        /** Reads until packet {@code until} (set when the publisher stops) has arrived. */
        void read(AtomicInteger until) throws IOException {
            while (last != until.get()) {
                int seq;
                if (udp != null) {
                    seq = RtpPacket.unmarshal(UdpClient.receive(udp.rtp).data()).sequenceNumber();
                } else {
                    TestRtspClient.Frame f = control.frame();
                    if (f.channel() != 0) {
                        continue; // a sender report
                    }
                    seq = RtpPacket.unmarshal(f.data()).sequenceNumber();
                }
                if (seq <= last && disorder == null) {
                    disorder = seq + " after " + last;
                }
                last = seq;
                received.incrementAndGet();
            }
        }

        /** Receiver reports keep a reader alive: over UDP to the server's RTCP port, or interleaved. */
        void keepAlive(int serverRtcpPort) {
            byte[] report = new ReceiverReport(0x5157, List.of()).marshal();
            try {
                if (udp != null) {
                    UdpClient.send(udp.rtcp, report, serverRtcpPort);
                } else {
                    control.send(1, report);
                }
            } catch (IOException e) {
                // the read side reports a broken reader
            }
        }
    }

    /** One churning reader: its connection, and its UDP ports if it reads over UDP. */
    private record Churner(TestRtspClient control, UdpClient udp, String session) {
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void thousandReadersJoinAndLeaveWithoutLeaksOrLoss() throws Exception {
        handler = new ChurnHandler();
        server = RtspServers.start(TestServers.config(true)
                .idleTimeout(Duration.ofSeconds(2))
                .checkStreamPeriod(Duration.ofMillis(100))
                .senderReportPeriod(Duration.ofMillis(500))
                .build(), handler);
        stream = (Stream) server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
        int serverRtcp = server.config().udpRtcpAddress().getPort();

        List<Stayer> stayers = new ArrayList<>();
        for (int i = 0; i < STAYERS; i++) {
            stayers.add(joinStayer(i % 2 == 0));
        }
        keepalives.scheduleAtFixedRate(() -> stayers.forEach(s -> s.keepAlive(serverRtcp)), 0, 400, TimeUnit.MILLISECONDS);
        AtomicInteger until = new AtomicInteger(-2);
        List<Future<?>> reading = new ArrayList<>();
        for (Stayer s : stayers) {
            reading.add(stayerThreads.submit(() -> {
                s.read(until);
                return null;
            }));
        }
        Publisher publisher = new Publisher();
        Thread publishing = new Thread(publisher, "churn-publisher");
        publishing.start();

        // A first wave warms up everything that is made once (classes, JIT, pools), then the baseline.
        wave(0);
        awaitOnlyStayersLeft();
        Map<String, Integer> threadsBefore = Resources.serverThreads();
        long fdsBefore = Resources.openFileDescriptors();
        long heapBefore = Resources.retainedHeap();

        for (int w = 1; w <= WAVES; w++) {
            wave(w);
            // Readers that vanished keep their UDP ports until they time out: a new reader on the same
            // ports would rightly be refused (REFERENCE §3.5), so each wave waits for the last to end.
            awaitOnlyStayersLeft();
        }

        publisher.running = false;
        publishing.join(5000);
        // A last packet, written once every queue has drained, tells the stayers the run is over.
        Thread.sleep(100);
        until.set(publisher.sent.get());
        publisher.writeNext();
        for (Future<?> r : reading) {
            r.get(10, TimeUnit.SECONDS);
        }
        int sent = publisher.sent.get();

        // Accounting: delivered = sent - counted drops, for every reader that stayed.
        long stayersQueued = 0;
        long stayersDropped = 0;
        for (Stayer s : stayers) {
            SessionStats st = s.session.stats();
            assertEquals(null, s.disorder, "packets out of order");
            assertEquals(sent, st.outboundRtpPackets() + st.outboundRtpPacketsDropped(),
                    "every packet was offered to a reader present throughout, and queued or dropped");
            assertEquals(st.outboundRtpPackets(), s.received.get(),
                    "delivered = queued (" + st.outboundRtpPacketsDropped() + " dropped)");
            stayersQueued += st.outboundRtpPackets();
            stayersDropped += st.outboundRtpPacketsDropped();
        }
        assertEquals(READERS_PER_WAVE * (WAVES + 1) + STAYERS, handler.sessionsOpen.get());
        assertEquals(READERS_PER_WAVE * (WAVES + 1), handler.sessionsClosed.get());
        assertEquals(stream.stats().outboundRtpPacketsDropped(), handler.closedDropped.get() + stayersDropped,
                "the stream's drops are its readers' drops");
        assertEquals(stream.stats().outboundRtpPackets(), handler.closedQueued.get() + stayersQueued,
                "the stream's queued packets are its readers' queued packets");

        // Nothing the waves made is left behind.
        assertEquals(STAYERS, ((Server) server).sessionCount());
        assertEquals(STAYERS, stream.readers().size());
        TestServers.await("no request worker to be busy", Duration.ofSeconds(5), () -> Resources.busyWorkers() == 0);
        assertEquals(threadsBefore, Resources.serverThreads(), "server threads");
        long fdsAfter = Resources.openFileDescriptors();
        assertTrue(fdsAfter <= fdsBefore + Resources.FD_TOLERANCE, "descriptors: " + fdsBefore + " before, " + fdsAfter + " after");
        long heapAfter = Resources.retainedHeap();
        assertTrue(heapAfter <= heapBefore + HEAP_TOLERANCE,
                "retained heap grew from " + (heapBefore >> 20) + " MiB to " + (heapAfter >> 20) + " MiB");
        System.out.printf("churn: %d readers came and went, %d packets sent, stayers lost %d, %d queued (counted "
                        + "drops), stream dropped %d, queued %d; descriptors %d -> %d, heap %.1f -> %.1f MiB, server threads %s%n",
                handler.sessionsClosed.get(), sent, stayersDropped, stayersQueued,
                stream.stats().outboundRtpPacketsDropped(), stream.stats().outboundRtpPackets(), fdsBefore, fdsAfter,
                heapBefore / 1048576.0, heapAfter / 1048576.0, threadsBefore);
        for (Stayer s : stayers) {
            s.control.close();
            if (s.udp != null) {
                s.udp.close();
            }
        }
    }

    /** Waits until the waves' sessions and connections are all gone (UDP ones that vanished time out). */
    private void awaitOnlyStayersLeft() throws InterruptedException {
        TestServers.await("the wave's readers to be gone", Duration.ofSeconds(15),
                () -> ((Server) server).sessionCount() == STAYERS && stream.readers().size() == STAYERS
                        && handler.connectionsOpen.get() <= STAYERS);
    }

    private Stayer joinStayer(boolean udp) throws Exception {
        TestRtspClient c = new TestRtspClient(server.rtspAddress());
        UdpClient ports = null;
        String transport = "Transport: RTP/AVP/TCP;unicast";
        if (udp) {
            ports = new UdpClient();
            ports.rtp.setReceiveBufferSize(1 << 20);
            transport = "Transport: RTP/AVP;unicast;client_port=" + ports.clientPort();
        }
        TestRtspClient.Response s = c.request("SETUP", base() + "/trackID=0", transport);
        assertEquals(200, s.status());
        assertEquals(200, c.request("PLAY", base(), "Session: " + s.sessionId()).status());
        ServerSession session = stream.readers().stream().filter(r -> r.id().equals(s.sessionId())).findFirst().orElseThrow();
        return new Stayer(c, ports, session);
    }

    /** 200 readers join (half over UDP), play for a moment and leave, each in one of four ways. */
    private void wave(int wave) throws Exception {
        List<Future<Churner>> joining = new ArrayList<>();
        for (int i = 0; i < READERS_PER_WAVE; i++) {
            boolean udp = i % 2 == 1;
            joining.add(clients.submit(() -> joinChurner(udp)));
        }
        List<Churner> joined = new ArrayList<>();
        for (Future<Churner> f : joining) {
            joined.add(f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(READERS_PER_WAVE + STAYERS, stream.readers().size(), "wave " + wave + " is playing");
        Thread.sleep(300);
        List<Future<?>> leaving = new ArrayList<>();
        for (int i = 0; i < joined.size(); i++) {
            Churner c = joined.get(i);
            int way = (i / 2) % 4;
            leaving.add(clients.submit(() -> {
                leave(c, way);
                return null;
            }));
        }
        for (Future<?> f : leaving) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    private Churner joinChurner(boolean udp) throws Exception {
        TestRtspClient c = new TestRtspClient(server.rtspAddress());
        UdpClient ports = null;
        String transport = "Transport: RTP/AVP/TCP;unicast";
        if (udp) {
            ports = udpPorts();
            transport = "Transport: RTP/AVP;unicast;client_port=" + ports.clientPort();
        }
        TestRtspClient.Response s = c.request("SETUP", base() + "/trackID=0", transport);
        assertEquals(200, s.status());
        assertEquals(200, c.request("PLAY", base(), "Session: " + s.sessionId()).status());
        return new Churner(c, ports, s.sessionId());
    }

    /** A free port pair; another client thread may take one between the probe and the bind, so try again. */
    private static UdpClient udpPorts() throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return new UdpClient();
            } catch (BindException taken) {
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
    }

    /** 0: TEARDOWN, then close; 1: close; 2: reset; 3: (UDP) vanish without a word, like 1 for TCP. */
    private void leave(Churner c, int way) throws IOException {
        switch (way) {
            case 0 -> {
                assertEquals(200, c.control().request("TEARDOWN", base(), "Session: " + c.session()).status());
                c.control().close();
            }
            case 2 -> {
                c.control().socket().setSoLinger(true, 0);
                c.control().close();
            }
            default -> c.control().close();
        }
        if (c.udp() != null) {
            c.udp().close();
        }
    }
}
