package org.rtspkit.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes synthetic packets at a steady rate: to an RTSP server (ANNOUNCE, SETUP mode=record,
 * RECORD; over TCP interleaved or UDP) or to the raw sender (its own one-line handshake, then
 * interleaved frames). Packets due at the same time go out in one write over TCP.
 */
final class Publisher implements Runnable {
    private static final int BATCH = 32;
    private static final long CLOCK_RATE = 90_000;

    private final int rate;
    private final int size;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private SocketChannel control;
    private DatagramChannel udp;
    private final ByteBuffer out;
    private volatile boolean running = true;
    /** An OPTIONS request in the session, sent every 20 s so the server keeps it (null: the raw sender). */
    private byte[] keepalive;
    private volatile long sent;
    private final Thread thread = new Thread(this, "publisher");

    private Publisher(int rate, int size) {
        this.rate = rate;
        this.size = size;
        out = ByteBuffer.allocateDirect(BATCH * (4 + size));
    }

    /** The session description the publisher announces: one video media. */
    static String sdp(String host, String format) {
        String media = switch (format) {
            case "h264" -> "a=rtpmap:96 H264/90000\r\n"
                    + "a=fmtp:96 packetization-mode=1; profile-level-id=64001F; "
                    + "sprop-parameter-sets=Z2QAH6zZQFAFuwEQAAADABAAAAMDwPGDGWA=,aOvjyyLA\r\n";
            case "generic" -> "a=rtpmap:96 x-rtspkit-load/90000\r\n";
            default -> throw new IllegalArgumentException("unknown format " + format + " (h264 or generic)");
        };
        return "v=0\r\no=- 0 0 IN IP4 " + host + "\r\ns=rtspkit load\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=video 0 RTP/AVP 96\r\n" + media + "a=control:trackID=0\r\n";
    }

    /** ANNOUNCE, SETUP and RECORD on an RTSP server. */
    static Publisher rtsp(URI url, boolean overUdp, String format, int rate, int size) throws IOException {
        Publisher p = new Publisher(rate, size);
        RtspConnection c = new RtspConnection(url);
        p.control = c.channel();
        String base = LoadTool.withoutTrailingSlash(url.toString());
        expect(c.request("ANNOUNCE", base, sdp(url.getHost(), format), "Content-Type: application/sdp"), "ANNOUNCE");
        String transport;
        if (overUdp) {
            p.udp = DatagramChannel.open();
            p.udp.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            p.udp.bind(new InetSocketAddress(0));
            int port = ((InetSocketAddress) p.udp.getLocalAddress()).getPort();
            transport = "RTP/AVP;unicast;client_port=" + port + "-" + (port + 1) + ";mode=record";
        } else {
            transport = "RTP/AVP/TCP;unicast;interleaved=0-1;mode=record";
        }
        RtspConnection.Response s = c.request("SETUP", base + "/trackID=0", null, "Transport: " + transport);
        expect(s, "SETUP");
        if (overUdp) {
            int serverPort = LoadTool.serverPort(s.header("transport"));
            p.udp.connect(new InetSocketAddress(url.getHost(), serverPort));
        }
        expect(c.request("RECORD", base, null, "Range: npt=0.000-"), "RECORD");
        p.keepalive = c.encode("OPTIONS", base);
        p.control.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        return p;
    }

    /** Publishes to the raw sender, which fans out what it gets without any RTSP. */
    static Publisher raw(InetSocketAddress sender, int rate, int size) throws IOException {
        Publisher p = new Publisher(rate, size);
        p.control = SocketChannel.open(sender);
        p.control.setOption(StandardSocketOptions.TCP_NODELAY, true);
        p.control.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        RawSender.handshake(p.control, "PUBLISH");
        return p;
    }

    private static void expect(RtspConnection.Response r, String what) throws IOException {
        if (r.status() != 200) {
            throw new IOException(what + " answered " + r.status() + (r.body().isEmpty() ? "" : ": " + r.body().trim()));
        }
    }

    void start() {
        thread.setDaemon(true);
        thread.start();
        // Whatever the server sends back (RTCP reports, responses) is read and dropped.
        Thread drain = new Thread(() -> {
            ByteBuffer sink = ByteBuffer.allocate(16 * 1024);
            try {
                while (control.read(sink.clear()) >= 0) {
                    // discard
                }
            } catch (IOException ignored) {
                // the connection is closing
            }
        }, "publisher-drain");
        drain.setDaemon(true);
        drain.start();
    }

    long sent() {
        return sent;
    }

    /** Stops sending and returns the number of packets sent. */
    long stop() throws InterruptedException {
        running = false;
        thread.join(5_000);
        if (thread.isAlive()) {
            // Blocked in a write the server does not take: closing the connection ends it.
            System.err.println("load: the publisher's last write did not complete in 5 s; closing its connection");
            close();
            thread.join(5_000);
        }
        return sent;
    }

    void close() {
        try {
            control.close();
            if (udp != null) {
                udp.close();
            }
        } catch (IOException ignored) {
            // the end of the run
        }
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long counter = 0;
        byte[] filler = new byte[size];
        for (int i = 0; i < size; i++) {
            filler[i] = (byte) (i * 31);
        }
        long nextKeepalive = start + 20_000_000_000L;
        try {
            while (running) {
                long now = System.nanoTime();
                if (keepalive != null && now - nextKeepalive >= 0) {
                    nextKeepalive = now + 20_000_000_000L;
                    ByteBuffer k = ByteBuffer.wrap(keepalive);
                    while (k.hasRemaining()) {
                        control.write(k);
                    }
                }
                long due = (now - start) * rate / 1_000_000_000L + 1;
                if (counter >= due) {
                    // The next packet's time: sleep till then (parkNanos oversleeps by ~50 µs; the backlog then
                    // goes out in one batch).
                    long next = start + (counter * 1_000_000_000L) / rate;
                    LockSupport.parkNanos(Math.max(10_000, next - now));
                    continue;
                }
                if (udp != null) {
                    for (int i = 0; i < BATCH && counter < due; i++) {
                        out.clear();
                        out.put(filler, 0, size).clear();
                        SyntheticPacket.write(out, size, ssrc, counter, CLOCK_RATE, rate, System.nanoTime());
                        out.flip();
                        udp.write(out);
                        counter++;
                        sent = counter;
                    }
                } else {
                    out.clear();
                    int n = 0;
                    for (; n < BATCH && counter + n < due; n++) {
                        out.put((byte) '$').put((byte) 0).putShort((short) size);
                        int at = out.position();
                        out.put(filler, 0, size).position(at);
                        SyntheticPacket.write(out, size, ssrc, counter + n, CLOCK_RATE, rate, System.nanoTime());
                    }
                    out.flip();
                    while (out.hasRemaining()) {
                        control.write(out);
                    }
                    counter += n;
                    sent = counter;
                }
            }
        } catch (IOException e) {
            if (running) {
                System.err.println("load: publisher stopped: " + e.getMessage());
            }
        }
    }
}
