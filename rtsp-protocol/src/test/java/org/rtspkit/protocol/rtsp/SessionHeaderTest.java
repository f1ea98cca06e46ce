package org.rtspkit.protocol.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rtspkit.api.MalformedDataException;

class SessionHeaderTest {

    @Test
    void parse() {
        assertEquals(new SessionHeader("0123456789abcdef0123456789abcdef", null),
                SessionHeader.parse("0123456789abcdef0123456789abcdef"));
        assertEquals(new SessionHeader("ABC", 60), SessionHeader.parse("ABC;timeout=60"));
        assertEquals(new SessionHeader("ABC", 60), SessionHeader.parse(" ABC ; Timeout = 60 ;other=x"));
        assertEquals(new SessionHeader("ABC", null), SessionHeader.parse("ABC;flag"));
    }

    @Test
    void malformed() {
        assertThrows(MalformedDataException.class, () -> SessionHeader.parse(""));
        assertThrows(MalformedDataException.class, () -> SessionHeader.parse(";timeout=5"));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> SessionHeader.parse("ABC;timeout=x"));
        assertEquals("invalid Session header 'ABC;timeout=x': invalid timeout 'x'", e.getMessage());
        assertThrows(MalformedDataException.class, () -> SessionHeader.parse("ABC;timeout=-1"));
    }

    @Test
    void format() {
        assertEquals("0123456789abcdef0123456789abcdef;timeout=55",
                SessionHeader.format("0123456789abcdef0123456789abcdef", 55));
        assertEquals(new SessionHeader("x", 1), SessionHeader.parse(SessionHeader.format("x", 1)));
    }
}
