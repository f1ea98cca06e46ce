package org.rtspkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.server.demo.DemoStream;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.Loopback;

/**
 * The control API against real sessions: an FFmpeg publisher and two FFmpeg readers of the demo (TCP
 * and UDP) are listed with their transports and counters; kicking the TCP reader ends it at once while
 * the UDP reader plays on to its end.
 */
@Timeout(150)
class ControlApiInteropTest {
    private static final int READ_SECONDS = 12;
    private static final int PUBLISH_SECONDS = 14;
    private static final Duration EXIT = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<Ffmpeg.Run> runs = new ArrayList<>();
    private RunningServer started;

    @BeforeAll
    static void ffmpegIsInstalled() {
        Ffmpeg.requireOnPath();
    }

    @AfterEach
    void stop() {
        runs.forEach(Ffmpeg.Run::kill);
        if (started != null) {
            started.close();
        }
    }

    @Test
    void listsRealSessionsAndKickingOneEndsItAlone() throws Exception {
        started = TestServers.start(null,
                o -> o.withDemo(true).withMetricsAddress(new InetSocketAddress(Loopback.address(), 0)));
        InetSocketAddress http = started.metrics().address();
        Ffmpeg.Run publisher = track(Ffmpeg.publish(dir, "publisher", url("/cam"), "tcp", PUBLISH_SECONDS,
                Ffmpeg.Audio.AAC));
        Ffmpeg.Run tcp = track(Ffmpeg.read(dir, "tcp-reader", url("/demo"), "tcp", READ_SECONDS));
        Ffmpeg.Run udp = track(Ffmpeg.read(dir, "udp-reader", url("/demo"), "udp", READ_SECONDS));

        JsonNode sessions = awaitSessions(http, 3, publisher, tcp, udp);
        System.out.println("GET /v1/sessions with FFmpeg clients:\n" + sessions.toPrettyString());
        String tcpReader = null;
        for (JsonNode s : sessions.get("sessions")) {
            assertEquals(32, s.get("id").asText().length(), s.toString());
            assertTrue(s.get("remoteAddress").asText().startsWith("127.0.0.1:"), s.toString());
            if (s.get("role").asText().equals("reader") && s.get("transport").asText().equals("tcp")) {
                tcpReader = s.get("id").asText();
                assertEquals("/demo", s.get("path").asText());
                assertEquals("play", s.get("state").asText());
            }
        }
        if (tcpReader == null) {
            fail("no TCP reader in " + sessions);
        }

        // Counters move: wait for packets both ways.
        JsonNode demo = null;
        JsonNode cam = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode paths = json(TestHttp.get(http, "/v1/paths"));
            demo = path(paths, "/demo");
            cam = path(paths, "/cam");
            if (cam != null && cam.get("inbound").get("rtpPackets").asLong() > 0
                    && demo.get("outbound").get("rtpPackets").asLong() > 0) {
                break;
            }
            Thread.sleep(200);
        }
        System.out.println("GET /v1/paths, /demo and /cam:\n" + demo.toPrettyString() + "\n" + cam.toPrettyString());
        assertEquals("demo", demo.get("source").get("type").asText());
        assertEquals(1, demo.get("readers").get("tcp").asInt(), demo.toString());
        assertEquals(1, demo.get("readers").get("udp").asInt(), demo.toString());
        assertTrue(demo.get("ready").asBoolean());
        assertEquals("publisher", cam.get("source").get("type").asText());
        assertEquals("tcp", cam.get("source").get("transport").asText());
        assertTrue(cam.get("inbound").get("bytes").asLong() > 0, cam.toString());

        TestHttp.Answer kicked = TestHttp.post(http, "/v1/sessions/" + tcpReader + "/kick");
        assertEquals(200, kicked.status(), kicked.body());
        assertEquals(tcpReader, json(kicked).get("kicked").get("id").asText());
        long kickedAt = System.nanoTime();

        // The kicked reader ends now, long before its READ_SECONDS; the other plays to its end.
        tcp.awaitExit(Duration.ofSeconds(8));
        double endedAfter = (System.nanoTime() - kickedAt) / 1e9;
        udp.awaitSuccess(EXIT);
        long tcpFrames = tcp.frames();
        long udpFrames = udp.frames();
        System.out.printf("kicked TCP reader ended %.1f s after the kick with %d pictures; the UDP reader decoded %d"
                + " pictures in %d s%n", endedAfter, tcpFrames, udpFrames, READ_SECONDS);
        int full = DemoStream.FRAME_RATE * READ_SECONDS;
        assertTrue(tcpFrames < full - 3 * DemoStream.FRAME_RATE, "the kicked reader decoded " + tcpFrames);
        assertTrue(udpFrames >= full - 8 && udpFrames <= full + 3, "the other reader decoded " + udpFrames
                + " pictures, expected about " + full + "\n" + udp.report());

        JsonNode after = json(TestHttp.get(http, "/v1/sessions"));
        for (JsonNode s : after.get("sessions")) {
            assertTrue(!s.get("id").asText().equals(tcpReader), "the kicked session is still listed: " + after);
        }
        TestHttp.Answer again = TestHttp.post(http, "/v1/sessions/" + tcpReader + "/kick");
        assertEquals(404, again.status(), again.body());
        assertEquals("no session '" + tcpReader + "'", json(again).get("error").asText());
        assertEquals(405, TestHttp.get(http, "/v1/sessions/" + tcpReader + "/kick").status());
        assertEquals(405, TestHttp.post(http, "/v1/paths").status());
        assertEquals(404, TestHttp.get(http, "/v1/other").status());
    }

    private JsonNode awaitSessions(InetSocketAddress http, int n, Ffmpeg.Run... clients) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode sessions = null;
        while (System.nanoTime() < deadline) {
            sessions = json(TestHttp.get(http, "/v1/sessions"));
            long playing = 0;
            for (JsonNode s : sessions.get("sessions")) {
                String role = s.get("role").asText();
                if (role.equals("reader") || role.equals("publisher") && s.get("state").asText().equals("record")) {
                    playing++;
                }
            }
            if (playing == n) {
                return sessions;
            }
            Thread.sleep(200);
        }
        StringBuilder reports = new StringBuilder();
        for (Ffmpeg.Run c : clients) {
            reports.append(c.report()).append('\n');
        }
        throw new AssertionError("expected " + n + " sessions playing or recording: " + sessions + "\n" + reports);
    }

    private static JsonNode path(JsonNode paths, String name) {
        for (JsonNode p : paths.get("paths")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static JsonNode json(TestHttp.Answer answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    private String url(String path) {
        return "rtsp://127.0.0.1:" + started.server().rtspAddress().getPort() + path;
    }

    private Ffmpeg.Run track(Ffmpeg.Run run) {
        runs.add(run);
        return run;
    }
}
