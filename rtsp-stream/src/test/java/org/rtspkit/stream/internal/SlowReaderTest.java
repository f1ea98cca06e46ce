package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.StreamStats;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/**
 * One TCP reader that never reads next to two that read everything (REFERENCE §6.5, DESIGN "the hot
 * path"): the writer never waits, the stalled reader only loses its own packets, and the write timeout
 * finally evicts it while the others carry on.
 */
class SlowReaderTest {
    private static final int PACKETS = 5000;
    /** 12 header bytes and 1388 of payload: 1400 on the wire, as a video slice would be. */
    private static final int PAYLOAD = 1388;
    private static final int RECEIVE_BUFFER = 4096;
    /** Packets written back to back before the publisher pauses for a millisecond. */
    private static final int RUN = 16;

    private RtspServer server;
    private ServerStream stream;
    private RecordingHandler handler;
    private ExecutorService readers;

    @BeforeEach
    void start() throws Exception {
        handler = new RecordingHandler();
        server = RtspServers.start(TestServers.config(false)
                .senderReports(false)
                .writeTimeout(Duration.ofSeconds(1))
                .checkStreamPeriod(Duration.ofMillis(100))
                .build(), handler);
        stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
        readers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        readers.shutdownNow();
        server.close();
    }

    private String base() {
        return TestServers.url(server, "/teststream");
    }

    private Media video() {
        return stream.description().medias().get(0);
    }

    /** SETUP of the video over TCP and PLAY; returns the session id. */
    private String play(TestRtspClient c) throws IOException {
        String session = c.request("SETUP", base() + "/trackID=0", "Transport: RTP/AVP/TCP;unicast").sessionId();
        assertEquals(200, c.request("PLAY", base(), "Session: " + session).status());
        return session;
    }

    /** Reads RTP frames until {@code count} arrived; returns their sequence numbers in arrival order. */
    private static Future<List<Integer>> readAll(ExecutorService pool, TestRtspClient c, int count) {
        return pool.submit(() -> {
            List<Integer> seqs = new ArrayList<>(count);
            while (seqs.size() < count) {
                TestRtspClient.Frame f = c.frame();
                if (f.channel() == 0) {
                    seqs.add(RtpPacket.unmarshal(f.data()).sequenceNumber());
                }
            }
            return seqs;
        });
    }

    private static List<Integer> sequence(int count) {
        List<Integer> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(i);
        }
        return all;
    }

    /** What a burst cost the writer. */
    private record Burst(long totalMillis, long slowestMillis) {
    }

    /**
     * Writes the packets in runs of {@link #RUN} with a millisecond between runs: about 15,000 packets
     * (170 Mbit/s) a second per reader, which a loaded two-core machine still keeps up with. A burst with no pause at all outruns the I/O loops of a
     * two-core machine even without a slow reader, and then the good readers rightly lose packets
     * too; the pause is the publisher's, the writer still never waits for a reader.
     */
    private Burst writeBurst() {
        byte[] payload = new byte[PAYLOAD];
        payload[0] = 0x41;
        long slowest = 0;
        long begin = System.nanoTime();
        for (int seq = 0; seq < PACKETS; seq++) {
            RtpPacket p = RtpPacket.of(false, 96, seq, seq * 3000L, 0, payload);
            long t0 = System.nanoTime();
            stream.writePacketRtp(video(), p);
            slowest = Math.max(slowest, System.nanoTime() - t0);
            if (seq % RUN == RUN - 1) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        return new Burst((System.nanoTime() - begin) / 1_000_000, slowest / 1_000_000);
    }

    @Test
    void stalledReaderLosesOnlyItsOwnPackets() throws Exception {
        try (TestRtspClient slow = new TestRtspClient(server.rtspAddress(), null, RECEIVE_BUFFER);
             TestRtspClient a = new TestRtspClient(server.rtspAddress());
             TestRtspClient b = new TestRtspClient(server.rtspAddress())) {
            String slowSession = play(slow);
            play(a);
            play(b);
            Future<List<Integer>> gotA = readAll(readers, a, PACKETS);
            Future<List<Integer>> gotB = readAll(readers, b, PACKETS);

            Burst burst = writeBurst();
            assertTrue(burst.totalMillis() < 5000, "the writer took " + burst.totalMillis() + " ms");
            assertTrue(burst.slowestMillis() <= 200, "one write took " + burst.slowestMillis() + " ms");

            assertEquals(sequence(PACKETS), gotA.get(10, TimeUnit.SECONDS), "first reader");
            assertEquals(sequence(PACKETS), gotB.get(10, TimeUnit.SECONDS), "second reader");

            StreamStats stats = stream.stats();
            assertTrue(stats.outboundRtpPacketsDropped() > 0, "drops counted: " + stats);
            assertEquals(stats.outboundRtpPacketsDropped(), handler.streamWriteErrors.get(), "each drop reported");
            assertEquals(List.of(slowSession), handler.slowSessions.stream().map(ServerSession::id).toList());
            // Every packet was offered to every reader, and either queued for it or dropped.
            assertEquals(3L * PACKETS, stats.outboundRtpPackets() + stats.outboundRtpPacketsDropped());
        }
    }

    @Test
    void stalledReaderIsEvictedByTheWriteTimeout() throws Exception {
        try (TestRtspClient slow = new TestRtspClient(server.rtspAddress(), null, RECEIVE_BUFFER);
             TestRtspClient a = new TestRtspClient(server.rtspAddress());
             TestRtspClient b = new TestRtspClient(server.rtspAddress())) {
            String slowSession = play(slow);
            play(a);
            play(b);
            Future<List<Integer>> gotA = readAll(readers, a, PACKETS);
            Future<List<Integer>> gotB = readAll(readers, b, PACKETS);
            writeBurst();
            gotA.get(10, TimeUnit.SECONDS);
            gotB.get(10, TimeUnit.SECONDS);

            RecordingHandler.SessionClosed closed = handler.awaitSessionClose();
            assertEquals(slowSession, closed.session().id());
            assertTrue(slow.closedByServer(), "the stalled reader's connection is closed");

            // The others carry on.
            stream.writePacketRtp(video(), RtpPacket.of(false, 96, PACKETS, 0, 0, new byte[] {0x41}));
            assertEquals(PACKETS, RtpPacket.unmarshal(a.frame().data()).sequenceNumber());
            assertEquals(PACKETS, RtpPacket.unmarshal(b.frame().data()).sequenceNumber());
            assertTrue(handler.sessionCloses.isEmpty(), "only the stalled reader ended");

            // The reason given is the failed write, as for any writer error (REFERENCE §4).
            String message = String.valueOf(closed.message());
            assertTrue(message.contains("write timed out"), "session closed with: " + message);
        }
    }
}
