package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.Media;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SessionStats;
import org.rtspkit.api.StreamClosedException;
import org.rtspkit.protocol.sdp.SdpWriter;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.TestRtspClient;

/**
 * The engine's JFR events, read back from a recording taken while clients use a server: an FFmpeg
 * publisher and an FFmpeg reader give a start and an end each, with their path, role, transport,
 * address and totals; a reader that never reads gives drop summaries that add up to its dropped
 * packets; a publisher's sequence gap gives a loss summary of its size.
 */
@Timeout(120)
class FlightRecorderEventsTest {
    private static final String START = "org.rtspkit.SessionStart";
    private static final String END = "org.rtspkit.SessionEnd";
    private static final String DROPS = "org.rtspkit.ReaderDrops";
    private static final String LOSS = "org.rtspkit.PublisherLoss";
    private static final Duration EXIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;
    private final List<Ffmpeg.Run> runs = new ArrayList<>();
    private final Recording recording = new Recording();
    private RtspServer server;

    @AfterEach
    void stop() {
        runs.forEach(Ffmpeg.Run::kill);
        recording.close();
        if (server != null) {
            server.close();
        }
    }

    /** Relays each publisher into a stream of its path, and keeps what the tests compare the events with. */
    private static final class RelayingHandler extends RecordingHandler {
        volatile RtspServer server;
        /** Each session's remote address as the engine saw it on PLAY or RECORD, by session id. */
        final Map<String, String> remotes = new ConcurrentHashMap<>();
        /** Each session's stats as onSessionClose saw them, by session id. */
        final Map<String, SessionStats> finalStats = new ConcurrentHashMap<>();
        /** Why each session ended, as onSessionClose was told, by session id. */
        final Map<String, String> reasons = new ConcurrentHashMap<>();

        RelayingHandler() {
            onRecord = c -> {
                ServerSession publisher = c.session();
                ServerStream stream = server.createStream(publisher.announcedDescription().orElseThrow());
                publisher.onPacketRtpAny((media, packet) -> {
                    try {
                        stream.writePacketRtp(media, packet);
                    } catch (StreamClosedException e) {
                        // the publisher is leaving
                    }
                });
                publisher.setUserData(stream);
                streams.put(c.path(), stream);
                remember(c);
            };
        }

        private void remember(RequestContext c) {
            var a = c.connection().remoteAddress();
            remotes.put(c.session().id(), a.getAddress().getHostAddress() + ":" + a.getPort());
        }

        @Override
        public RtspResponse onPlay(RequestContext c) {
            remember(c);
            return super.onPlay(c);
        }

        @Override
        public void onSessionClose(ServerSession session, Throwable error) {
            finalStats.put(session.id(), session.stats());
            reasons.put(session.id(), error == null ? "" : String.valueOf(error.getMessage()));
            if (session.userData() instanceof ServerStream stream) {
                streams.values().remove(stream);
                stream.close();
            }
            super.onSessionClose(session, error);
        }
    }

    private List<RecordedEvent> stopAndRead() throws Exception {
        recording.stop();
        Path file = dir.resolve("events.jfr");
        recording.dump(file);
        return RecordingFile.readAllEvents(file);
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String type, String sessionId) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type))
                .filter(e -> sessionId.equals(e.getString("sessionId"))).toList();
    }

    private static RecordedEvent only(List<RecordedEvent> events, String type, String sessionId) {
        List<RecordedEvent> found = named(events, type, sessionId);
        assertEquals(1, found.size(), type + " of " + sessionId + ": " + found);
        return found.get(0);
    }

    private static void assertSession(RecordedEvent e, String path, String role, String transport, String remote) {
        assertEquals(path, e.getString("path"), "path of " + e);
        assertEquals(role, e.getString("role"), "role of " + e);
        assertEquals(transport, e.getString("transport"), "transport of " + e);
        assertEquals(remote, e.getString("remoteAddress"), "remote address of " + e);
    }

    @Test
    void ffmpegPublisherAndReaderEachStartAndEnd() throws Exception {
        Ffmpeg.requireOnPath();
        RelayingHandler handler = new RelayingHandler();
        server = RtspServers.start(TestServers.config(true).build(), s -> {
            handler.server = s;
            return handler;
        });
        recording.enable(START);
        recording.enable(END);
        recording.start();

        String url = TestServers.url(server, "/cam");
        Ffmpeg.Run publisher = Ffmpeg.publish(dir, "publisher", url, "tcp", 6, Ffmpeg.Audio.AAC);
        runs.add(publisher);
        TestServers.await("the publisher's RECORD", Duration.ofSeconds(20),
                () -> handler.streams.containsKey("/cam") || !publisher.process().isAlive());
        Ffmpeg.Run reader = Ffmpeg.read(dir, "reader", url, "udp", 2);
        runs.add(reader);
        reader.awaitSuccess(EXIT);
        assertTrue(reader.frames() > 0, "the reader decoded pictures\n" + reader.report());
        publisher.awaitSuccess(EXIT);
        TestServers.await("both sessions' ends", Duration.ofSeconds(10), () -> handler.finalStats.size() == 2);

        List<RecordedEvent> events = stopAndRead();
        String publisherId = null;
        String readerId = null;
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals(START) && handler.remotes.containsKey(e.getString("sessionId"))) {
                if (e.getString("role").equals("publisher")) {
                    publisherId = e.getString("sessionId");
                } else {
                    readerId = e.getString("sessionId");
                }
            }
        }
        assertTrue(publisherId != null && readerId != null, "a start for each role: " + events);

        String publisherRemote = handler.remotes.get(publisherId);
        String readerRemote = handler.remotes.get(readerId);
        assertTrue(publisherRemote.startsWith("127.0.0.1:"), publisherRemote);
        assertSession(only(events, START, publisherId), "/cam", "publisher", "TCP RTP/AVP", publisherRemote);
        assertSession(only(events, START, readerId), "/cam", "reader", "UDP RTP/AVP", readerRemote);

        RecordedEvent publisherEnd = only(events, END, publisherId);
        assertSession(publisherEnd, "/cam", "publisher", "TCP RTP/AVP", publisherRemote);
        SessionStats published = handler.finalStats.get(publisherId);
        assertTrue(published.inboundRtpPackets() > 100, "the publisher sent media: " + published);
        assertEquals(published.inboundRtpPackets(), publisherEnd.getLong("inboundRtpPackets"));
        assertEquals(published.inboundBytes(), publisherEnd.getLong("inboundBytes"));
        assertEquals(published.inboundRtpPacketsLost(), publisherEnd.getLong("inboundRtpPacketsLost"));
        // FFmpeg's TEARDOWN, as the engine tells onSessionClose.
        assertEquals("torn down by " + publisherRemote, publisherEnd.getString("reason"));
        assertEquals(handler.reasons.get(publisherId), publisherEnd.getString("reason"));
        assertTrue(publisherEnd.getDuration("streamedFor").toMillis() >= 3000,
                "published for about six seconds: " + publisherEnd.getDuration("streamedFor"));

        RecordedEvent readerEnd = only(events, END, readerId);
        assertSession(readerEnd, "/cam", "reader", "UDP RTP/AVP", readerRemote);
        SessionStats read = handler.finalStats.get(readerId);
        assertTrue(read.outboundRtpPackets() > 10, "the reader was sent media: " + read);
        assertEquals(read.outboundRtpPackets(), readerEnd.getLong("outboundRtpPackets"));
        assertEquals(read.outboundBytes(), readerEnd.getLong("outboundBytes"));
        assertEquals(read.outboundRtpPacketsDropped() + read.outboundRtpPacketsDroppedByTransport(),
                readerEnd.getLong("outboundRtpPacketsDropped"));
        assertEquals(handler.reasons.get(readerId), readerEnd.getString("reason"));
        assertTrue(readerEnd.getStartTime().isAfter(only(events, START, readerId).getStartTime()));
    }

    @Test
    void aReaderThatNeverReadsGivesDropSummaries() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        server = RtspServers.start(TestServers.config(false).senderReports(false).build(), handler);
        ServerStream stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/slow", stream);
        recording.enable(DROPS).withPeriod(Duration.ofMillis(100));
        recording.start();
        try (TestRtspClient slow = new TestRtspClient(server.rtspAddress(), null, 4096)) {
            String url = TestServers.url(server, "/slow");
            String session = slow.request("SETUP", url + "/trackID=0", "Transport: RTP/AVP/TCP;unicast").sessionId();
            assertEquals(200, slow.request("PLAY", url, "Session: " + session).status());
            ServerSession reader = RecordingHandler.next(handler.sessionOpens, "the reader's session");
            Media video = stream.description().medias().get(0);
            byte[] payload = new byte[1388];
            for (int seq = 0; seq < 5000; seq++) {
                stream.writePacketRtp(video, RtpPacket.of(false, 96, seq, seq * 3000L, 0, payload));
                if (seq % 16 == 15) {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            long dropped = reader.stats().outboundRtpPacketsDropped();
            assertTrue(dropped > 0, "the reader's queue filled: " + reader.stats());
            // Long enough for a few periods after the last drop.
            TimeUnit.MILLISECONDS.sleep(600);
            List<RecordedEvent> drops = named(stopAndRead(), DROPS, session);
            assertFalse(drops.isEmpty(), "drop summaries of " + session);
            assertTrue(drops.size() <= 40, "summaries, not one event per packet: " + drops.size());
            long sum = 0;
            for (RecordedEvent e : drops) {
                assertTrue(e.getLong("dropped") > 0, "only periods with drops give an event: " + e);
                sum += e.getLong("dropped");
                assertEquals(sum, e.getLong("droppedTotal"), "the totals add up: " + e);
                assertSession(e, "/slow", "reader", "TCP RTP/AVP", e.getString("remoteAddress"));
            }
            assertEquals(dropped, sum, "every dropped packet is in a summary");
            assertTrue(drops.get(0).getString("remoteAddress").startsWith("127.0.0.1:"));
        }
    }

    @Test
    void aPublishersSequenceGapGivesALossSummary() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        server = RtspServers.start(TestServers.config(false).build(), handler);
        recording.enable(LOSS).withPeriod(Duration.ofMillis(100));
        recording.start();
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String url = TestServers.url(server, "/pub");
            Media video = TestServers.videoAndAudio().medias().get(0).withControl("streamid=0");
            byte[] sdp = SdpWriter.write(new SessionDescription("pub", List.of(video))).getBytes(StandardCharsets.UTF_8);
            assertEquals(200, c.requestWithBody("ANNOUNCE", url, sdp, "Content-Type: application/sdp").status());
            String session = c.request("SETUP", url + "/streamid=0",
                    "Transport: RTP/AVP/TCP;unicast;mode=record;interleaved=0-1").sessionId();
            assertEquals(200, c.request("RECORD", url, "Session: " + session).status());
            c.send(0, RtpPacket.of(false, 96, 30, 0, 0x1111, new byte[] {0x41}).marshal());
            c.send(0, RtpPacket.of(false, 96, 100, 3000, 0x1111, new byte[] {0x41}).marshal());
            assertEquals(69, handler.awaitPacketsLost());
            TimeUnit.MILLISECONDS.sleep(500);
            List<RecordedEvent> losses = named(stopAndRead(), LOSS, session);
            assertEquals(1, losses.size(), "one summary of one gap: " + losses);
            RecordedEvent e = losses.get(0);
            assertEquals(69, e.getLong("lost"));
            assertEquals(69, e.getLong("lostTotal"));
            assertEquals(2, e.getLong("receivedTotal"));
            assertSession(e, "/pub", "publisher", "TCP RTP/AVP", e.getString("remoteAddress"));
        }
    }
}
