package org.rtspkit.protocol.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.AuthMethod;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.RtspHeaders;
import org.rtspkit.api.RtspRequest;

/** The client's answers, checked by the engine's own verifier and against RFC 7616's worked example. */
class ClientAuthorizationTest {
    private static final String URL = "rtsp://127.0.0.1:8554/cam";

    private boolean accepted(Set<AuthMethod> offered, Set<AuthMethod> verified, ClientAuthorization.Scheme expected) {
        Authenticator server = new Authenticator();
        ClientAuthorization client = ClientAuthorization.choose(server.challenges(offered), "user", "p@ss:word");
        assertEquals(expected, client.scheme());
        RtspRequest request = new RtspRequest("DESCRIBE", URL,
                RtspHeaders.of("Authorization", client.header("DESCRIBE", URL)));
        return server.verify(request, null, "user", "p@ss:word", verified);
    }

    @Test
    void theStrongestOfferedSchemeIsChosenAndAccepted() {
        Set<AuthMethod> all = EnumSet.allOf(AuthMethod.class);
        assertTrue(accepted(all, all, ClientAuthorization.Scheme.DIGEST_SHA256));
        assertTrue(accepted(EnumSet.of(AuthMethod.BASIC, AuthMethod.DIGEST_MD5), all, ClientAuthorization.Scheme.DIGEST_MD5));
        assertTrue(accepted(EnumSet.of(AuthMethod.BASIC), all, ClientAuthorization.Scheme.BASIC));
    }

    @Test
    void aWrongPasswordIsNotAccepted() {
        Authenticator server = new Authenticator();
        ClientAuthorization client = ClientAuthorization.choose(server.challenges(EnumSet.of(AuthMethod.DIGEST_MD5)),
                "user", "wrong");
        RtspRequest request = new RtspRequest("DESCRIBE", URL, RtspHeaders.of("Authorization", client.header("DESCRIBE", URL)));
        assertFalse(server.verify(request, null, "user", "right", EnumSet.allOf(AuthMethod.class)));
    }

    @Test
    void qopAuthAsInRfc7616() {
        // RFC 7616 §3.9.1 uses HTTP; the digest is the same computation.
        ClientAuthorization c = ClientAuthorization.choose(List.of("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\","
                + " algorithm=MD5, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""), "Mufasa", "Circle of Life");
        String h = c.header("GET", "/dir/index.html");
        assertTrue(h.contains("qop=auth, nc=00000001, cnonce=\""), h);
        assertTrue(h.contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""), h);
        assertFalse(c.toString().contains("Circle"), c.toString());
    }

    @Test
    void unsupportedSchemesAreNamed() {
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> ClientAuthorization.choose(List.of("Negotiate abc", "Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256"),
                        "u", "p"));
        assertEquals("the server asks for authentication by Negotiate, Digest SHA-512-256; supported are Basic and Digest"
                + " (MD5, SHA-256)", e.getMessage());
    }
}
