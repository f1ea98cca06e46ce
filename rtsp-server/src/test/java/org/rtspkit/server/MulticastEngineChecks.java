package org.rtspkit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.MulticastParams;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.api.StreamStats;
import org.rtspkit.stream.RtspServers;

/**
 * The engine's multicast behaviour (REFERENCE §5.2, §6.8), checked with raw RTSP and plain multicast
 * sockets. Runs as its own program inside a network namespace ({@link MulticastInteropTest}'s way):
 * it exits non-zero with the failed check's message.
 */
public final class MulticastEngineChecks {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    private MulticastEngineChecks() {
    }

    public static void main(String[] args) throws Exception {
        Media video = new Media(MediaType.VIDEO, null, false, null, List.of(Format.fromSdp(96, "H264/90000",
                Map.of("packetization-mode", "1"))));
        Media audio = new Media(MediaType.AUDIO, null, false, null, List.of(Format.fromSdp(0, null, Map.of())));
        SessionDescription desc = new SessionDescription("mc", List.of(video, audio));
        AtomicReference<Map<String, ServerStream>> streams = new AtomicReference<>();
        AtomicReference<Throwable> closedWith = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        ServerHandler handler = new ServerHandler() {
            @Override
            public Set<RtspMethod> methods() {
                return EnumSet.of(RtspMethod.SETUP, RtspMethod.PLAY);
            }

            @Override
            public StreamResponse onSetup(SetupContext c) {
                return StreamResponse.ok(streams.get().get(c.path()));
            }

            @Override
            public RtspResponse onPlay(RequestContext c) {
                return RtspResponse.ok();
            }

            @Override
            public void onSessionClose(ServerSession s, Throwable error) {
                if (s.transport() != null && s.transport().protocol() == org.rtspkit.api.TransportProtocol.UDP_MULTICAST
                        && error != null && error.getMessage().contains("timed out")) {
                    closedWith.set(error);
                    closed.countDown();
                }
            }
        };
        ServerConfig config = ServerConfig.builder().rtspAddress(new InetSocketAddress(LO, 0))
                .multicastIpRange("224.1.0.0/16").multicastRtpPort(8002).multicastRtcpPort(8003)
                .idleTimeout(Duration.ofSeconds(2)).checkStreamPeriod(Duration.ofMillis(100))
                .senderReportPeriod(Duration.ofMillis(200)).ioThreads(1).build();
        try (RtspServer server = RtspServers.start(config, handler)) {
            ServerStream a = server.createStream(desc);
            ServerStream b = server.createStream(desc);
            ServerStream c = server.createStream(desc, Map.of(video, new MulticastParams(InetAddress.getByName("224.2.0.50"), 9000, 9001),
                    audio, new MulticastParams(InetAddress.getByName("224.2.0.51"), 9002, 9003)));
            streams.set(Map.of("/a", a, "/b", b, "/c", c));
            String base = "rtsp://127.0.0.1:" + server.rtspAddress().getPort();

            try (Raw r1 = new Raw(server.rtspAddress()); Raw tcp = new Raw(server.rtspAddress());
                 Raw rb = new Raw(server.rtspAddress()); Raw rc = new Raw(server.rtspAddress())) {
                String t0 = r1.setup(base + "/a/trackID=0", "RTP/AVP;multicast", null);
                check(t0.matches("RTP/AVP;multicast;destination=224\\.1\\.0\\.1;port=8002-8003;ttl=127;ssrc=[0-9A-F]{8}"),
                        "first group of the range, configured ports: " + t0);
                String t1 = r1.setup(base + "/a/trackID=1", "RTP/AVP;multicast", r1.session);
                check(t1.startsWith("RTP/AVP;multicast;destination=224.1.0.2;port=8002-8003;ttl=127"), "second media: " + t1);
                String tb = rb.setup(base + "/b/trackID=0", "RTP/AVP;multicast", null);
                check(tb.startsWith("RTP/AVP;multicast;destination=224.1.0.3;"), "another stream, another group: " + tb);
                String tc = rc.setup(base + "/c/trackID=1", "RTP/AVP;multicast", null);
                check(tc.startsWith("RTP/AVP;multicast;destination=224.2.0.51;port=9002-9003;"), "override echoed: " + tc);

                tcp.setup(base + "/a/trackID=0", "RTP/AVP/TCP;unicast", null);
                check(tcp.play(base + "/a") == 200, "TCP reader plays");
                check(r1.play(base + "/a") == 200, "multicast reader plays");

                try (MulticastSocket rtp = join("224.1.0.1", 8002); MulticastSocket rtcp = join("224.1.0.1", 8003)) {
                    // Not a keyframe (NAL type 1), so no sender report is due yet: REFERENCE §6.8's acceptance.
                    a.writePacketRtp(video, RtpPacket.of(true, 96, 1, 90000, 0, new byte[] {0x41, 2, 3, 4}));
                    DatagramPacket got = receive(rtp);
                    check(got.getLength() == 16, "the group gets the 16-byte packet: " + got.getLength());
                    StreamStats stats = a.stats();
                    check(stats.outboundBytes() == 32 && stats.outboundRtpPackets() == 2 && stats.outboundRtcpPackets() == 0,
                            "one TCP + one multicast delivery: " + stats);
                    // An IDR: the group's first sender report follows it.
                    a.writePacketRtp(video, RtpPacket.of(true, 96, 2, 93000, 0, new byte[] {0x65, 2, 3, 4}));
                    DatagramPacket sr = receive(rtcp);
                    check((sr.getData()[1] & 0xFF) == 200, "a sender report on the group's RTCP port");
                }
                // No RTCP and no request from the multicast reader: it times out; the TCP reader stays.
                check(closed.await(10, TimeUnit.SECONDS), "a silent multicast reader times out");
                check(closedWith.get().getMessage().contains("session timed out"), "reason: " + closedWith.get());
            }
            // Every multicast reader of /a is gone: the next one gets a fresh group (never reused).
            try (Raw again = new Raw(server.rtspAddress())) {
                String t = again.setup(base + "/a/trackID=0", "RTP/AVP;multicast", null);
                check(t.contains("destination=224.1.0.") && !t.contains("224.1.0.1;") && !t.contains("224.1.0.2;"),
                        "groups released and a new one allocated: " + t);
                String rec = again.request("SETUP " + base + "/a/trackID=1", "Transport: RTP/AVP;multicast;mode=record",
                        "Session: " + again.session);
                check(rec.startsWith("RTSP/1.0 400") || rec.startsWith("RTSP/1.0 461"), "multicast record refused: " + rec);
            }
        }
        System.out.println("multicast engine checks passed");
    }

    private static MulticastSocket join(String group, int port) throws IOException {
        MulticastSocket s = new MulticastSocket(port);
        s.setSoTimeout(5000);
        s.joinGroup(new InetSocketAddress(InetAddress.getByName(group), port), NetworkInterface.getByName("lo"));
        return s;
    }

    private static DatagramPacket receive(MulticastSocket s) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        s.receive(p);
        return p;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("FAILED: " + what);
            System.exit(1);
        }
        System.out.println("ok: " + what);
    }

    /** Enough RTSP over a socket for these checks. */
    private static final class Raw implements AutoCloseable {
        private final Socket socket = new Socket();
        private int cseq;
        String session;

        Raw(InetSocketAddress to) throws IOException {
            socket.connect(to, 5000);
            socket.setSoTimeout(5000);
        }

        String request(String line, String... headers) throws IOException {
            StringBuilder sb = new StringBuilder(line).append(" RTSP/1.0\r\nCSeq: ").append(++cseq).append("\r\n");
            for (String h : headers) {
                if (h != null && !h.endsWith("null")) {
                    sb.append(h).append("\r\n");
                }
            }
            socket.getOutputStream().write(sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed after: " + head);
                }
                if (head.size() == 0 && b == '$') {
                    in.readNBytes(3 + 0); // channel and length follow; frames are not expected here
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.US_ASCII);
            for (String l : text.split("\r\n")) {
                if (l.startsWith("Session:")) {
                    session = l.substring(8).trim().split(";")[0];
                }
            }
            return text;
        }

        /** SETUP; returns the Transport answer. */
        String setup(String url, String transport, String sessionId) throws IOException {
            String res = request("SETUP " + url, "Transport: " + transport, "Session: " + sessionId);
            for (String l : res.split("\r\n")) {
                if (l.startsWith("Transport:")) {
                    return l.substring(10).trim();
                }
            }
            throw new IOException("no Transport in " + res);
        }

        int play(String url) throws IOException {
            return Integer.parseInt(request("PLAY " + url, "Session: " + session).split(" ")[1]);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
