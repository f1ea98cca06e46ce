package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.protocol.sdp.SdpWriter;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/**
 * A publisher's packets written, from the I/O loop that reads them, into a stream of another server
 * (as the ready-to-use server relays to its RTSP and RTSPS listeners). Only a loop of the stream's
 * own server may put off waking the others until it has handled its read; when it put off the other
 * server's loops too, they slept on and its readers got each packet when their select timed out, up
 * to a second late (800–900 ms in this test).
 */
@Timeout(30)
class RelayAcrossServersTest {
    private static final int PACKETS = 10;
    /** Far below the loops' one-second select timeout, far above a loopback hop. */
    private static final long MAX_DELAY_MILLIS = 300;

    private RtspServer publishing;
    private RtspServer serving;

    @AfterEach
    void stop() {
        if (publishing != null) {
            publishing.close();
        }
        if (serving != null) {
            serving.close();
        }
    }

    @Test
    void packetsWrittenOnOneServersLoopReachTheOtherServersReadersAtOnce() throws Exception {
        Media video = TestServers.videoAndAudio().medias().get(0);
        TestServers.ServingHandler servingHandler = new TestServers.ServingHandler();
        serving = RtspServers.start(TestServers.config(false).build(), servingHandler);
        ServerStream relayed = serving.createStream(new SessionDescription("relay", List.of(video)));
        servingHandler.streams.put("/relay", relayed);

        TestServers.ServingHandler publishingHandler = new TestServers.ServingHandler();
        // Packet callbacks of a TCP publisher run on the publishing server's I/O loop.
        publishingHandler.onRecord = c -> c.session().onPacketRtpAny((media, packet) -> relayed.writePacketRtp(video, packet));
        publishing = RtspServers.start(TestServers.config(false).build(), publishingHandler);

        try (TestRtspClient reader = new TestRtspClient(serving.rtspAddress());
             TestRtspClient publisher = new TestRtspClient(publishing.rtspAddress())) {
            String relayUrl = TestServers.url(serving, "/relay");
            TestRtspClient.Response setup = reader.request("SETUP", relayUrl + "/trackID=0",
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertEquals(200, setup.status());
            assertEquals(200, reader.request("PLAY", relayUrl, "Session: " + setup.sessionId()).status());

            String pub = TestServers.url(publishing, "/pub");
            byte[] sdp = SdpWriter.write(new SessionDescription("pub", List.of(video.withControl("streamid=0"))))
                    .getBytes(StandardCharsets.UTF_8);
            assertEquals(200, publisher.requestWithBody("ANNOUNCE", pub, sdp, "Content-Type: application/sdp").status());
            TestRtspClient.Response record = publisher.request("SETUP", pub + "/streamid=0",
                    "Transport: RTP/AVP/TCP;unicast;mode=record;interleaved=0-1");
            assertEquals(200, record.status());
            assertEquals(200, publisher.request("RECORD", pub, "Session: " + record.sessionId()).status());

            List<Long> late = new ArrayList<>();
            for (int seq = 0; seq < PACKETS; seq++) {
                // Spaced out, so that the serving server's loops are asleep when each packet comes.
                Thread.sleep(100);
                long sent = System.nanoTime();
                publisher.send(0, RtpPacket.of(true, 96, seq, seq * 3000L, 0x1234, new byte[] {0x41, 1, 2, 3})
                        .marshal());
                TestRtspClient.Frame frame = reader.pollFrame(5000);
                assertNotNull(frame, "packet " + seq + " never reached the reader");
                long millis = (System.nanoTime() - sent) / 1_000_000;
                if (millis > MAX_DELAY_MILLIS) {
                    late.add(millis);
                }
            }
            assertTrue(late.isEmpty(), "packets reached the other server's reader late (ms): " + late);
        }
    }
}
