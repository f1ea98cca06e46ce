package org.rtspkit.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ready-to-use server's TLS identity: OpenSSL's PEM forms and the self-signed fallback. */
class TlsCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void aSelfSignedCertificateCompletesAHandshake() throws Exception {
        TlsCredentials creds = TlsCredentials.selfSigned();
        assertEquals(32 * 3 - 1, creds.fingerprint().length(), creds.fingerprint());
        X509Certificate peer = handshake(creds.context());
        assertTrue(peer.getSubjectX500Principal().getName().contains("CN=localhost"), peer.toString());
    }

    @Test
    void readsSec1EcKeysAsOpenSslWritesThem() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
        assertTrue(Files.readString(dir.resolve("ec.key")).contains("BEGIN EC PRIVATE KEY"));
        openssl("req", "-x509", "-new", "-key", "ec.key", "-subj", "/CN=localhost", "-days", "2", "-out", "ec.crt");
        assertNotNull(handshake(TlsCredentials.fromPem(dir.resolve("ec.crt"), dir.resolve("ec.key")).context()));
    }

    @Test
    void readsPkcs1RsaKeysAsOpenSslWritesThem() throws Exception {
        openssl("genrsa", "-traditional", "-out", "rsa.key", "2048");
        assertTrue(Files.readString(dir.resolve("rsa.key")).contains("BEGIN RSA PRIVATE KEY"));
        openssl("req", "-x509", "-new", "-key", "rsa.key", "-subj", "/CN=localhost", "-days", "2", "-out", "rsa.crt");
        assertNotNull(handshake(TlsCredentials.fromPem(dir.resolve("rsa.crt"), dir.resolve("rsa.key")).context()));
    }

    @Test
    void readsPkcs8Keys() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "p8.key");
        assertTrue(Files.readString(dir.resolve("p8.key")).contains("BEGIN PRIVATE KEY"));
        openssl("req", "-x509", "-new", "-key", "p8.key", "-subj", "/CN=localhost", "-days", "2", "-out", "p8.crt");
        assertNotNull(handshake(TlsCredentials.fromPem(dir.resolve("p8.crt"), dir.resolve("p8.key")).context()));
    }

    @Test
    void aFileWithoutAKeySaysWhatIsMissing() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.key");
        openssl("req", "-x509", "-new", "-key", "k.key", "-subj", "/CN=localhost", "-days", "2", "-out", "k.crt");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> TlsCredentials.fromPem(dir.resolve("k.crt"), dir.resolve("k.crt")));
        assertTrue(e.getMessage().contains("holds no PRIVATE KEY"), e.getMessage());
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("these tests need the openssl command (apt-get install -y openssl)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    /** A TLS handshake over loopback with a client that accepts the server's certificate; returns it. */
    private static X509Certificate handshake(SSLContext server) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    s.getOutputStream().write(1);
                } catch (IOException ignored) {
                    // the client side reports the failure
                }
            });
            accept.start();
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, new TrustManager[] {new X509TrustManager() {
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
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket()) {
                s.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), 5000);
                s.setSoTimeout(5000);
                s.startHandshake();
                assertEquals(1, s.getInputStream().read());
                accept.join(5000);
                return (X509Certificate) s.getSession().getPeerCertificates()[0];
            }
        }
    }
}
