package org.rtspkit.server;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.MulticastParams;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.api.StreamStats;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/**
 * The engine's multicast behaviour (REFERENCE §5.2, §6.8), checked with the testkit's RTSP client and
 * plain multicast sockets, against a handler mocked with Mockito. Runs as its own program inside a
 * network namespace ({@link MulticastInteropTest} starts it): it exits non-zero with the failed check's
 * message.
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
        // Readers play the stream of their path; every other callback keeps the interface's default.
        ServerHandler handler = mock(ServerHandler.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
        doReturn(EnumSet.of(RtspMethod.SETUP, RtspMethod.PLAY)).when(handler).methods();
        doAnswer(call -> StreamResponse.ok(streams.get().get(call.<SetupContext>getArgument(0).path())))
                .when(handler).onSetup(any());
        doReturn(RtspResponse.ok()).when(handler).onPlay(any());
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

            try (Reader r1 = new Reader(server.rtspAddress()); Reader tcp = new Reader(server.rtspAddress());
                 Reader rb = new Reader(server.rtspAddress()); Reader rc = new Reader(server.rtspAddress())) {
                String t0 = r1.setup(base + "/a/trackID=0", "RTP/AVP;multicast");
                check(t0.matches("RTP/AVP;multicast;destination=224\\.1\\.0\\.1;port=8002-8003;ttl=127;ssrc=[0-9A-F]{8}"),
                        "first group of the range, configured ports: " + t0);
                String t1 = r1.setup(base + "/a/trackID=1", "RTP/AVP;multicast");
                check(t1.startsWith("RTP/AVP;multicast;destination=224.1.0.2;port=8002-8003;ttl=127"), "second media: " + t1);
                String tb = rb.setup(base + "/b/trackID=0", "RTP/AVP;multicast");
                check(tb.startsWith("RTP/AVP;multicast;destination=224.1.0.3;"), "another stream, another group: " + tb);
                String tc = rc.setup(base + "/c/trackID=1", "RTP/AVP;multicast");
                check(tc.startsWith("RTP/AVP;multicast;destination=224.2.0.51;port=9002-9003;"), "override echoed: " + tc);

                tcp.setup(base + "/a/trackID=0", "RTP/AVP/TCP;unicast");
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
                // No RTCP and no request from the multicast reader: it times out.
                check(closedWithin(handler, Duration.ofSeconds(10), TransportProtocol.UDP_MULTICAST, "session timed out"),
                        "a silent multicast reader times out, and says so");
            }
            // Every multicast reader of /a is gone: the next one gets a fresh group (never reused).
            try (Reader again = new Reader(server.rtspAddress())) {
                String t = again.setup(base + "/a/trackID=0", "RTP/AVP;multicast");
                check(t.contains("destination=224.1.0.") && !t.contains("224.1.0.1;") && !t.contains("224.1.0.2;"),
                        "groups released and a new one allocated: " + t);
                int rec = again.client.request("SETUP", base + "/a/trackID=1", "Transport: RTP/AVP;multicast;mode=record",
                        "Session: " + again.session).status();
                check(rec == 400 || rec == 461, "multicast record refused: " + rec);
            }
        }
        System.out.println("multicast engine checks passed");
    }

    /** Whether a session of the transport closed, with a reason that says {@code why}, within the time given. */
    private static boolean closedWithin(ServerHandler handler, Duration limit, TransportProtocol protocol, String why) {
        try {
            verify(handler, timeout(limit.toMillis()).atLeastOnce()).onSessionClose(
                    argThat(s -> s.transport() != null && s.transport().protocol() == protocol),
                    argThat(error -> error != null && String.valueOf(error.getMessage()).contains(why)));
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
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

    /** A reader's RTSP connection: SETUPs that join its session, then PLAY. */
    private static final class Reader implements AutoCloseable {
        final TestRtspClient client;
        String session;

        Reader(InetSocketAddress server) throws IOException {
            client = new TestRtspClient(server);
        }

        /** SETUP in this reader's session (a new one at first); the Transport answer. */
        String setup(String url, String transport) throws IOException {
            TestRtspClient.Response res = session == null
                    ? client.request("SETUP", url, "Transport: " + transport)
                    : client.request("SETUP", url, "Transport: " + transport, "Session: " + session);
            if (res.header("Session") != null) {
                session = res.header("Session").split(";")[0];
            }
            if (res.header("Transport") == null) {
                throw new IOException("no Transport in " + res);
            }
            return res.header("Transport");
        }

        int play(String url) throws IOException {
            return client.request("PLAY", url, "Session: " + session).status();
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }
}
