package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.AuthMethod;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/** Credentials checked by the application through the connection (REFERENCE §8). */
class AuthTest {
    private static final Pattern DIGEST = Pattern.compile(
            "Digest realm=\"ipcam\", nonce=\"([0-9a-f]{32})\", algorithm=\"(MD5|SHA-256)\"");

    private RtspServer server;
    private RecordingHandler handler;

    /** Serves the stream only to user/pass, as an application following examples/server-auth would. */
    static final class GuardedHandler extends RecordingHandler {
        @Override
        public StreamResponse onDescribe(RequestContext c) {
            if (!c.connection().verifyCredentials(c.request(), "user", "pass")) {
                throw RtspStatusException.unauthorized();
            }
            return super.onDescribe(c);
        }
    }

    private void start(ServerConfig.Builder config) throws Exception {
        handler = new GuardedHandler();
        server = RtspServers.start(config.build(), handler);
        ServerStream stream = server.createStream(TestServers.videoAndAudio());
        handler.streams.put("/teststream", stream);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String base() {
        return TestServers.url(server, "/teststream");
    }

    private static String basic(String user, String pass) {
        return "Authorization: Basic "
                + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 2617 §3.2.2 without qop: H(H(user:realm:pass):nonce:H(method:uri)). */
    private static String digest(String algorithm, String user, String pass, String nonce, String method, String uri)
            throws Exception {
        String ha1 = hash(algorithm, user + ":ipcam:" + pass);
        String ha2 = hash(algorithm, method + ":" + uri);
        String response = hash(algorithm, ha1 + ":" + nonce + ":" + ha2);
        return "Authorization: Digest username=\"" + user + "\", realm=\"ipcam\", nonce=\"" + nonce + "\", uri=\""
                + uri + "\", response=\"" + response + "\"" + (algorithm.equals("MD5") ? "" : ", algorithm=\"SHA-256\"");
    }

    private static String hash(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Asks without credentials; returns the Digest nonce of the challenge after checking its shape. */
    private String challenge(TestRtspClient c, List<String> expectedAlgorithms) throws Exception {
        TestRtspClient.Response r = c.request("DESCRIBE", base());
        assertEquals(401, r.status());
        List<String> values = r.headerValues("WWW-Authenticate");
        assertEquals(1 + expectedAlgorithms.size(), values.size(), values.toString());
        assertEquals("Basic realm=\"ipcam\"", values.get(0));
        String nonce = null;
        for (int i = 0; i < expectedAlgorithms.size(); i++) {
            Matcher m = DIGEST.matcher(values.get(1 + i));
            assertTrue(m.matches(), values.get(1 + i));
            assertEquals(expectedAlgorithms.get(i), m.group(2));
            if (nonce != null) {
                assertEquals(nonce, m.group(1), "one nonce per connection");
            }
            nonce = m.group(1);
        }
        return nonce;
    }

    @Test
    void missingCredentialsAreAskedForAndKeepTheConnection() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String nonce = challenge(c, List.of("MD5"));
            // Asking again on the same connection gives the same nonce, and the connection stays.
            assertEquals(nonce, challenge(c, List.of("MD5")));
            assertEquals(200, c.request("OPTIONS", base()).status());
        }
        assertNull(handler.awaitConnectionClose().error());
    }

    @Test
    void correctBasicCredentialsAreAccepted() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            challenge(c, List.of("MD5"));
            assertEquals(200, c.request("DESCRIBE", base(), basic("user", "pass")).status());
        }
    }

    @Test
    void correctDigestMd5CredentialsAreAccepted() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String nonce = challenge(c, List.of("MD5"));
            TestRtspClient.Response r = c.request("DESCRIBE", base(),
                    digest("MD5", "user", "pass", nonce, "DESCRIBE", base()));
            assertEquals(200, r.status());
            assertTrue(r.body().contains("a=control:trackID=0"));
        }
    }

    @Test
    void digestWithTheRequestUriAloneIsAccepted() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String nonce = challenge(c, List.of("MD5"));
            assertEquals(200, c.request("DESCRIBE", base(),
                    digest("MD5", "user", "pass", nonce, "DESCRIBE", "/teststream")).status());
        }
    }

    @Test
    void wrongPasswordIsRefusedAndCloses() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            challenge(c, List.of("MD5"));
            TestRtspClient.Response r = c.request("DESCRIBE", base(), basic("user", "wrong"));
            assertEquals(401, r.status());
            assertTrue(c.closedByServer());
        }
        assertEquals("authentication error", handler.awaitConnectionClose().message());
    }

    @Test
    void wrongDigestIsRefusedAndCloses() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String nonce = challenge(c, List.of("MD5"));
            TestRtspClient.Response r = c.request("DESCRIBE", base(),
                    digest("MD5", "user", "wrong", nonce, "DESCRIBE", base()));
            assertEquals(401, r.status());
            assertTrue(c.closedByServer());
        }
        assertEquals("authentication error", handler.awaitConnectionClose().message());
    }

    @Test
    void sha256IsNotOfferedOrAcceptedByDefault() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String nonce = challenge(c, List.of("MD5"));
            TestRtspClient.Response r = c.request("DESCRIBE", base(),
                    digest("SHA-256", "user", "pass", nonce, "DESCRIBE", base()));
            assertEquals(401, r.status());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void sha256IsOfferedLastAndAcceptedWhenEnabled() throws Exception {
        start(TestServers.config(false)
                .authMethods(EnumSet.of(AuthMethod.BASIC, AuthMethod.DIGEST_MD5, AuthMethod.DIGEST_SHA256)));
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            String nonce = challenge(c, List.of("MD5", "SHA-256"));
            assertEquals(200, c.request("DESCRIBE", base(),
                    digest("SHA-256", "user", "pass", nonce, "DESCRIBE", base())).status());
        }
    }

    /**
     * REFERENCE §8: the nonce belongs to the connection that was challenged. A correct Digest answer
     * to one connection's nonce, replayed on another connection, is refused there (401, closed) and
     * still accepted on its own connection.
     */
    @Test
    void digestNonceOfOneConnectionIsRefusedOnAnother() throws Exception {
        start(TestServers.config(false));
        try (TestRtspClient challenged = new TestRtspClient(server.rtspAddress());
             TestRtspClient other = new TestRtspClient(server.rtspAddress())) {
            String nonce = challenge(challenged, List.of("MD5"));
            String answer = digest("MD5", "user", "pass", nonce, "DESCRIBE", base());
            TestRtspClient.Response r = other.request("DESCRIBE", base(), answer);
            assertEquals(401, r.status());
            assertTrue(other.closedByServer());
            assertEquals("authentication error", handler.awaitConnectionClose().message());
            assertEquals(200, challenged.request("DESCRIBE", base(), answer).status());
        }
    }

    /** Guessing is not cheap: every wrong answer costs the guesser its connection. */
    @Test
    void everyWrongPasswordCostsAConnection() throws Exception {
        start(TestServers.config(false));
        for (int i = 0; i < 20; i++) {
            try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
                TestRtspClient.Response r = c.request("DESCRIBE", base(), basic("user", "guess" + i));
                assertEquals(401, r.status());
                assertTrue(c.closedByServer(), "attempt " + i);
            }
        }
        try (TestRtspClient c = new TestRtspClient(server.rtspAddress())) {
            assertEquals(200, c.request("DESCRIBE", base(), basic("user", "pass")).status());
        }
    }
}
