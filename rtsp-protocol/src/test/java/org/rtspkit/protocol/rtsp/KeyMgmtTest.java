package org.rtspkit.protocol.rtsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rtspkit.api.MalformedDataException;

/** The {@code KeyMgmt} header value (RFC 4567 §3.2). */
class KeyMgmtTest {
    private static final byte[] DATA = {1, 0, 5, 0, (byte) 0xff, 0x10};

    private static String rejection(String value) {
        return assertThrows(MalformedDataException.class, () -> KeyMgmt.parse(value)).getMessage();
    }

    @Test
    void formatsQuotedUriAndBase64Data() {
        KeyMgmt k = new KeyMgmt("rtsps://127.0.0.1:8322/stream/trackID=0", DATA);
        assertEquals("prot=mikey;uri=\"rtsps://127.0.0.1:8322/stream/trackID=0\";data=\"AQAFAP8Q\"", k.format());
        assertEquals(k, KeyMgmt.parse(k.format()));
    }

    @Test
    void parsesWhatClientsSend() {
        // Spaces after semicolons, names in any case, a URL holding ';' and ',' inside quotes, unquoted data.
        KeyMgmt k = KeyMgmt.parse("prot=mikey; URI=\"rtsps://cam/a;b,c?x=1\"; data=AQAFAP8Q");
        assertEquals("rtsps://cam/a;b,c?x=1", k.uri());
        assertArrayEquals(DATA, k.mikey());
    }

    @Test
    void picksTheMikeySpecAmongSeveral() {
        KeyMgmt k = KeyMgmt.parse("prot=other;uri=\"x\";data=\"AAAA\", prot=mikey;uri=\"rtsps://h/s\";data=\"AQAFAP8Q\"");
        assertEquals("rtsps://h/s", k.uri());
        assertArrayEquals(DATA, k.mikey());
    }

    @Test
    void acceptsBase64WithoutPadding() {
        assertArrayEquals(new byte[] {1, 2}, KeyMgmt.parse("prot=mikey;uri=\"u\";data=\"AQI\"").mikey());
    }

    @Test
    void refusalsSayWhatWasWrong() {
        assertEquals("invalid KeyMgmt header: value not provided", rejection(" "));
        assertEquals("invalid KeyMgmt header: prot not provided", rejection("uri=\"u\";data=\"AQI=\""));
        assertEquals("invalid KeyMgmt header: key management protocol 'sdes' is not supported (only mikey)",
                rejection("prot=sdes;uri=\"u\";data=\"AQI=\""));
        assertEquals("invalid KeyMgmt header: uri not provided", rejection("prot=mikey;data=\"AQI=\""));
        assertEquals("invalid KeyMgmt header: data not provided", rejection("prot=mikey;uri=\"u\""));
        assertEquals("invalid KeyMgmt header: data not provided", rejection("prot=mikey;uri=\"u\";data=\"\""));
        assertTrue(rejection("prot=mikey;uri=\"u\";data=\"@@not base64!!\"")
                .startsWith("invalid KeyMgmt header: data is not valid base64"));
        assertTrue(rejection("prot=mikey;uri=\"u;data=\"AQI=\"").contains("unterminated quote"));
        assertTrue(rejection("prot=mikey;uri").contains("parameter 'uri' has no value"));
    }

    @Test
    void toStringShowsNoKeyBytes() {
        assertEquals("KeyMgmt[uri=u, mikey=6 bytes]", new KeyMgmt("u", DATA).toString());
    }
}
