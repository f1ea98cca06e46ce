package org.rtspkit.server;

import java.io.IOException;
import java.net.BindException;
import java.util.function.UnaryOperator;
import org.rtspkit.server.options.Credentials;
import org.rtspkit.server.options.ServerOptions;
import org.rtspkit.testkit.Loopback;

/** The ready-to-use server on 127.0.0.1 for tests: RTSP on a free port, UDP on a free pair. */
public final class TestServers {
    private TestServers() {
    }

    /** Starts it without the demo, metrics or summary, retrying with another UDP pair when the probed one was taken in between. */
    public static RunningServer start(Credentials credentials) throws IOException {
        return start(credentials, UnaryOperator.identity());
    }

    /** As {@link #start(Credentials)}, with the demo stream at {@code /demo} when asked. */
    public static RunningServer start(Credentials credentials, boolean demo) throws IOException {
        return start(credentials, options -> options.withDemo(demo));
    }

    /** As {@link #start(Credentials)}, with options changed by {@code adjust} (metrics, summary, demo). */
    public static RunningServer start(Credentials credentials, UnaryOperator<ServerOptions> adjust) throws IOException {
        BindException last = null;
        for (int i = 0; i < 5; i++) {
            int rtp = Loopback.freeUdpPair();
            ServerOptions options = adjust.apply(ServerOptions.of(Loopback.port(0), Loopback.port(rtp),
                    Loopback.port(rtp + 1), credentials));
            try {
                return RunningServer.start(options);
            } catch (BindException e) {
                last = e;
            }
        }
        throw last;
    }
}
