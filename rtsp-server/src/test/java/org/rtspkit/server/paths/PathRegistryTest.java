package org.rtspkit.server.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;

class PathRegistryTest {
    private final PathRegistry paths = new PathRegistry();
    private final ServerSession alice = mock(ServerSession.class, "alice");
    private final ServerSession bob = mock(ServerSession.class, "bob");
    private final ServerStream stream = mock(ServerStream.class, "stream");
    private final RtspServer listener = mock(RtspServer.class, "listener");

    /** The registry keeps sessions and streams by identity and calls nothing on them. */
    @AfterEach
    void nothingWasAskedOfTheEngine() {
        verifyNoInteractions(alice, bob, stream, listener);
    }

    @Test
    void aPathHasOnePublisherUntilItLeaves() {
        assertTrue(paths.claim("/cam", alice));
        assertFalse(paths.claim("/cam", bob), "a second publisher on the same path");
        assertTrue(paths.claim("/other", bob));

        paths.release(alice);
        assertTrue(paths.claim("/cam", mock(ServerSession.class, "carol")));
    }

    @Test
    void readersSeeAPathOnlyOnceItsPublisherRecords() {
        paths.claim("/cam", alice);
        assertEquals(Optional.empty(), paths.stream("/cam"));

        assertTrue(paths.startRecording(alice, Map.of(listener, stream)));
        assertSame(stream, paths.stream("/cam").orElseThrow());
        assertSame(stream, paths.publicationOf(alice).orElseThrow().stream());
        assertSame(stream, paths.stream("/cam", listener).orElseThrow(), "the listener's own stream");
    }

    @Test
    void releaseHandsBackTheStreamToClose() {
        paths.claim("/cam", alice);
        paths.startRecording(alice, Map.of(listener, stream));

        PathRegistry.Publication released = paths.release(alice).orElseThrow();
        assertEquals("/cam", released.path());
        assertSame(stream, released.stream());
        assertEquals(Optional.empty(), paths.stream("/cam"));
        assertEquals(0, paths.size());
        assertEquals(Optional.empty(), paths.release(alice), "releasing twice");
    }

    @Test
    void aSessionThatHoldsNoPathCannotRecordOrRelease() {
        assertFalse(paths.startRecording(bob, Map.of(listener, stream)));
        assertEquals(Optional.empty(), paths.release(bob));
        assertEquals(Optional.empty(), paths.publicationOf(bob));
    }
}
