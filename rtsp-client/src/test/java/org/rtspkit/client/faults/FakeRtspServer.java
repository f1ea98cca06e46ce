package org.rtspkit.client.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A scripted RTSP server for client tests: every request goes to a function that returns the
 * response text (without CSeq, which is added) or null for no answer; every request is recorded.
 */
final class FakeRtspServer implements AutoCloseable {
    /** A request as received. */
    record Request(int connection, String method, String uri, String headers) {
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    /** What the script may do with the connection a request came on. */
    interface Connection {
        void write(byte[] bytes) throws IOException;
    }

    static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=control:trackID=0\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1\r\n";

    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Interleaved frames the client sent: the channel, then the payload. */
    final List<byte[]> frames = new CopyOnWriteArrayList<>();
    private final ServerSocket listener;
    private final BiFunction<Request, Connection, String> script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeRtspServer(BiFunction<Request, Connection, String> script) throws IOException {
        this.script = script;
        listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "fake-rtsp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    String url(String path) {
        return "rtsp://127.0.0.1:" + port() + path;
    }

    List<String> methods() {
        List<String> out = new ArrayList<>();
        for (Request r : requests) {
            out.add(r.method());
        }
        return out;
    }

    private void accept() {
        int n = 0;
        while (true) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(s);
            int id = n++;
            Thread t = new Thread(() -> serve(id, s), "fake-rtsp-" + id);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(int id, Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Connection c = bytes -> {
                synchronized (out) {
                    out.write(bytes);
                    out.flush();
                }
            };
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] lines = head.split("\r\n", 2);
                String[] first = lines[0].split(" ");
                Request r = new Request(id, first[0], first.length > 1 ? first[1] : "", lines.length > 1 ? lines[1] : "");
                String length = r.header("Content-Length");
                if (length != null) {
                    in.readNBytes(Integer.parseInt(length));
                }
                requests.add(r);
                String response = script.apply(r, c);
                if (response != null) {
                    int end = response.indexOf("\r\n");
                    String withCseq = response.substring(0, end + 2) + "CSeq: " + r.header("CSeq") + "\r\n"
                            + response.substring(end + 2);
                    c.write(withCseq.getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '$' && head.size() == 0) {
                // an interleaved frame from the client (a receiver report): keep it
                int channel = in.read();
                int len = (in.read() << 8) | in.read();
                byte[] frame = new byte[len + 1];
                frame[0] = (byte) channel;
                System.arraycopy(in.readNBytes(len), 0, frame, 1, len);
                frames.add(frame);
                continue;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1).strip();
    }

    static String ok(String headers) {
        return "RTSP/1.0 200 OK\r\n" + headers + "\r\n";
    }

    static String describe(String base) {
        return "RTSP/1.0 200 OK\r\nContent-Type: application/sdp\r\nContent-Base: " + base + "\r\nContent-Length: "
                + SDP.length() + "\r\n\r\n" + SDP;
    }

    /** An interleaved RTP frame carrying a tiny H.264 packet with this sequence number. */
    static byte[] rtpFrame(int channel, int seq) {
        byte[] rtp = org.rtspkit.api.RtpPacket.of(true, 96, seq & 0xFFFF, seq * 3600L, 0x1234, new byte[] {0x41, 1, 2})
                .marshal();
        byte[] frame = new byte[4 + rtp.length];
        frame[0] = '$';
        frame[1] = (byte) channel;
        frame[2] = (byte) (rtp.length >> 8);
        frame[3] = (byte) rtp.length;
        System.arraycopy(rtp, 0, frame, 4, rtp.length);
        return frame;
    }

    static boolean offers(Request r, String what) {
        String t = r.header("Transport");
        return t != null && t.toLowerCase(Locale.ROOT).contains(what);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
