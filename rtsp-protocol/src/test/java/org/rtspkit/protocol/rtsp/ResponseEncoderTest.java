package org.rtspkit.protocol.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtspHeaders;
import org.rtspkit.api.RtspResponse;

class ResponseEncoderTest {

    private static String encode(RtspResponse r) {
        return new String(ResponseEncoder.encode(r), StandardCharsets.UTF_8);
    }

    @Test
    void headersSortedNoContentLengthWithoutBody() {
        RtspResponse r = RtspResponse.of(200).withHeaders(RtspHeaders.of(
                "Server", "rtspkit", "CSeq", "1", "Public", "DESCRIBE, SETUP", "Session", "abc;timeout=55"));
        assertEquals("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: DESCRIBE, SETUP\r\nServer: rtspkit\r\n"
                + "Session: abc;timeout=55\r\n\r\n", encode(r));
    }

    @Test
    void bodyGetsContentLength() {
        RtspResponse r = RtspResponse.of(200).withHeader("CSeq", "2").withBody("application/sdp", "v=0\r\n")
                .withHeader("Content-Base", "rtsp://h/s/");
        assertEquals("RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://h/s/\r\nContent-Length: 5\r\n"
                + "Content-Type: application/sdp\r\n\r\nv=0\r\n", encode(r));
    }

    @Test
    void handlerContentLengthIsReplaced() {
        RtspResponse r = RtspResponse.of(200).withHeader("Content-Length", "99");
        assertEquals("RTSP/1.0 200 OK\r\n\r\n", encode(r));
        r = r.withBody("text/parameters", "a");
        assertEquals("RTSP/1.0 200 OK\r\nContent-Length: 1\r\nContent-Type: text/parameters\r\n\r\na", encode(r));
    }

    @Test
    void eachValueOnItsOwnLineAndReasonPhrases() {
        RtspResponse r = RtspResponse.of(401).withHeaders(RtspHeaders.builder()
                .add("WWW-Authenticate", "Basic realm=\"ipcam\"")
                .add("WWW-Authenticate", "Digest realm=\"ipcam\", nonce=\"n\", algorithm=\"MD5\"")
                .add("CSeq", "3").build());
        assertEquals("RTSP/1.0 401 Unauthorized\r\nCSeq: 3\r\nWWW-Authenticate: Basic realm=\"ipcam\"\r\n"
                + "WWW-Authenticate: Digest realm=\"ipcam\", nonce=\"n\", algorithm=\"MD5\"\r\n\r\n", encode(r));
        assertEquals("RTSP/1.0 461 Unsupported Transport\r\n\r\n", encode(RtspResponse.of(461)));
        assertEquals("RTSP/1.0 454 Session Not Found\r\n\r\n", encode(RtspResponse.of(454)));
        assertEquals("RTSP/1.0 799 Unknown\r\n\r\n", encode(RtspResponse.of(799)));
    }

    @Test
    void lineBreaksInValuesCannotForgeHeaders() {
        RtspResponse r = RtspResponse.of(200).withHeader("X-Note", "a\r\nSession: forged");
        assertEquals("RTSP/1.0 200 OK\r\nX-Note: a  Session: forged\r\n\r\n", encode(r));
    }
}
