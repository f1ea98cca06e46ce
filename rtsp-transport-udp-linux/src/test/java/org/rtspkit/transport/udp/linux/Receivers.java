package org.rtspkit.transport.udp.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Plain JDK sockets that receive what the batched sender sends, for the tests to compare. */
final class Receivers implements AutoCloseable {
    /** What one datagram carried and where it came from. */
    record Datagram(byte[] bytes, InetSocketAddress from) {
    }

    private final List<DatagramChannel> channels = new ArrayList<>();

    Receivers(int count, InetAddress on) throws IOException {
        try {
            for (int i = 0; i < count; i++) {
                DatagramChannel c = DatagramChannel.open();
                channels.add(c);
                c.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
                c.bind(new InetSocketAddress(on, 0));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    InetSocketAddress address(int i) throws IOException {
        return (InetSocketAddress) channels.get(i).getLocalAddress();
    }

    int size() {
        return channels.size();
    }

    /** Every datagram waiting on receiver {@code i}, in order; waits up to a second for the first. */
    List<Datagram> drain(int i) throws IOException {
        DatagramChannel c = channels.get(i);
        List<Datagram> got = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        c.configureBlocking(false);
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (true) {
            buffer.clear();
            InetSocketAddress from = (InetSocketAddress) c.receive(buffer);
            if (from != null) {
                got.add(new Datagram(Arrays.copyOf(buffer.array(), buffer.position()), from));
                continue;
            }
            if (!got.isEmpty() || System.nanoTime() > deadline) {
                // Loopback delivers within the send call, so what was sent is here once one is.
                return got;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() throws IOException {
        for (DatagramChannel c : channels) {
            c.close();
        }
    }

    /** {@code length} bytes that differ from one position to the next and from one seed to another. */
    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed * 7 + (i >>> 8));
        }
        return b;
    }
}
