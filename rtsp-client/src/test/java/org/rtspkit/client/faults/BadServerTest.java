package org.rtspkit.client.faults;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtspkit.client.ClientConfig;
import org.rtspkit.client.RtspClient;
import org.rtspkit.client.RtspClientException;
import org.rtspkit.client.RtspTimeoutException;
import org.rtspkit.client.TransportMode;

/**
 * Servers that misbehave, played by a socket in the test: each must end in a clear exception, within
 * the configured timeout, never a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=control:trackID=0\r\na=rtpmap:96 H264/90000\r\n";

    /** What the fake server does with one connection. */
    private interface Script {
        void run(Socket s, InputStream in, OutputStream out) throws Exception;
    }

    private ServerSocket listener;
    private Thread serverThread;

    private String serve(Script script) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        serverThread = new Thread(() -> {
            try (Socket s = listener.accept()) {
                script.run(s, s.getInputStream(), s.getOutputStream());
            } catch (Exception e) {
                // the client went away: the test looks at what the client saw
            }
        });
        serverThread.setDaemon(true);
        serverThread.start();
        return "rtsp://user:pw@127.0.0.1:" + listener.getLocalPort() + "/cam";
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
        serverThread.interrupt();
        serverThread.join(5000);
    }

    /** Reads one request's head and returns its CSeq. */
    private static String request(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.regionMatches(true, 0, "CSeq:", 0, 5)) {
                return line.substring(5).strip();
            }
        }
        return "0";
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Answers OPTIONS and DESCRIBE properly, then hands the SETUP's CSeq to {@code setup}. */
    private static Script untilSetup(Script afterDescribe) {
        return (s, in, out) -> {
            String cseq = request(in);
            send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nPublic: DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n");
            cseq = request(in);
            send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nContent-Type: application/sdp\r\nContent-Base: rtsp://127.0.0.1/cam/\r\n"
                    + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP);
            afterDescribe.run(s, in, out);
        };
    }

    private RtspClientException describeFails(String url, TransportMode mode, boolean setup) {
        ClientConfig config = ClientConfig.builder().readTimeout(TIMEOUT).connectTimeout(TIMEOUT).transport(mode).build();
        long start = System.nanoTime();
        RtspClientException e = assertThrows(RtspClientException.class, () -> {
            try (RtspClient c = RtspClient.connect(url, config, new org.rtspkit.client.ClientHandler() { })) {
                c.describe();
                if (setup) {
                    c.setupAll();
                }
            }
        });
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        // One deadline for the failing request, one for the TEARDOWN close() may send: nothing waits longer.
        assertTrue(elapsedMillis < 2 * TIMEOUT.toMillis() + 1500, "took " + elapsedMillis + " ms: " + e.getMessage());
        assertTrue(!e.getMessage().contains("pw@") && !e.getMessage().contains(":pw"), "password in: " + e.getMessage());
        return e;
    }

    @Test
    void truncatedResponse() throws Exception {
        String url = serve((s, in, out) -> {
            String cseq = request(in);
            send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nContent-Length: 500\r\n\r\nv=0\r\n");
            s.shutdownOutput();
            Thread.sleep(5000);
        });
        RtspClientException e = describeFails(url, TransportMode.AUTO, false);
        assertTrue(e.getMessage().contains("closed the connection in the middle of the body of a 200 response (5 of 500"
                + " bytes read)"), e.getMessage());
    }

    @Test
    void tenMegabyteHeader() throws Exception {
        String url = serve((s, in, out) -> {
            String cseq = request(in);
            send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nX-Huge: ");
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 160; i++) {
                out.write(chunk);
            }
            send(out, "\r\n\r\n");
        });
        RtspClientException e = describeFails(url, TransportMode.AUTO, false);
        assertTrue(e.getMessage().contains("response head exceeds 65536 bytes"), e.getMessage());
    }

    @Test
    void interleavedFloodInsteadOfAnAnswer() throws Exception {
        String url = serve((s, in, out) -> {
            request(in);
            byte[] frame = new byte[4 + 1400];
            frame[0] = '$';
            frame[2] = (byte) (1400 >> 8);
            frame[3] = (byte) 1400;
            while (true) {
                out.write(frame);
            }
        });
        RtspTimeoutException e = (RtspTimeoutException) describeFails(url, TransportMode.AUTO, false);
        assertTrue(e.getMessage().contains("no response from") && e.getMessage().contains("interleaved frames arrived instead"),
                e.getMessage());
    }

    @Test
    void transportWithPortsOutOfRange() throws Exception {
        String url = serve(untilSetup((s, in, out) -> {
            String cseq = request(in);
            send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nSession: 12345678\r\n"
                    + "Transport: RTP/AVP;unicast;client_port=5000-5001;server_port=70000-70001\r\n\r\n");
            while (true) {
                request(in);
            }
        }));
        RtspClientException e = describeFails(url, TransportMode.UDP, true);
        assertTrue(e.getMessage().contains("the server's Transport header is invalid: invalid server_port '70000'"
                + " (RTP/AVP;unicast;client_port=5000-5001;server_port=70000-70001)"), e.getMessage());
    }

    @Test
    void transportWithPortZero() throws Exception {
        String url = serve(untilSetup((s, in, out) -> {
            String cseq = request(in);
            send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nSession: 12345678\r\n"
                    + "Transport: RTP/AVP;unicast;client_port=5000-5001;server_port=0-1\r\n\r\n");
            while (true) {
                request(in);
            }
        }));
        RtspClientException e = describeFails(url, TransportMode.UDP, true);
        assertTrue(e.getMessage().contains("server_port 0 out of range 1-65535"), e.getMessage());
    }

    @Test
    void silentServer() throws Exception {
        String url = serve((s, in, out) -> Thread.sleep(30_000));
        RtspTimeoutException e = (RtspTimeoutException) describeFails(url, TransportMode.AUTO, false);
        assertTrue(e.getMessage().contains("OPTIONS rtsp://127.0.0.1:") && e.getMessage().contains("no response from")
                && e.getMessage().contains("within 2000 ms (readTimeout)"), e.getMessage());
    }

    @Test
    void stallsInTheMiddleOfTheHeaders() throws Exception {
        String url = serve((s, in, out) -> {
            String cseq = request(in);
            send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nPubl");
            Thread.sleep(30_000);
        });
        RtspTimeoutException e = (RtspTimeoutException) describeFails(url, TransportMode.AUTO, false);
        assertTrue(e.getMessage().contains("it stopped in the middle of the headers of a 200 response"), e.getMessage());
    }

    @Test
    void answersSomethingElseThanRtsp() throws Exception {
        String url = serve((s, in, out) -> {
            request(in);
            send(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            Thread.sleep(5000);
        });
        RtspClientException e = describeFails(url, TransportMode.AUTO, false);
        assertTrue(e.getMessage().contains("expected a response ('RTSP/1.0 ...') or an interleaved frame, got 'HTTP/1.1 400"),
                e.getMessage());
    }

    @Test
    void invalidSessionDescription() throws Exception {
        String url = serve((s, in, out) -> {
            String cseq = request(in);
            send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\n\r\n");
            cseq = request(in);
            String body = "not sdp at all";
            send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nContent-Type: application/sdp\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            Thread.sleep(5000);
        });
        RtspClientException e = describeFails(url, TransportMode.AUTO, false);
        assertTrue(e.getMessage().contains("the server's session description is invalid: invalid line"), e.getMessage());
    }
}
