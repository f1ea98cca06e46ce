package org.rtspkit.server;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/** Free loopback ports for servers under test: RTSP on port 0, UDP on a probed even/odd pair. */
final class LoopbackPorts {
    private static final int ATTEMPTS = 50;

    private LoopbackPorts() {
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** An RTP port whose RTP and RTCP (port + 1) sockets could both be bound on 127.0.0.1 just now. */
    static int freeUdpPair() {
        for (int i = 0; i < ATTEMPTS; i++) {
            // Even ports below the Linux ephemeral range (32768+), where clients' own sockets land.
            int rtp = 2 * ThreadLocalRandom.current().nextInt(10_000, 16_000);
            try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(loopback(), rtp));
                 DatagramSocket b = new DatagramSocket(new InetSocketAddress(loopback(), rtp + 1))) {
                return rtp;
            } catch (IOException busy) {
                // Try another pair.
            }
        }
        throw new AssertionError("no free UDP port pair on 127.0.0.1 after " + ATTEMPTS + " attempts");
    }

    /**
     * Starts the ready-to-use server on 127.0.0.1 (RTSP on a free port, UDP on a free pair), retrying
     * with another pair when the probed one was taken in between.
     */
    static RtspkitServer.Started startServer(Credentials credentials) throws IOException {
        return startServer(credentials, UnaryOperator.identity());
    }

    /** As {@link #startServer(Credentials)}, with the demo stream at {@code /demo} when asked. */
    static RtspkitServer.Started startServer(Credentials credentials, boolean demo) throws IOException {
        return startServer(credentials, options -> options.withDemo(demo));
    }

    /** As {@link #startServer(Credentials)}, with options changed by {@code adjust} (metrics, summary, demo). */
    static RtspkitServer.Started startServer(Credentials credentials, UnaryOperator<ServerOptions> adjust)
            throws IOException {
        BindException last = null;
        for (int i = 0; i < 5; i++) {
            int rtp = freeUdpPair();
            ServerOptions options = ServerOptions.of(new InetSocketAddress(loopback(), 0),
                    new InetSocketAddress(loopback(), rtp), new InetSocketAddress(loopback(), rtp + 1), credentials);
            options = adjust.apply(options);
            try {
                return RtspkitServer.start(options);
            } catch (BindException e) {
                last = e;
            }
        }
        throw last;
    }
}
