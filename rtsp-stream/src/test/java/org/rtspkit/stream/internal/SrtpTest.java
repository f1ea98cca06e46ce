package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerStream;
import org.rtspkit.spi.CryptoSession;
import org.rtspkit.protocol.rtsp.KeyMgmt;
import org.rtspkit.spi.MikeyMessage;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.spi.SrtpProvider;
import org.rtspkit.spi.SrtpProviders;
import org.rtspkit.api.SrtpSuite;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/** Secure media (RTP/SAVP) over RTSPS: keys exchanged with MIKEY, packets encrypted once per media. */
class SrtpTest {
    private static final long CLIENT_SSRC = 0x11223344L;
    @TempDir
    static Path dir;
    private static SSLContext serverContext;

    private final SrtpProvider srtp = SrtpProviders.require();
    private RtspServer server;
    private ServerStream stream;
    private RecordingHandler handler;

    @BeforeAll
    static void certificate() throws Exception {
        serverContext = TestTls.serverContext(dir);
    }

    @BeforeEach
    void start() throws Exception {
        handler = new RecordingHandler();
        server = RtspServers.start(TestServers.config(true).tlsContext(serverContext).build(), handler);
        stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String base() {
        return "rtsps://127.0.0.1:" + server.rtspAddress().getPort() + "/teststream";
    }

    /** The client's key for what it sends, as a KeyMgmt header line. */
    private String clientKeyMgmt(String uri, SrtpKeyMaterial key) {
        byte[] mikey = srtp.encodeMikey(new MikeyMessage(key, List.of(new CryptoSession(CLIENT_SSRC, 0))));
        return "KeyMgmt: " + new KeyMgmt(uri, mikey).format();
    }

    private SrtpContext contextFrom(String keyMgmtHeader) {
        MikeyMessage m = srtp.decodeMikey(KeyMgmt.parse(keyMgmtHeader).mikey());
        return srtp.createContext(m.keyMaterial(), m.cryptoSessions());
    }

    @Test
    void aSecureReaderDecryptsWhatThePlainOneReadsInClear() throws Exception {
        SrtpKeyMaterial clientKey = SrtpKeyMaterial.generate(SrtpSuite.DEFAULT);
        try (TestRtspClient secure = TestTls.client(server.rtspAddress());
             TestRtspClient plain = TestTls.client(server.rtspAddress())) {
            TestRtspClient.Response d = secure.request("DESCRIBE", base());
            assertTrue(d.body().contains("m=video 0 RTP/SAVP 96"), d.body());
            assertTrue(d.body().contains("a=key-mgmt:mikey "), d.body());

            String setupUrl = base() + "/trackID=0";
            TestRtspClient.Response s = secure.request("SETUP", setupUrl, "Transport: RTP/SAVP/TCP;unicast",
                    clientKeyMgmt(setupUrl, clientKey));
            assertEquals(200, s.status());
            assertTrue(s.header("Transport").startsWith("RTP/SAVP/TCP;unicast;interleaved=0-1"), s.header("Transport"));
            String keyMgmt = s.header("KeyMgmt");
            assertNotNull(keyMgmt, "the server's key for the media");
            SrtpContext serverKey = contextFrom(keyMgmt);
            assertEquals(200, secure.request("PLAY", base(), "Session: " + s.sessionId()).status());

            String plainSession = plain.request("SETUP", setupUrl, "Transport: RTP/AVP/TCP;unicast").sessionId();
            assertEquals(200, plain.request("PLAY", base(), "Session: " + plainSession).status());

            byte[] payload = "one encryption for every secure reader".getBytes(StandardCharsets.US_ASCII);
            stream.writePacketRtp(stream.description().medias().get(0), RtpPacket.of(true, 96, 7, 1234, 0, payload));

            byte[] wire = nextRtp(secure);
            byte[] clear = new byte[wire.length];
            int n = serverKey.unprotectRtp(wire, 0, wire.length, clear, 0);
            assertArrayEquals(payload, RtpPacket.unmarshal(clear, 0, n).payload());
            assertArrayEquals(payload, RtpPacket.unmarshal(nextRtp(plain)).payload());
        }
    }

    @Test
    void garbageSrtcpFromAReaderIsCountedAndIgnored() throws Exception {
        SrtpKeyMaterial clientKey = SrtpKeyMaterial.generate(SrtpSuite.DEFAULT);
        try (TestRtspClient c = TestTls.client(server.rtspAddress())) {
            String setupUrl = base() + "/trackID=0";
            TestRtspClient.Response s = c.request("SETUP", setupUrl, "Transport: RTP/SAVP/TCP;unicast",
                    clientKeyMgmt(setupUrl, clientKey));
            SrtpContext serverKey = contextFrom(s.header("KeyMgmt"));
            assertEquals(200, c.request("PLAY", base(), "Session: " + s.sessionId()).status());
            byte[] garbage = new byte[60];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = (byte) (i * 37 + 0x80);
            }
            c.send(1, garbage);
            Exception e = handler.awaitDecodeError();
            assertTrue(e.getMessage().contains("SRTCP"), e.getMessage());
            // The session carries on: the next packet still arrives and decrypts.
            byte[] payload = {9, 8, 7};
            stream.writePacketRtp(stream.description().medias().get(0), RtpPacket.of(true, 96, 1, 1, 0, payload));
            byte[] wire = nextRtp(c);
            int n = serverKey.unprotectRtp(wire, 0, wire.length, wire, 0);
            assertArrayEquals(payload, RtpPacket.unmarshal(wire, 0, n).payload());
        }
    }

    @Test
    void secureSetupWithoutAKeyIsRefused() throws Exception {
        try (TestRtspClient c = TestTls.client(server.rtspAddress())) {
            TestRtspClient.Response s = c.request("SETUP", base() + "/trackID=0", "Transport: RTP/SAVP/TCP;unicast");
            assertEquals(400, s.status());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aSecurePublisherIsDecryptedAndAForgedPacketRejected() throws Exception {
        LinkedBlockingQueue<RtpPacket> received = new LinkedBlockingQueue<>();
        handler.onRecord = ctx -> ctx.session().onPacketRtpAny((m, p) -> received.add(p));
        SrtpKeyMaterial clientKey = SrtpKeyMaterial.generate(SrtpSuite.DEFAULT);
        SrtpContext ours = srtp.createContext(clientKey, List.of(new CryptoSession(CLIENT_SSRC, 0)));
        String sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=pub\r\nt=0 0\r\n"
                + "m=video 0 RTP/SAVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\na=control:streamid=0\r\n";
        String url = "rtsps://127.0.0.1:" + server.rtspAddress().getPort() + "/pub";
        try (TestRtspClient c = TestTls.client(server.rtspAddress())) {
            assertEquals(200, c.requestWithBody("ANNOUNCE", url, sdp.getBytes(StandardCharsets.US_ASCII),
                    "Content-Type: application/sdp").status());
            TestRtspClient.Response s = c.request("SETUP", url + "/streamid=0",
                    "Transport: RTP/SAVP/TCP;unicast;interleaved=0-1;mode=record", clientKeyMgmt(url + "/streamid=0", clientKey));
            assertEquals(200, s.status());
            assertNotNull(s.header("KeyMgmt"), "the server's key for its receiver reports");
            assertEquals(200, c.request("RECORD", url, "Session: " + s.sessionId()).status());

            byte[] payload = {0x65, 1, 2, 3};
            byte[] clear = RtpPacket.of(true, 96, 100, 9000, CLIENT_SSRC, payload).marshal();
            byte[] wire = new byte[clear.length + ours.rtpOverhead()];
            int n = ours.protectRtp(clear, 0, clear.length, wire, 0);
            c.send(0, java.util.Arrays.copyOf(wire, n));
            RtpPacket got = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(got, "the decrypted packet reaches the application");
            assertArrayEquals(payload, got.payload());

            byte[] next = RtpPacket.of(true, 96, 101, 9000, CLIENT_SSRC, payload).marshal();
            byte[] forged = new byte[next.length + ours.rtpOverhead()];
            int m = ours.protectRtp(next, 0, next.length, forged, 0);
            forged[m - 1] ^= 1;
            c.send(0, java.util.Arrays.copyOf(forged, m));
            assertTrue(handler.awaitDecodeError().getMessage().contains("SRTP"));
            assertEquals(null, received.poll(200, TimeUnit.MILLISECONDS), "a forged packet is never delivered");
        } catch (SrtpException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] nextRtp(TestRtspClient c) throws Exception {
        while (true) {
            TestRtspClient.Frame f = c.frame();
            if (f.channel() == 0) {
                return f.data();
            }
        }
    }

    @Test
    void theServedSuiteIsASetting() throws Exception {
        server.close();
        handler = new RecordingHandler();
        server = RtspServers.start(TestServers.config(false).tlsContext(serverContext)
                .srtpSuite(SrtpSuite.AEAD_AES_128_GCM).build(), handler);
        stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
        SrtpKeyMaterial clientKey = SrtpKeyMaterial.generate(SrtpSuite.DEFAULT);
        try (TestRtspClient c = TestTls.client(server.rtspAddress())) {
            String setupUrl = base() + "/trackID=0";
            TestRtspClient.Response s = c.request("SETUP", setupUrl, "Transport: RTP/SAVP/TCP;unicast",
                    clientKeyMgmt(setupUrl, clientKey));
            SrtpContext serverKey = contextFrom(s.header("KeyMgmt"));
            assertEquals(SrtpSuite.AEAD_AES_128_GCM, serverKey.suite());
            assertEquals(200, c.request("PLAY", base(), "Session: " + s.sessionId()).status());
            byte[] payload = {1, 2, 3, 4, 5};
            stream.writePacketRtp(stream.description().medias().get(0), RtpPacket.of(true, 96, 3, 3, 0, payload));
            byte[] wire = nextRtp(c);
            int n = serverKey.unprotectRtp(wire, 0, wire.length, wire, 0);
            assertArrayEquals(payload, RtpPacket.unmarshal(wire, 0, n).payload());
        }
    }
}
