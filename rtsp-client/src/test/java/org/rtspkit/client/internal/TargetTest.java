package org.rtspkit.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void credentialsAreTakenOutOfTheUrl() {
        Target t = Target.parse("rtsps://us%40er:p%3Ass@cam.example:8322/live?x=1");
        assertEquals("rtsps://cam.example:8322/live?x=1", t.url());
        assertEquals("us@er", t.user());
        assertEquals("p:ss", t.password());
        assertTrue(t.tls());
        assertEquals(8322, t.port());
        assertFalse(t.toString().contains("p:ss"));
        assertEquals(554, Target.parse("rtsp://h/x").port());
        assertNull(Target.parse("rtsp://h/x").user());
    }

    @Test
    void redirectsKeepTheCredentialsUnlessGivenNewOnes() {
        Target t = Target.parse("rtsp://u:p@a/x");
        assertEquals("p", t.redirect("rtsp://b:8554/y").password());
        assertEquals("rtsp://b:8554/y", t.redirect("rtsp://b:8554/y").url());
        assertEquals("q", t.redirect("rtsp://v:q@b/y").password());
        assertEquals("rtsp://a:554/z", t.redirect("/z").url());
    }

    @Test
    void messagesNeverShowAPassword() {
        assertEquals("cannot reach rtsp://***@host/x", Target.redact("cannot reach rtsp://user:secret@host/x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Target.parse("http://u:secret@h/"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
