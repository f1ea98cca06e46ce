package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerStream;
import org.rtspkit.stream.RtspServers;

/** RTSPS: the same conversation inside TLS, with a certificate made for the test by the JDK's keytool. */
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    private static SSLContext serverContext;

    private RtspServer server;
    private ServerStream stream;

    @BeforeAll
    static void certificate() throws Exception {
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "rtspkit", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        assertTrue(Files.size(store) > 0);
    }

    @BeforeEach
    void start() throws Exception {
        TestServers.ServingHandler handler = new TestServers.ServingHandler();
        server = RtspServers.start(TestServers.config(true).tlsContext(serverContext).build(), handler);
        stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawRtspClient client() throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket s = (SSLSocket) trustAll.getSocketFactory().createSocket(
                server.rtspAddress().getAddress(), server.rtspAddress().getPort());
        s.startHandshake();
        return new RawRtspClient(s);
    }

    private String base() {
        return "rtsps://127.0.0.1:" + server.rtspAddress().getPort() + "/teststream";
    }

    @Test
    void playsOverTcpInsideTls() throws Exception {
        try (RawRtspClient c = client()) {
            RawRtspClient.Response d = c.request("DESCRIBE", base());
            assertEquals(200, d.status());
            assertTrue(d.bodyText().contains("m=video"), d.bodyText());
            String session = c.request("SETUP", base() + "/trackID=0", "Transport: RTP/AVP/TCP;unicast").sessionId();
            assertEquals(200, c.request("PLAY", base() + "/", "Session: " + session).status());
            // Several packets, some larger than one TLS record fragment would be if batched badly.
            for (int i = 0; i < 50; i++) {
                byte[] payload = new byte[1000 + i];
                payload[0] = (byte) i;
                stream.writePacketRtp(stream.description().medias().get(0), RtpPacket.of(false, 96, i, 90000L * i, 0, payload));
            }
            for (int i = 0; i < 50; i++) {
                RawRtspClient.Frame f = c.readFrame();
                if (f.channel() == 1) {
                    i--; // a sender report, after the first IDR (payload byte 5)
                    continue;
                }
                RtpPacket got = RtpPacket.unmarshal(f.payload());
                assertEquals(i, got.sequenceNumber());
                assertEquals(1000 + i, got.payload().length);
                assertArrayEquals(new byte[] {(byte) i}, new byte[] {got.payload()[0]});
            }
        }
    }

    @Test
    void plainUdpIsRefusedOverTls() throws Exception {
        try (RawRtspClient c = client()) {
            RawRtspClient.Response r = c.request("SETUP", base() + "/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=5000-5001");
            assertEquals(461, r.status());
            assertEquals(200, c.request("OPTIONS", base()).status());
        }
    }

    @Test
    void aPlainClientGetsNoRtspAnswer() throws Exception {
        try (RawRtspClient c = new RawRtspClient(server.rtspAddress())) {
            c.writeRaw("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes());
            assertTrue(c.closedByServer());
        }
    }
}
