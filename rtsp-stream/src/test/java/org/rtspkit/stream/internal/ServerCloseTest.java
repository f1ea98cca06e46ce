package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConnection;
import org.rtspkit.api.ServerSession;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/**
 * {@code close()} returns once the server has stopped: every callback it owes the application has run
 * and every thread it started has ended, however long those callbacks take (REFERENCE §1: Close()
 * cancels everything and waits).
 */
class ServerCloseTest {
    private static Set<Thread> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("rtspkit-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void closeReturnsOnceEveryCallbackHasRunAndEveryThreadHasEnded() throws Exception {
        Set<Thread> before = serverThreads();
        AtomicInteger connectionsClosed = new AtomicInteger();
        Set<ServerSession> sessionsClosed = ConcurrentHashMap.newKeySet();
        RecordingHandler handler = new RecordingHandler() {
            @Override
            public void onConnectionClose(ServerConnection connection, Throwable error) {
                // An application that takes its time, as one writing to a database would.
                sleep(150);
                connectionsClosed.incrementAndGet();
            }

            @Override
            public void onSessionClose(ServerSession session, Throwable error) {
                sleep(50);
                sessionsClosed.add(session);
            }
        };
        RtspServer server = RtspServers.start(TestServers.config(false).build(), handler);
        handler.streams.put("/teststream", server.createStream(TestServers.videoAndAudio()));
        List<TestRtspClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                TestRtspClient c = new TestRtspClient(server.rtspAddress());
                clients.add(c);
                TestRtspClient.Response s = c.request("SETUP", TestServers.url(server, "/teststream/trackID=0"),
                        "Transport: RTP/AVP/TCP;unicast");
                assertEquals(200, c.request("PLAY", TestServers.url(server, "/teststream"),
                        "Session: " + s.sessionId()).status());
            }

            server.close();

            assertEquals(3, connectionsClosed.get(), "every onConnectionClose has run");
            assertEquals(3, sessionsClosed.size(), "every onSessionClose has run");
            Set<Thread> left = serverThreads();
            left.removeAll(before);
            assertTrue(left.isEmpty(), "threads still running after close: " + left);
        } finally {
            for (TestRtspClient c : clients) {
                c.close();
            }
            server.close();
        }
    }

    @Test
    void closeFromAHandlerCallbackDoesNotWaitForItself() throws Exception {
        java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
        RtspServer[] self = new RtspServer[1];
        RecordingHandler handler = new RecordingHandler() {
            @Override
            public void onConnectionOpen(ServerConnection connection) {
                self[0].close();
                closed.complete(null);
            }
        };
        self[0] = RtspServers.start(TestServers.config(false).build(), handler);
        try (TestRtspClient c = new TestRtspClient(self[0].rtspAddress())) {
            closed.get(5, TimeUnit.SECONDS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
