package org.rtspkit.client.internal;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.rtspkit.client.ClientConfig;
import org.rtspkit.client.RtspClientException;

/** The TLS socket factory of RTSPS connections, from the client's settings. */
final class Tls {
    private Tls() {
    }

    static SSLSocketFactory socketFactory(ClientConfig config) {
        try {
            if (!config.tlsVerify()) {
                SSLContext any = SSLContext.getInstance("TLS");
                any.init(null, new TrustManager[] {new AnyCertificate()}, null);
                return any.getSocketFactory();
            }
            SSLContext context = config.tlsContext() != null ? config.tlsContext() : SSLContext.getDefault();
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new RtspClientException("no TLS context: " + e.getMessage(), e);
        }
    }

    /** Accepts every certificate: what {@code tlsVerify=false} asks for. */
    private static final class AnyCertificate implements X509TrustManager {
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
    }
}
