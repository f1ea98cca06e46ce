package org.rtspkit.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rtspkit.transport.udp.linux.BatchSender;
import org.rtspkit.transport.udp.linux.BatchUdpSocket;
import org.rtspkit.transport.udp.linux.LinuxUdp;
import org.rtspkit.transport.udp.linux.SendCounters;
import org.rtspkit.transport.udp.linux.UdpDestinations;

/**
 * The limit the servers are measured against: a process that does only the sends a fan-out server
 * must do, and nothing of RTSP. It reads the publisher's packets from one TCP connection (interleaved
 * frames) and, on that same thread, sends each packet to every reader as it arrives: to UDP readers
 * with one {@link DatagramChannel#send} per packet per reader from one shared socket, to TCP readers
 * with one blocking write of the framed packet per packet per reader (the bytes as the publisher
 * framed them, never copied). No queues, no threads handing packets over, no per-reader state beyond
 * the destination, no RTCP.
 *
 * <p>How UDP readers are sent to is chosen with {@code --udp-send}, so that the floor stays the floor
 * when the servers batch their sends:
 * <ul>
 *   <li>{@code channel} (the default): one {@link DatagramChannel#send} per packet per reader;</li>
 *   <li>{@code sendmmsg}: one {@code sendmmsg} per packet for all readers (rtsp-transport-udp-linux);</li>
 *   <li>{@code gso}: the packets of one read of the publisher's connection that have one size (the last
 *       of a run may be shorter) go out as one burst, one {@code sendmmsg} of GSO messages for all
 *       readers; nothing waits for more packets than the read brought.</li>
 * </ul>
 * The batched ones need JDK 22+ with {@code --enable-native-access=ALL-UNNAMED}; the sender refuses to
 * start when the chosen way is unavailable rather than measure another. It prints the way it uses, and
 * at exit what the batched sender counted, on standard error.
 *
 * <p>Run by the load tool ({@code --raw udp|tcp}) as a separate process, so that its CPU time is its
 * own. It prints {@code listening PORT} when ready. A connection says what it is with one line:
 * {@code PUBLISH}, {@code READ TCP}, or {@code READ UDP <port>} (the reader's address is the
 * connection's); the answer is {@code OK}. A reader leaves by closing its connection.
 */
public final class RawSender {
    /** How UDP readers are sent to. */
    enum UdpSend {
        CHANNEL, SENDMMSG, GSO;

        static UdpSend parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }

        String flag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final DatagramChannel udpOut;
    private volatile Destination[] destinations = new Destination[0];
    private final List<Destination> all = new ArrayList<>();

    private final UdpSend udpSend;
    private final BatchUdpSocket batchOut;
    // The relay thread's own: the UDP readers of `built` in native form, and the burst being gathered.
    private final BatchSender batchSender;
    private Destination[] built;
    private UdpDestinations batchTo;
    private final ByteBuffer burst = ByteBuffer.allocateDirect(2 * BatchSender.MAX_UDP_PAYLOAD);
    private int burstSegment;
    private int burstCount;
    private boolean burstClosed;

    private record Destination(SocketChannel connection, InetSocketAddress udp) {
    }

    private RawSender(UdpSend udpSend) throws IOException {
        this.udpSend = udpSend;
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        udpOut = DatagramChannel.open();
        udpOut.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        udpOut.bind(local);
        if (udpSend == UdpSend.CHANNEL) {
            batchOut = null;
            batchSender = null;
        } else {
            if (!LinuxUdp.availability().available() || (udpSend == UdpSend.GSO && !LinuxUdp.availability().gso())) {
                throw new IOException("--udp-send " + udpSend.flag() + " is not available here: batched UDP sends are "
                        + LinuxUdp.availability().description());
            }
            batchOut = LinuxUdp.open(local, new LinuxUdp.Options(4 << 20, udpSend == UdpSend.GSO));
            batchSender = batchOut.newSender();
        }
        System.err.println("raw sender: UDP readers get " + describe());
    }

    private String describe() {
        return switch (udpSend) {
            case CHANNEL -> "one DatagramChannel.send per packet per reader";
            case SENDMMSG -> "one sendmmsg per packet for all readers (" + LinuxUdp.availability().description() + ")";
            case GSO -> "one sendmmsg of GSO bursts per read for all readers (" + LinuxUdp.availability().description() + ")";
        };
    }

    public static void main(String[] args) throws Exception {
        String listen = "127.0.0.1:0";
        UdpSend udpSend = UdpSend.CHANNEL;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--listen") && i + 1 < args.length) {
                listen = args[++i];
            } else if (args[i].equals("--udp-send") && i + 1 < args.length) {
                udpSend = UdpSend.parse(args[++i]);
            } else {
                System.err.println("usage: RawSender [--listen HOST:PORT] [--udp-send channel|sendmmsg|gso]");
                System.exit(2);
            }
        }
        int colon = listen.lastIndexOf(':');
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))), 4096);
        RawSender sender = new RawSender(udpSend);
        System.out.println("listening " + ((InetSocketAddress) server.getLocalAddress()).getPort());
        System.out.flush();
        while (true) {
            SocketChannel c = server.accept();
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            String line = readLine(c);
            if (line.equals("PUBLISH")) {
                reply(c);
                Thread t = new Thread(() -> sender.relay(c), "relay");
                t.start();
            } else if (line.equals("READ TCP")) {
                c.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
                // The answer before the first frame: once added, the relay thread writes to the connection.
                reply(c);
                sender.add(new Destination(c, null));
            } else if (line.startsWith("READ UDP ")) {
                InetSocketAddress peer = (InetSocketAddress) c.getRemoteAddress();
                int port = Integer.parseInt(line.substring("READ UDP ".length()).trim());
                reply(c);
                sender.add(new Destination(c, new InetSocketAddress(peer.getAddress(), port)));
            } else {
                c.close();
            }
        }
    }

    private synchronized void add(Destination d) {
        all.add(d);
        destinations = all.toArray(new Destination[0]);
    }

    private synchronized void remove(Destination d) {
        all.remove(d);
        destinations = all.toArray(new Destination[0]);
        try {
            d.connection.close();
        } catch (IOException ignored) {
            // it is gone already
        }
    }

    /** Reads the publisher's frames and sends each RTP packet (channel 0) to every reader. */
    private void relay(SocketChannel publisher) {
        ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
        try {
            while (publisher.read(in) >= 0) {
                in.flip();
                while (in.remaining() >= 4) {
                    int p = in.position();
                    int end = in.limit();
                    int len = in.getShort(p + 2) & 0xffff;
                    if (in.remaining() < 4 + len) {
                        break;
                    }
                    if (in.get(p) != '$') {
                        throw new IOException("not an interleaved frame");
                    }
                    if (in.get(p + 1) == 0) {
                        sendToAll(in, p, len);
                    }
                    in.limit(end).position(p + 4 + len);
                }
                if (burstCount > 0) {
                    flushBurst();
                }
                in.compact();
            }
        } catch (IOException e) {
            System.err.println("raw sender: publisher: " + e.getMessage());
        }
        if (batchSender != null) {
            SendCounters c = batchSender.counters();
            System.err.printf(Locale.ROOT, "raw sender: %s: %d system calls, %d datagrams taken, %d not (%d EAGAIN, "
                    + "%d ENOBUFS, %d failed), %d GSO fallbacks%n", udpSend.flag(), c.calls(), c.datagrams(), c.dropped(),
                    c.wouldBlock(), c.noBuffers(), c.failed(), c.gsoFallbacks());
        }
        System.exit(0);
    }

    private void sendToAll(ByteBuffer in, int frame, int len) throws IOException {
        if (udpSend != UdpSend.CHANNEL) {
            sendBatched(in, frame, len);
            return;
        }
        for (Destination d : destinations) {
            if (d.udp != null) {
                in.limit(frame + 4 + len).position(frame + 4);
                udpOut.send(in, d.udp);
            } else {
                in.limit(frame + 4 + len).position(frame);
                try {
                    while (in.hasRemaining()) {
                        d.connection.write(in);
                    }
                } catch (IOException gone) {
                    remove(d);
                }
            }
        }
    }

    /** The batched ways: TCP readers as before, UDP readers in one call per packet, or per burst. */
    private void sendBatched(ByteBuffer in, int frame, int len) throws IOException {
        Destination[] current = destinations;
        if (current != built) {
            rebuild(current);
        }
        for (Destination d : current) {
            if (d.udp == null) {
                in.limit(frame + 4 + len).position(frame);
                try {
                    while (in.hasRemaining()) {
                        d.connection.write(in);
                    }
                } catch (IOException gone) {
                    remove(d);
                }
            }
        }
        if (batchTo.size() == 0) {
            return;
        }
        in.limit(frame + 4 + len).position(frame + 4);
        if (udpSend == UdpSend.SENDMMSG) {
            batchSender.sendToAll(in, batchTo);
            return;
        }
        // A burst is a run of packets of one size, the last of which may be shorter.
        if (burstCount > 0 && (burstClosed || len > burstSegment || burstCount == BatchSender.MAX_SEGMENTS_PER_MESSAGE
                || burst.position() + len > BatchSender.MAX_UDP_PAYLOAD)) {
            flushBurst();
        }
        if (burstCount == 0) {
            burstSegment = len;
        } else if (len < burstSegment) {
            burstClosed = true;
        }
        burst.put(in);
        burstCount++;
    }

    private void flushBurst() throws IOException {
        burst.flip();
        batchSender.sendSegmentsToAll(burst, burstSegment, batchTo);
        burst.clear();
        burstCount = 0;
        burstClosed = false;
    }

    /** The UDP readers of {@code current}, in native form; rebuilt on the relay thread whenever readers change. */
    private void rebuild(Destination[] current) throws IOException {
        if (burstCount > 0) {
            flushBurst();
        }
        if (batchTo != null) {
            batchTo.close();
        }
        batchTo = batchOut.newDestinations(Math.max(1, current.length));
        for (Destination d : current) {
            if (d.udp != null) {
                batchTo.add(d.udp);
            }
        }
        built = current;
    }

    private static void reply(SocketChannel c) throws IOException {
        ByteBuffer ok = ByteBuffer.wrap("OK\n".getBytes(StandardCharsets.US_ASCII));
        while (ok.hasRemaining()) {
            c.write(ok);
        }
    }

    private static String readLine(SocketChannel c) throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (c.read(one) < 0) {
                throw new IOException("closed before its first line");
            }
            char ch = (char) one.get(0);
            if (ch == '\n') {
                return sb.toString().trim();
            }
            sb.append(ch);
            if (sb.length() > 200) {
                throw new IOException("first line too long");
            }
        }
    }

    /** The client side of the one-line handshake: sends {@code line} and waits for {@code OK}. */
    static void handshake(SocketChannel c, String line) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            c.write(out);
        }
        String answer = readLine(c);
        if (!answer.equals("OK")) {
            throw new IOException("raw sender answered " + answer);
        }
    }
}
