package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.TestRtspClient;

/**
 * An application that breaks the handler's contract gets an error that says what it did wrong, in the
 * response, in the error its connection closes with and in the log (REFERENCE §2: the response goes
 * out, then the connection closes), not an anonymous 500.
 */
class HandlerContractTest {
    private RtspServer server;
    private RtspServer other;

    /** Answers DESCRIBE and SETUP with whatever stream the test puts in {@link #answer}. */
    static final class AnsweringHandler extends RecordingHandler {
        volatile ServerStream answer;

        @Override
        public StreamResponse onDescribe(RequestContext c) {
            return new StreamResponse(RtspResponse.ok(), answer);
        }

        @Override
        public StreamResponse onSetup(SetupContext c) {
            return StreamResponse.ok(answer);
        }
    }

    private final AnsweringHandler handler = new AnsweringHandler();

    @AfterEach
    void stop() {
        for (RtspServer s : new RtspServer[] {server, other}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private TestRtspClient client() throws Exception {
        server = RtspServers.start(TestServers.config(false).build(), handler);
        return new TestRtspClient(server.rtspAddress());
    }

    private void assertRefused(TestRtspClient c, TestRtspClient.Response r, String method, String expected)
            throws Exception {
        assertEquals(500, r.status(), method);
        assertTrue(r.body().contains(expected), method + " answered: " + r.body());
        assertTrue(c.closedByServer(), "the connection closes after the response");
        String closedWith = String.valueOf(handler.awaitConnectionClose().message());
        assertTrue(closedWith.contains(expected), "closed with: " + closedWith);
    }

    @Test
    void describeWithTheApplicationsOwnStreamSaysSo() throws Exception {
        handler.answer = mock(ServerStream.class);
        try (TestRtspClient c = client()) {
            TestRtspClient.Response r = c.request("DESCRIBE", TestServers.url(server, "/cam"));
            assertRefused(c, r, "DESCRIBE", "the DESCRIBE handler answered with a ServerStream that this server did"
                    + " not create (" + handler.answer.getClass().getName() + ")");
        }
    }

    @Test
    void setupWithTheApplicationsOwnStreamSaysSo() throws Exception {
        handler.answer = mock(ServerStream.class);
        try (TestRtspClient c = client()) {
            TestRtspClient.Response r = c.request("SETUP", TestServers.url(server, "/cam/trackID=0"),
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertRefused(c, r, "SETUP", "the SETUP handler answered with a ServerStream that this server did not"
                    + " create");
        }
    }

    @Test
    void setupWithAnotherServersStreamSaysSo() throws Exception {
        other = RtspServers.start(TestServers.config(false).build(), new RecordingHandler());
        handler.answer = other.createStream(TestServers.videoAndAudio());
        try (TestRtspClient c = client()) {
            TestRtspClient.Response r = c.request("SETUP", TestServers.url(server, "/cam/trackID=0"),
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertRefused(c, r, "SETUP", "the SETUP handler answered with a stream of another server");
        }
    }

    @Test
    void describeWithoutStreamOrBodySaysSo() throws Exception {
        handler.answer = null;
        try (TestRtspClient c = client()) {
            TestRtspClient.Response r = c.request("DESCRIBE", TestServers.url(server, "/cam"));
            assertRefused(c, r, "DESCRIBE", "the DESCRIBE handler answered 200 without a stream or a body");
        }
    }
}
