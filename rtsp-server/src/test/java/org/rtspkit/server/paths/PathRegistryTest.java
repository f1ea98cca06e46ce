package org.rtspkit.server.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;

class PathRegistryTest {
    private final PathRegistry paths = new PathRegistry();
    private final ServerSession alice = stand(ServerSession.class, "alice");
    private final ServerSession bob = stand(ServerSession.class, "bob");
    private final ServerStream stream = stand(ServerStream.class, "stream");
    private final org.rtspkit.api.RtspServer listener = stand(org.rtspkit.api.RtspServer.class, "listener");

    @Test
    void aPathHasOnePublisherUntilItLeaves() {
        assertTrue(paths.claim("/cam", alice));
        assertFalse(paths.claim("/cam", bob), "a second publisher on the same path");
        assertTrue(paths.claim("/other", bob));

        paths.release(alice);
        assertTrue(paths.claim("/cam", stand(ServerSession.class, "carol")));
    }

    @Test
    void readersSeeAPathOnlyOnceItsPublisherRecords() {
        paths.claim("/cam", alice);
        assertEquals(Optional.empty(), paths.stream("/cam"));

        assertTrue(paths.startRecording(alice, java.util.Map.of(listener, stream)));
        assertSame(stream, paths.stream("/cam").orElseThrow());
        assertSame(stream, paths.publicationOf(alice).orElseThrow().stream());
        assertSame(stream, paths.stream("/cam", listener).orElseThrow(), "the listener's own stream");
    }

    @Test
    void releaseHandsBackTheStreamToClose() {
        paths.claim("/cam", alice);
        paths.startRecording(alice, java.util.Map.of(listener, stream));

        PathRegistry.Publication released = paths.release(alice).orElseThrow();
        assertEquals("/cam", released.path());
        assertSame(stream, released.stream());
        assertEquals(Optional.empty(), paths.stream("/cam"));
        assertEquals(0, paths.size());
        assertEquals(Optional.empty(), paths.release(alice), "releasing twice");
    }

    @Test
    void aSessionThatHoldsNoPathCannotRecordOrRelease() {
        assertFalse(paths.startRecording(bob, java.util.Map.of(listener, stream)));
        assertEquals(Optional.empty(), paths.release(bob));
        assertEquals(Optional.empty(), paths.publicationOf(bob));
    }

    /** An object of the interface that only has an identity: the registry calls nothing on it. */
    private static <T> T stand(Class<T> type, String name) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) ->
                switch (method.getName()) {
                    case "toString" -> name;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return type.cast(proxy);
    }
}
