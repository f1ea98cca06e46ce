package org.rtspkit.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtspkit.server.RunningServer;
import org.rtspkit.server.TestServers;
import org.rtspkit.testkit.Loopback;
import org.rtspkit.testkit.TestRtspClient;

/**
 * The server started with {@code --metrics-address} on loopback: a publisher and a reader over TCP,
 * and {@code /metrics} fetched over a real socket shows the counts move.
 */
@Timeout(60)
class MetricsEndpointTest {
    private static final String SDP = """
            v=0\r
            o=- 0 0 IN IP4 127.0.0.1\r
            s=test\r
            c=IN IP4 0.0.0.0\r
            t=0 0\r
            m=video 0 RTP/AVP 96\r
            a=rtpmap:96 H264/90000\r
            a=fmtp:96 packetization-mode=1\r
            a=control:trackID=0\r
            """;

    private RunningServer started;

    @AfterEach
    void stop() {
        if (started != null) {
            started.close();
        }
    }

    /** The demo's path has a stream and no publisher: it is a path, not a publisher, and /metrics still answers. */
    @Test
    void demoPathCountsWithoutAPublisher() throws Exception {
        started = TestServers.start(null,
                o -> o.withDemo(true).withMetricsAddress(new InetSocketAddress(Loopback.address(), 0)));
        String text = get(started.metrics().address(), "/metrics");
        assertTrue(text.startsWith("HTTP/1.1 200 "), text);
        assertTrue(text.contains("\nrtspkit_paths 1.0\n"), text);
        assertTrue(text.contains("\nrtspkit_publishers 0.0\n"), text);
        assertTrue(text.contains("rtspkit_rtp_packets_received_total{path=\"/demo\"} 0.0\n"), text);
    }

    @Test
    void countersMoveAsPacketsFlow() throws Exception {
        started = TestServers.start(null,
                o -> o.withMetricsAddress(new InetSocketAddress(Loopback.address(), 0)));
        InetSocketAddress metrics = started.metrics().address();
        String base = "rtsp://127.0.0.1:" + started.server().rtspAddress().getPort() + "/cam";

        String idle = get(metrics, "/metrics");
        assertTrue(idle.startsWith("HTTP/1.1 200 "), idle);
        assertTrue(idle.contains("Content-type: text/plain; version=0.0.4; charset=utf-8"), idle);
        assertTrue(idle.contains("\nrtspkit_paths 0.0\n"), idle);

        try (TestRtspClient publisher = new TestRtspClient(started.server().rtspAddress());
             TestRtspClient reader = new TestRtspClient(started.server().rtspAddress())) {
            assertEquals(200, publisher.requestWithBody("ANNOUNCE", base, SDP, "Content-Type: application/sdp").status());
            TestRtspClient.Response setup = publisher.request("SETUP", base + "/trackID=0",
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record");
            assertEquals(200, setup.status(), setup.toString());
            String session = "Session: " + setup.header("Session").split(";")[0];
            assertEquals(200, publisher.request("RECORD", base, session).status());

            TestRtspClient.Response describe = reader.request("DESCRIBE", base, "Accept: application/sdp");
            assertEquals(200, describe.status(), describe.toString());
            TestRtspClient.Response readerSetup = reader.request("SETUP", controlUrl(describe),
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertEquals(200, readerSetup.status(), readerSetup.toString());
            assertEquals(200, reader.request("PLAY", base, "Session: " + readerSetup.header("Session").split(";")[0])
                    .status());

            int packets = 5;
            for (int i = 0; i < packets; i++) {
                publisher.send(0, rtp(i));
            }
            int delivered = 0;
            while (delivered < packets) {
                if (reader.frame().channel() == 0) {
                    delivered++;
                }
            }

            String busy = get(metrics, "/metrics");
            assertEquals(1, value(busy, "rtspkit_paths"), busy);
            assertEquals(1, value(busy, "rtspkit_publishers"), busy);
            assertEquals(1, value(busy, "rtspkit_readers{transport=\"tcp\"}"), busy);
            assertEquals(0, value(busy, "rtspkit_readers{transport=\"udp\"}"), busy);
            assertEquals(packets, value(busy, "rtspkit_rtp_packets_received_total{path=\"/cam\"}"), busy);
            assertEquals(packets, value(busy, "rtspkit_rtp_packets_sent_total{path=\"/cam\"}"), busy);
            assertEquals(0, value(busy, "rtspkit_rtp_packets_dropped_total{path=\"/cam\"}"), busy);
            assertTrue(ServerSummary.line(started.paths().counts()).startsWith(
                    "summary: 1 path, 1 publisher, 1 reader (udp 0, tcp 1, multicast 0), RTP packets received 5, sent 5"),
                    ServerSummary.line(started.paths().counts()));
        }
    }

    @Test
    void onlyGetOfMetricsIsServed() throws Exception {
        started = TestServers.start(null,
                o -> o.withMetricsAddress(new InetSocketAddress(Loopback.address(), 0)));
        assertTrue(get(started.metrics().address(), "/other").startsWith("HTTP/1.1 404 "));
        assertTrue(get(started.metrics().address(), "/metrics/x").startsWith("HTTP/1.1 404 "));
    }

    /** An RTP packet of payload type 96 carrying a one-byte non-IDR NAL unit header and a payload. */
    private static byte[] rtp(int sequence) {
        return new byte[] {(byte) 0x80, (byte) (0x80 | 96), 0, (byte) sequence, 0, 0, 0, (byte) (sequence * 30),
                0x12, 0x34, 0x56, 0x78, 0x41, 1, 2, 3};
    }

    /** A sample's value; the Prometheus client writes every value as a double ({@code 5.0}). */
    private static long value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        if (!m.find()) {
            fail("no " + series + " in\n" + exposition);
        }
        double value = Double.parseDouble(m.group(1));
        if (value != Math.rint(value)) {
            fail(series + " is " + value + ", not a count");
        }
        return (long) value;
    }

    /** A GET over a plain socket: status line, headers and body as the server wrote them. */
    private static String get(InetSocketAddress server, String path) throws IOException {
        try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }

    private static String controlUrl(TestRtspClient.Response describe) {
        String control = describe.body().lines().filter(l -> l.startsWith("a=control:"))
                .reduce((first, second) -> second).map(l -> l.substring("a=control:".length())).orElseThrow();
        if (control.startsWith("rtsp://")) {
            return control;
        }
        String base = describe.header("Content-Base");
        return base.endsWith("/") ? base + control : base + "/" + control;
    }
}
