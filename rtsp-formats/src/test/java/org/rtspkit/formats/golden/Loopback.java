package org.rtspkit.formats.golden;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** UDP on 127.0.0.1 for the golden tests: port pairs for RTP and RTCP, a receiver, a sender. */
final class Loopback {
    static final InetAddress HOST = InetAddress.getLoopbackAddress();

    private Loopback() {
    }

    /** Binds an even port and the next one, chosen at random among the free ones. */
    static DatagramSocket[] bindPair() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + 2 * ThreadLocalRandom.current().nextInt(20000);
            DatagramSocket rtp = null;
            try {
                rtp = new DatagramSocket(new InetSocketAddress(HOST, port));
                DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(HOST, port + 1));
                return new DatagramSocket[] {rtp, rtcp};
            } catch (SocketException taken) {
                if (rtp != null) {
                    rtp.close();
                }
            }
        }
        throw new AssertionError("no free pair of UDP ports on 127.0.0.1");
    }

    /** An even port whose next one is free too, released for another process to bind. */
    static int freePair() {
        DatagramSocket[] pair = bindPair();
        int port = pair[0].getLocalPort();
        pair[0].close();
        pair[1].close();
        return port;
    }

    /** Waits until some process has bound the UDP port (read from /proc/net/udp), failing at the deadline. */
    static void awaitBound(int port, long millis, Ffmpeg.Running process) {
        String suffix = String.format(Locale.ROOT, ":%04X", port);
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (!process.process().isAlive()) {
                fail("FFmpeg ended before binding port " + port + ":\n" + process.log());
            }
            for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
                try {
                    for (String line : Files.readAllLines(Path.of(table))) {
                        String[] fields = line.strip().split("\\s+");
                        if (fields.length > 1 && fields[1].endsWith(suffix)) {
                            return;
                        }
                    }
                } catch (IOException ignored) {
                    // No such table (no IPv6): look at the other.
                }
            }
            sleep(20);
        }
        process.kill();
        fail("FFmpeg did not bind UDP port " + port + " within " + millis + " ms:\n" + process.log());
    }

    /** Receives the datagrams sent to an RTP port (its RTCP port bound too, and drained). */
    static final class Receiver implements AutoCloseable {
        private final DatagramSocket rtp;
        private final DatagramSocket rtcp;
        private final List<byte[]> packets = new ArrayList<>();
        private final Thread thread;
        private volatile boolean stop;

        Receiver() {
            DatagramSocket[] pair = bindPair();
            rtp = pair[0];
            rtcp = pair[1];
            try {
                rtp.setReceiveBufferSize(4 << 20);
                rtp.setSoTimeout(50);
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
            thread = new Thread(this::run, "golden-rtp-receiver");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return rtp.getLocalPort();
        }

        private void run() {
            byte[] buf = new byte[65536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (!stop) {
                try {
                    rtp.receive(p);
                    byte[] copy = Arrays.copyOfRange(buf, p.getOffset(), p.getOffset() + p.getLength());
                    synchronized (packets) {
                        packets.add(copy);
                    }
                } catch (SocketTimeoutException idle) {
                    // Look at stop again.
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** Waits until no datagram came for {@code idleMillis} (at most {@code maxMillis}), then returns them all. */
        List<byte[]> drain(long idleMillis, long maxMillis) {
            long deadline = System.nanoTime() + maxMillis * 1_000_000;
            int seen = -1;
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                int now;
                synchronized (packets) {
                    now = packets.size();
                }
                if (now != seen) {
                    seen = now;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > idleMillis * 1_000_000) {
                    break;
                }
                sleep(20);
            }
            synchronized (packets) {
                return new ArrayList<>(packets);
            }
        }

        @Override
        public void close() {
            stop = true;
            rtp.close();
            rtcp.close();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends datagrams to one port of 127.0.0.1. */
    static final class Sender implements AutoCloseable {
        private final DatagramSocket socket;
        private final int port;
        private int sent;

        Sender(int port) {
            this.port = port;
            try {
                socket = new DatagramSocket(new InetSocketAddress(HOST, 0));
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
        }

        void send(byte[] buf, int offset, int length) {
            try {
                socket.send(new DatagramPacket(buf, offset, length, HOST, port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (++sent % 16 == 0) {
                // Paced a little, so that the reader's socket buffer never overflows.
                sleep(1);
            }
        }

        /** An RTCP compound packet of an empty receiver report and a BYE, to the RTCP port (RTP port + 1). */
        void bye(long ssrc) {
            byte[] b = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, 0, (byte) 0x81, (byte) 203, 0, 1, 0, 0, 0, 0};
            for (int k = 0; k < 4; k++) {
                b[4 + k] = (byte) (ssrc >>> (24 - 8 * k));
                b[12 + k] = (byte) (ssrc >>> (24 - 8 * k));
            }
            try {
                socket.send(new DatagramPacket(b, b.length, HOST, port + 1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
