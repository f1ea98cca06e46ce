package org.rtspkit.benchmarks.send;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The receiving side of {@link SendCost}, in a process of its own so that its CPU time is not the
 * sender's: for each reader count it binds that many UDP sockets on loopback (4 MiB receive buffers),
 * prints their ports on one line, and drains them all from one selector thread, counting datagrams per
 * set. On standard input, {@code count SET} prints that set's total so far; {@code quit} ends it.
 */
final class Drain {
    private Drain() {
    }

    static void main(String[] args) throws Exception {
        int[] sets = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        Selector selector = Selector.open();
        AtomicLongArray counts = new AtomicLongArray(sets.length);
        for (int s = 0; s < sets.length; s++) {
            StringBuilder ports = new StringBuilder();
            for (int i = 0; i < sets[s]; i++) {
                DatagramChannel c = DatagramChannel.open();
                c.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ, s);
                ports.append(((InetSocketAddress) c.getLocalAddress()).getPort()).append(' ');
            }
            System.out.println(ports.toString().trim());
        }
        System.out.flush();
        Thread drainer = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
            try {
                while (true) {
                    selector.select();
                    for (SelectionKey key : selector.selectedKeys()) {
                        DatagramChannel c = (DatagramChannel) key.channel();
                        int set = (Integer) key.attachment();
                        long got = 0;
                        while (true) {
                            buffer.clear();
                            if (c.receive(buffer) == null) {
                                break;
                            }
                            got++;
                        }
                        counts.addAndGet(set, got);
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                System.err.println("drain: " + e);
            }
        }, "drain");
        drainer.setDaemon(true);
        drainer.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("count ")) {
                System.out.println(counts.get(Integer.parseInt(line.substring(6).trim())));
                System.out.flush();
            } else if (line.equals("quit")) {
                break;
            }
        }
        System.exit(0);
    }
}
