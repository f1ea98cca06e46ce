package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerStream;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/**
 * RFC 2326 §12.33: PLAY's RTP-Info {@code seq} is the sequence number of the first packet the reader
 * receives. With a publisher writing all the time, a packet written between the moment the server
 * computes RTP-Info and the moment the reader starts receiving must not be lost to it (nor may the
 * reader receive one from before).
 */
class RtpInfoUnderLoadTest {
    private static final Pattern SEQ = Pattern.compile(";seq=(\\d+)");
    private static final int READERS = 40;

    private RtspServer server;
    private Thread writer;
    private final AtomicBoolean writing = new AtomicBoolean(true);

    @AfterEach
    void stop() throws InterruptedException {
        writing.set(false);
        if (writer != null) {
            writer.join(5000);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theFirstPacketAReaderGetsIsTheOneRtpInfoNames() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        server = RtspServers.start(TestServers.config(false).senderReports(false).build(), handler);
        ServerStream stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
        Media video = stream.description().medias().get(0);
        AtomicLong written = new AtomicLong();
        writer = new Thread(() -> {
            byte[] payload = {0x41, 1, 2, 3};
            for (int seq = 0; writing.get(); seq = (seq + 1) & 0xFFFF) {
                stream.writePacketRtp(video, RtpPacket.of(false, 96, seq, seq * 3000L, 0, payload));
                written.incrementAndGet();
                if ((seq & 63) == 63) {
                    Thread.yield();
                }
            }
        }, "busy-publisher");
        writer.start();
        TestServers.await("the publisher to be writing", java.time.Duration.ofSeconds(5), () -> written.get() > 1000);

        String base = TestServers.url(server, "/teststream");
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
                String session = c.request("SETUP", base + "/trackID=0", "Transport: RTP/AVP/TCP;unicast")
                        .sessionId();
                TestRtspClient.Response play = c.request("PLAY", base + "/", "Session: " + session);
                assertEquals(200, play.status());
                Matcher m = SEQ.matcher(play.header("RTP-Info"));
                assertTrue(m.find(), play.header("RTP-Info"));
                int announced = Integer.parseInt(m.group(1));
                TestRtspClient.Frame first = c.frame();
                while (first.channel() != 0) {
                    first = c.frame();
                }
                int got = RtpPacket.unmarshal(first.data()).sequenceNumber();
                if (got != announced) {
                    wrong.add("reader " + i + ": RTP-Info seq=" + announced + ", first packet " + got);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
