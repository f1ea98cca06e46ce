package org.rtspkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtspkit.api.RtpPacket;

/** The command line's output and exit status, against a server played by a socket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RtspkitClientTest {
    private static final String SDP = "v=0\r\ns=x\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=control:trackID=0\r\n"
            + "a=rtpmap:96 H264/90000\r\n";

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RtspkitClient.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A one-connection server: answers every request, and after PLAY sends {@code frames} RTP frames. */
    private static ServerSocket server(int describeStatus, int frames) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = listener.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (true) {
                    String head = head(in);
                    if (head == null) {
                        return;
                    }
                    String cseq = head.replaceAll("(?s).*CSeq: (\\d+).*", "$1");
                    String method = head.substring(0, head.indexOf(' '));
                    String extra = switch (method) {
                        case "DESCRIBE" -> describeStatus != 200 ? ""
                                : "Content-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP;
                        case "SETUP" -> "Session: s1\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n";
                        default -> "";
                    };
                    int status = method.equals("DESCRIBE") ? describeStatus : 200;
                    String response = "RTSP/1.0 " + status + " X\r\nCSeq: " + cseq + "\r\n" + extra;
                    out.write((extra.endsWith(SDP) ? response : response + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    if (method.equals("PLAY")) {
                        for (int i = 0; i < frames; i++) {
                            byte[] rtp = RtpPacket.of(true, 96, i, i, 7, new byte[] {0x41, 1}).marshal();
                            out.write(new byte[] {'$', 0, 0, (byte) rtp.length});
                            out.write(rtp);
                        }
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // done
            }
        });
        t.setDaemon(true);
        t.start();
        return listener;
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '$' && sb.length() == 0) {
                in.read();
                int len = (in.read() << 8) | in.read();
                in.readNBytes(len);
                continue;
            }
            sb.append((char) b);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
                return sb.toString();
            }
        }
        return null;
    }

    @Test
    void printsWhatArrivedPerMedia() throws Exception {
        try (ServerSocket s = server(200, 30)) {
            Run r = run("read", "rtsp://127.0.0.1:" + s.getLocalPort() + "/cam", "--transport", "tcp", "--duration", "1");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("media 0 (video H264/90000): 30 packets, 0 lost, 60 bytes"), r.out());
            assertTrue(r.out().contains("total: 30 packets, 0 lost, over tcp in "), r.out());
        }
    }

    @Test
    void nothingArrivedIsStatus3() throws Exception {
        try (ServerSocket s = server(200, 0)) {
            Run r = run("read", "rtsp://127.0.0.1:" + s.getLocalPort() + "/cam", "--transport", "tcp", "--duration", "1");
            assertEquals(3, r.status(), r.err() + r.out());
            assertTrue(r.err().contains("nothing arrived"), r.err());
        }
    }

    @Test
    void aRefusalIsStatus1WithTheReason() throws Exception {
        try (ServerSocket s = server(404, 0)) {
            Run r = run("read", "rtsp://u:secret@127.0.0.1:" + s.getLocalPort() + "/cam", "--duration", "1");
            assertEquals(1, r.status());
            assertTrue(r.err().contains("refused: DESCRIBE rtsp://127.0.0.1:" + s.getLocalPort() + "/cam: the server answered 404"),
                    r.err());
            assertTrue(!r.err().contains("secret"), r.err());
        }
    }

    @Test
    void usageErrorsAreStatus2() {
        assertEquals(2, run().status());
        assertEquals(2, run("read").status());
        assertEquals(2, run("read", "rtsp://h/x", "--transport", "carrier-pigeon").status());
        assertEquals(2, run("read", "http://h/x").status());
        Run publish = run("publish", "file.mp4", "rtsp://h/x");
        assertEquals(2, publish.status());
        assertTrue(publish.err().contains("needs the RTP packetizers of the rtsp-formats module"), publish.err());
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--transport T"), help.out());
    }
}
