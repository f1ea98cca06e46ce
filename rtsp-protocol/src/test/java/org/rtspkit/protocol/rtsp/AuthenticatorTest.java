package org.rtspkit.protocol.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.AuthMethod;
import org.rtspkit.api.RtspHeaders;
import org.rtspkit.api.RtspRequest;

class AuthenticatorTest {
    private static final String NONCE = "0123456789abcdef0123456789abcdef";
    private static final String URL = "rtsp://localhost:8554/teststream";
    private static final Set<AuthMethod> ALL = EnumSet.allOf(AuthMethod.class);
    private static final Set<AuthMethod> DEFAULT = EnumSet.of(AuthMethod.BASIC, AuthMethod.DIGEST_MD5);

    // Answers for myuser/mypass, realm ipcam and NONCE, computed with coreutils md5sum/sha256sum
    // from the RFC 2617 formula without qop: H(H(user:realm:pass):nonce:H(method:uri)).
    private static final String MD5_DESCRIBE_ABSOLUTE = "25c7a159b699c15a39cc496b808d841d";
    private static final String MD5_DESCRIBE_RELATIVE = "b58a116f698f6063b5e4bdbbb99a665d";
    private static final String MD5_SETUP_BASE_SLASH = "d0e2d50237bb14cc28c3e772dad80339";
    private static final String MD5_SETUP_BASE = "30c5ce2f1595a6fbf3cc180e518dbfff";
    private static final String MD5_SETUP_TRACK = "56d45aa0652beae8480616a4999dde25";
    private static final String SHA256_DESCRIBE_ABSOLUTE = "9ad0f13f98299cbeba9dc7cb2f6df9b1c7834517dda1c50a291a76bbeb48338f";
    private static final String SHA256_DESCRIBE_RELATIVE = "3498e33974e75ea8af126d70b3d0790012ae9ed749c35d24bb63a9edcca52bb2";
    private static final String SHA256_SETUP_TRACK = "4834c81e5959fdc840f6cbcea17b752a481aedcee502d14f50682be1c36a6860";

    private final Authenticator auth = new Authenticator(NONCE);

    private static RtspRequest request(String method, String uri, String authorization) {
        RtspHeaders h = authorization == null ? RtspHeaders.of("CSeq", "1")
                : RtspHeaders.of("CSeq", "1", "Authorization", authorization);
        return new RtspRequest(method, uri, h);
    }

    private static String digest(String uri, String response, String algorithm) {
        return "Digest username=\"myuser\", realm=\"ipcam\", nonce=\"" + NONCE + "\", uri=\"" + uri
                + "\", response=\"" + response + "\"" + (algorithm == null ? "" : ", algorithm=\"" + algorithm + "\"");
    }

    private boolean verify(String method, String uri, String authorization, Set<AuthMethod> methods) {
        return auth.verify(request(method, uri, authorization), uri, "myuser", "mypass", methods);
    }

    @Test
    void basic() {
        assertTrue(verify("DESCRIBE", URL, "Basic bXl1c2VyOm15cGFzcw==", DEFAULT));
        assertTrue(verify("DESCRIBE", URL, "basic   bXl1c2VyOm15cGFzcw==", DEFAULT));
        assertFalse(verify("DESCRIBE", URL, "Basic bXl1c2VyOm15cGFzcw==", EnumSet.of(AuthMethod.DIGEST_MD5)));
        assertFalse(verify("DESCRIBE", URL, basic("myuser:wrong"), DEFAULT));
        assertFalse(verify("DESCRIBE", URL, basic("other:mypass"), DEFAULT));
        assertFalse(verify("DESCRIBE", URL, basic("myuser:mypass2"), DEFAULT));
        assertTrue(auth.verify(request("DESCRIBE", URL, basic("a:b:c")), URL, "a", "b:c", DEFAULT));
    }

    private static String basic(String userPass) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void digestMd5() {
        assertTrue(verify("DESCRIBE", URL, digest(URL, MD5_DESCRIBE_ABSOLUTE, null), DEFAULT));
        assertTrue(verify("DESCRIBE", URL, digest(URL, MD5_DESCRIBE_ABSOLUTE, "MD5"), DEFAULT));
        assertTrue(verify("DESCRIBE", URL, digest(URL, MD5_DESCRIBE_ABSOLUTE.toUpperCase(), "MD5"), DEFAULT));
        assertFalse(verify("DESCRIBE", URL, digest(URL, MD5_DESCRIBE_ABSOLUTE, null), EnumSet.of(AuthMethod.BASIC)));
        // the same answer computed here with the formula spelled out
        String ha1 = md5("myuser:ipcam:mypass");
        String ha2 = md5("DESCRIBE:" + URL);
        assertEquals(MD5_DESCRIBE_ABSOLUTE, md5(ha1 + ":" + NONCE + ":" + ha2));
    }

    @Test
    void digestRelativeUri() {
        assertTrue(verify("DESCRIBE", URL, digest("/teststream", MD5_DESCRIBE_RELATIVE, null), DEFAULT));
        assertTrue(verify("DESCRIBE", URL, digest("/teststream", SHA256_DESCRIBE_RELATIVE, "SHA-256"), ALL));
    }

    @Test
    void digestSha256OnlyWhenEnabled() {
        assertTrue(verify("DESCRIBE", URL, digest(URL, SHA256_DESCRIBE_ABSOLUTE, "SHA-256"), ALL));
        assertTrue(verify("DESCRIBE", URL, digest(URL, SHA256_DESCRIBE_ABSOLUTE, "sha-256"),
                EnumSet.of(AuthMethod.DIGEST_SHA256)));
        assertFalse(verify("DESCRIBE", URL, digest(URL, SHA256_DESCRIBE_ABSOLUTE, "SHA-256"), DEFAULT));
        // an MD5 answer labelled SHA-256 is wrong
        assertFalse(verify("DESCRIBE", URL, digest(URL, MD5_DESCRIBE_ABSOLUTE, "SHA-256"), ALL));
        assertEquals(SHA256_DESCRIBE_ABSOLUTE,
                sha256(sha256("myuser:ipcam:mypass") + ":" + NONCE + ":" + sha256("DESCRIBE:" + URL)));
    }

    @Test
    void setupAcceptsStreamUrlInsteadOfTrackUrl() {
        String track = URL + "/trackID=0";
        assertTrue(verify("SETUP", track, digest(track, MD5_SETUP_TRACK, null), DEFAULT));
        assertTrue(verify("SETUP", track, digest(URL + "/", MD5_SETUP_BASE_SLASH, null), DEFAULT));
        assertTrue(verify("SETUP", track, digest(URL, MD5_SETUP_BASE, null), DEFAULT));
        assertTrue(verify("SETUP", track, digest(track, SHA256_SETUP_TRACK, "SHA-256"), ALL));
        // only SETUP gets that allowance
        assertFalse(verify("DESCRIBE", track, digest(URL, MD5_SETUP_BASE, null), DEFAULT));
    }

    @Test
    void digestWithWrongPartsFails() {
        assertFalse(auth.verify(request("DESCRIBE", URL, digest(URL, MD5_DESCRIBE_ABSOLUTE, null)), URL,
                "myuser", "wrong", DEFAULT), "wrong password");
        assertFalse(auth.verify(request("DESCRIBE", URL, digest(URL, MD5_DESCRIBE_ABSOLUTE, null)), URL,
                "other", "mypass", DEFAULT), "wrong user");
        assertFalse(new Authenticator("ffffffffffffffffffffffffffffffff").verify(
                request("DESCRIBE", URL, digest(URL, MD5_DESCRIBE_ABSOLUTE, null)), URL, "myuser", "mypass", DEFAULT),
                "wrong nonce");
        String otherUrl = "rtsp://localhost:8554/other";
        assertFalse(verify("DESCRIBE", otherUrl, digest(URL, MD5_DESCRIBE_ABSOLUTE, null), DEFAULT), "wrong uri");
        assertFalse(verify("DESCRIBE", URL, digest(URL, MD5_DESCRIBE_ABSOLUTE, null).replace("ipcam", "other"), DEFAULT),
                "wrong realm");
        assertFalse(verify("DESCRIBE", URL, digest(URL, "00" + MD5_DESCRIBE_ABSOLUTE.substring(2), null), DEFAULT),
                "wrong response");
        assertFalse(verify("OPTIONS", URL, digest(URL, MD5_DESCRIBE_ABSOLUTE, null), DEFAULT), "wrong method");
    }

    @Test
    void emptyExpectedUserNeverMatches() {
        assertFalse(auth.verify(request("DESCRIBE", URL, basic(":mypass")), URL, "", "mypass", ALL));
        assertFalse(auth.verify(request("DESCRIBE", URL, basic(":")), URL, "", "", ALL));
    }

    @Test
    void malformedHeadersAreSimplyNotAuthenticated() {
        for (String header : List.of("", "Basic", "Basic !!!notbase64", "Basic " + "bm9jb2xvbg==", "Bearer abc",
                "Digest", "Digest username", "Digest username=\"myuser\"", "Digest =x",
                "Digest username=\"myuser, realm=\"ipcam\"",
                digest(URL, MD5_DESCRIBE_ABSOLUTE, "SHA-512"),
                "Digest realm=\"ipcam\", nonce=\"" + NONCE + "\", uri=\"" + URL + "\", response=\"x\"")) {
            assertFalse(verify("DESCRIBE", URL, header, ALL), header);
            assertFalse(Authenticator.hasCredentials(request("DESCRIBE", URL, header)), header);
        }
        assertFalse(verify("DESCRIBE", URL, null, ALL));
        assertFalse(Authenticator.hasCredentials(request("DESCRIBE", URL, null)));
    }

    @Test
    void hasCredentials() {
        assertTrue(Authenticator.hasCredentials(request("DESCRIBE", URL, "Basic bXl1c2VyOm15cGFzcw==")));
        assertTrue(Authenticator.hasCredentials(request("DESCRIBE", URL, digest(URL, "x", null))));
        assertFalse(Authenticator.hasCredentials(request("DESCRIBE", URL, basic(":pass"))));
        assertFalse(Authenticator.hasCredentials(request("DESCRIBE", URL,
                "Digest username=\"\", realm=\"ipcam\", nonce=\"n\", uri=\"u\", response=\"r\"")));
    }

    @Test
    void digestParametersInAnyOrderAndSpacing() {
        String header = "Digest response=\"" + MD5_DESCRIBE_ABSOLUTE + "\",uri=\"" + URL + "\",  nonce=" + NONCE
                + ",REALM=\"ipcam\",username=\"myuser\", opaque=\"abc\"";
        assertTrue(verify("DESCRIBE", URL, header, DEFAULT));
    }

    @Test
    void challenges() {
        Authenticator a = new Authenticator();
        String n = a.nonce();
        assertEquals(32, n.length());
        assertTrue(n.matches("[0-9a-f]{32}"));
        assertSame(n, a.nonce());
        assertNotEquals(n, new Authenticator().nonce());
        assertEquals(List.of("Basic realm=\"ipcam\"",
                "Digest realm=\"ipcam\", nonce=\"" + n + "\", algorithm=\"MD5\"",
                "Digest realm=\"ipcam\", nonce=\"" + n + "\", algorithm=\"SHA-256\""), a.challenges(ALL));
        assertEquals(List.of("Basic realm=\"ipcam\"",
                "Digest realm=\"ipcam\", nonce=\"" + n + "\", algorithm=\"MD5\""), a.challenges(DEFAULT));
        assertEquals(List.of(), a.challenges(EnumSet.noneOf(AuthMethod.class)));
    }

    @Test
    void answerToOwnChallengeVerifies() {
        Authenticator a = new Authenticator();
        String response = md5(md5("myuser:ipcam:mypass") + ":" + a.nonce() + ":" + md5("PLAY:" + URL));
        String header = "Digest username=\"myuser\", realm=\"ipcam\", nonce=\"" + a.nonce() + "\", uri=\"" + URL
                + "\", response=\"" + response + "\"";
        assertTrue(a.verify(request("PLAY", URL, header), null, "myuser", "mypass", DEFAULT));
    }

    private static String md5(String s) {
        return hash("MD5", s);
    }

    private static String sha256(String s) {
        return hash("SHA-256", s);
    }

    private static String hash(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
