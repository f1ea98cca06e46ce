package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.AnnounceContext;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/**
 * OPTIONS' {@code Public} and the 501s come from what the handler declares it answers
 * ({@link ServerHandler#methods()}), not from which of its methods a class happens to override.
 */
class PublicMethodsTest {
    private RtspServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Forwards every request method, as a wrapper adding logging or metrics would. */
    static class Delegating implements ServerHandler {
        private final ServerHandler to;

        Delegating(ServerHandler to) {
            this.to = to;
        }

        @Override
        public Set<RtspMethod> methods() {
            return to.methods();
        }

        @Override
        public StreamResponse onDescribe(RequestContext c) {
            return to.onDescribe(c);
        }

        @Override
        public RtspResponse onAnnounce(AnnounceContext c) {
            return to.onAnnounce(c);
        }

        @Override
        public StreamResponse onSetup(SetupContext c) {
            return to.onSetup(c);
        }

        @Override
        public RtspResponse onPlay(RequestContext c) {
            return to.onPlay(c);
        }

        @Override
        public RtspResponse onRecord(RequestContext c) {
            return to.onRecord(c);
        }

        @Override
        public RtspResponse onPause(RequestContext c) {
            return to.onPause(c);
        }

        @Override
        public RtspResponse onGetParameter(RequestContext c) {
            return to.onGetParameter(c);
        }

        @Override
        public RtspResponse onSetParameter(RequestContext c) {
            return to.onSetParameter(c);
        }
    }

    private TestRtspClient start(ServerHandler handler) throws Exception {
        server = RtspServers.start(TestServers.config(false).build(), handler);
        return new TestRtspClient(server.rtspAddress());
    }

    private static ServerHandler answering(RtspMethod... methods) {
        ServerHandler h = mock(ServerHandler.class);
        when(h.methods()).thenReturn(EnumSet.of(methods[0], methods));
        when(h.onDescribe(any())).thenReturn(StreamResponse.of(404));
        when(h.onSetParameter(any())).thenReturn(RtspResponse.ok());
        return h;
    }

    @Test
    void aDelegatingHandlerAdvertisesWhatItsDelegateAnswers() throws Exception {
        ServerHandler reader = answering(RtspMethod.DESCRIBE, RtspMethod.SETUP, RtspMethod.PLAY);
        try (TestRtspClient c = start(new Delegating(reader))) {
            assertEquals("DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN", c.request("OPTIONS", "*").header("Public"));
            assertEquals(404, c.request("DESCRIBE", TestServers.url(server, "/cam")).status());
        }
    }

    @Test
    void anUndeclaredMethodIs501AndCreatesNoSession() throws Exception {
        ServerHandler reader = answering(RtspMethod.DESCRIBE);
        RecordingHandler events = new RecordingHandler();
        ServerHandler handler = new Delegating(reader) {
            @Override
            public void onSessionOpen(org.rtspkit.api.ServerSession s, org.rtspkit.api.ServerConnection c) {
                events.onSessionOpen(s, c);
            }
        };
        try (TestRtspClient c = start(handler)) {
            String url = TestServers.url(server, "/cam");
            assertEquals(501, c.requestWithBody("ANNOUNCE", url, "v=0\r\n", "Content-Type: application/sdp").status());
            assertEquals(501, c.request("SETUP", url + "/trackID=0", "Transport: RTP/AVP/TCP;unicast").status());
            assertEquals(501, c.request("SET_PARAMETER", url).status());
            assertEquals(200, c.request("OPTIONS", url).status(), "the connection stays open");
            assertTrue(events.sessionOpens.isEmpty(), "no session was created");
            verify(reader, never()).onAnnounce(any());
            verify(reader, never()).onSetup(any());
            verify(reader, never()).onSetParameter(any());
        }
    }

    @Test
    void declaredMethodsAreListedInTheReferenceOrder() throws Exception {
        ServerHandler all = answering(RtspMethod.SET_PARAMETER, RtspMethod.PAUSE, RtspMethod.RECORD, RtspMethod.PLAY,
                RtspMethod.SETUP, RtspMethod.ANNOUNCE, RtspMethod.DESCRIBE, RtspMethod.GET_PARAMETER,
                RtspMethod.OPTIONS, RtspMethod.TEARDOWN);
        try (TestRtspClient c = start(all)) {
            assertEquals("DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, GET_PARAMETER, SET_PARAMETER, TEARDOWN",
                    c.request("OPTIONS", "*").header("Public"));
            assertEquals(200, c.request("SET_PARAMETER", TestServers.url(server, "/cam")).status());
        }
    }

    @Test
    void aHandlerThatDeclaresNothingAnswersOnlyWhatTheServerAnswersItself() throws Exception {
        try (TestRtspClient c = start(new ServerHandler() { })) {
            String url = TestServers.url(server, "/cam");
            assertEquals("GET_PARAMETER, TEARDOWN", c.request("OPTIONS", "*").header("Public"));
            assertEquals(501, c.request("DESCRIBE", url).status());
            assertEquals(501, c.request("GET_PARAMETER", url).status(), "outside a session");
        }
    }
}
