package org.rtspkit.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread serving many readers: drains UDP sockets and parses interleaved frames off
 * TCP connections, handing RTP packets to their {@link Reader}. Latencies are recorded only between
 * the window's start and end (set once all readers play).
 */
final class ReaderLoop implements Runnable {
    /** Datagrams read from one socket per wake-up before turning to the others. */
    private static final int UDP_BURST = 64;
    private static final int MAX_FRAME = 4 + 0xffff;

    private final Selector selector;
    private final Queue<Reader> added = new ConcurrentLinkedQueue<>();
    private final List<Reader> readers = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    final LatencyHistogram latencies = new LatencyHistogram();
    private volatile boolean running = true;
    private static final long KEEPALIVE_NANOS = 20_000_000_000L;
    private long lastKeepaliveCheck;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    final Thread thread;

    ReaderLoop(int index) throws IOException {
        selector = Selector.open();
        thread = new Thread(this, "reader-loop-" + index);
        thread.setDaemon(true);
    }

    void add(Reader r) {
        added.add(r);
        selector.wakeup();
    }

    void window(long start, long end) {
        windowStart = start;
        windowEnd = end;
    }

    void stop() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join();
    }

    List<Reader> readers() {
        return readers;
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (Reader r; (r = added.poll()) != null; ) {
                    register(r);
                }
                selector.select(100);
                keepAlive();
                long start = windowStart;
                long end = windowEnd;
                var keys = selector.selectedKeys();
                for (SelectionKey key : keys) {
                    Reader r = (Reader) key.attachment();
                    try {
                        if (key.channel() instanceof DatagramChannel dc) {
                            readDatagrams(r, dc, dc == r.rtp, start, end);
                        } else {
                            readStream(r, key, start, end);
                        }
                    } catch (IOException e) {
                        // A reader that cannot go on is closed, so the server sees it leave rather than stall.
                        r.error = e.getMessage();
                        key.cancel();
                        r.close();
                    }
                }
                keys.clear();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            try {
                selector.close();
            } catch (IOException ignored) {
                // ending
            }
        }
    }

    /**
     * Sends each reader's keepalive request every {@link #KEEPALIVE_NANOS}: servers end sessions that
     * send nothing for their timeout (usually 60 s), and media sent to a reader does not count. The
     * answer is skipped like any RTSP message on the connection.
     */
    private void keepAlive() {
        long now = System.nanoTime();
        if (now - lastKeepaliveCheck < 1_000_000_000L) {
            return;
        }
        lastKeepaliveCheck = now;
        for (Reader r : readers) {
            if (r.keepalive == null || r.error != null || r.closedByPeer) {
                continue;
            }
            if (r.nextKeepalive == 0) {
                r.nextKeepalive = now + KEEPALIVE_NANOS;
            } else if (now - r.nextKeepalive >= 0) {
                r.nextKeepalive = now + KEEPALIVE_NANOS;
                try {
                    // Tiny and rare: a request that does not fit the send buffer whole is not worth waiting for.
                    r.control.write(ByteBuffer.wrap(r.keepalive));
                } catch (IOException e) {
                    r.error = "keepalive: " + e.getMessage();
                }
            }
        }
    }

    private void register(Reader r) throws ClosedChannelException, IOException {
        readers.add(r);
        if (r.udp) {
            r.rtp.configureBlocking(false);
            r.rtp.register(selector, SelectionKey.OP_READ, r);
            r.rtcp.configureBlocking(false);
            r.rtcp.register(selector, SelectionKey.OP_READ, r);
        }
        // Read the control connection of UDP readers too, so responses and server requests do not pile up
        // and its closing is seen.
        r.control.configureBlocking(false);
        r.control.register(selector, SelectionKey.OP_READ, r);
    }

    private void readDatagrams(Reader r, DatagramChannel dc, boolean isRtp, long start, long end) throws IOException {
        for (int i = 0; i < UDP_BURST; i++) {
            buffer.clear();
            if (dc.receive(buffer) == null) {
                return;
            }
            if (isRtp) {
                long now = System.nanoTime();
                r.markWindow(now, start, end);
                r.onRtp(buffer, 0, buffer.position(), now, r.windowStarted && !r.windowEnded ? latencies : null);
            }
        }
    }

    private void readStream(Reader r, SelectionKey key, long start, long end) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        for (int round = 0; round < 4; round++) {
            buffer.clear();
            if (r.carry != null && r.carry.position() > 0) {
                r.carry.flip();
                buffer.put(r.carry);
                r.carry.clear();
            }
            int n = ch.read(buffer);
            if (n < 0) {
                r.closedByPeer = true;
                key.cancel();
                return;
            }
            buffer.flip();
            long now = System.nanoTime();
            int p = parse(r, now, start, end);
            if (p < buffer.limit()) {
                int rest = buffer.limit() - p;
                if (r.carry == null || r.carry.capacity() < rest) {
                    r.carry = ByteBuffer.allocate(Math.max(rest, 4096));
                }
                buffer.position(p);
                r.carry.put(buffer);
            }
            if (n < buffer.capacity() / 2) {
                return;
            }
        }
    }

    /** Consumes whole frames and RTSP messages from the buffer; returns where the incomplete rest starts. */
    private int parse(Reader r, long now, long start, long end) throws IOException {
        int p = 0;
        int limit = buffer.limit();
        while (p < limit) {
            byte first = buffer.get(p);
            if (first == '$') {
                if (limit - p < 4) {
                    return p;
                }
                int channel = buffer.get(p + 1) & 0xff;
                int len = buffer.getShort(p + 2) & 0xffff;
                if (limit - p < 4 + len) {
                    return p;
                }
                if (channel == r.rtpChannel && !r.udp) {
                    r.markWindow(now, start, end);
                    r.onRtp(buffer, p + 4, len, now, r.windowStarted && !r.windowEnded ? latencies : null);
                }
                p += 4 + len;
            } else if (first == 'R' || first == 'G' || first == 'O' || first == 'S' || first == 'A' || first == 'P'
                    || first == 'T') {
                // An RTSP response or a server request: skip its head and body.
                int headEnd = -1;
                for (int i = p; i + 3 < limit; i++) {
                    if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r'
                            && buffer.get(i + 3) == '\n') {
                        headEnd = i + 4;
                        break;
                    }
                }
                if (headEnd < 0) {
                    if (limit - p > MAX_FRAME) {
                        throw new IOException("unparseable bytes from the server");
                    }
                    return p;
                }
                byte[] head = new byte[headEnd - p];
                buffer.get(p, head);
                int length = 0;
                for (String line : new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).split("\r\n")) {
                    if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                if (limit - headEnd < length) {
                    return p;
                }
                p = headEnd + length;
            } else {
                throw new IOException("unexpected byte " + (first & 0xff) + " on reader " + r.index + "'s connection");
            }
        }
        return p;
    }
}
