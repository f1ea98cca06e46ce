package org.rtspkit.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/** Addresses and free ports on 127.0.0.1 for servers under test. */
public final class Loopback {
    private static final int ATTEMPTS = 50;

    private Loopback() {
    }

    /** 127.0.0.1 (not {@code localhost}, which may name ::1 first). */
    public static InetAddress address() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** 127.0.0.1 with the given port; 0 for any free one. */
    public static InetSocketAddress port(int port) {
        return new InetSocketAddress(address(), port);
    }

    /**
     * An even RTP port whose RTP and RTCP (port + 1) sockets could both be bound on 127.0.0.1 just now;
     * another process may take them before the caller does, so a caller retries on a bind failure.
     */
    public static int freeUdpPair() {
        for (int i = 0; i < ATTEMPTS; i++) {
            // Even ports below the Linux ephemeral range (32768+), where clients' own sockets land.
            int rtp = 2 * ThreadLocalRandom.current().nextInt(10_000, 16_000);
            try (DatagramSocket a = new DatagramSocket(port(rtp));
                 DatagramSocket b = new DatagramSocket(port(rtp + 1))) {
                return rtp;
            } catch (IOException busy) {
                // Try another pair.
            }
        }
        throw new AssertionError("no free UDP port pair on 127.0.0.1 after " + ATTEMPTS + " attempts");
    }
}
