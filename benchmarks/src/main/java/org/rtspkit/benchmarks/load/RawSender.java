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

/**
 * The limit the servers are measured against: a process that does only the sends a fan-out server
 * must do, and nothing of RTSP. It reads the publisher's packets from one TCP connection (interleaved
 * frames) and, on that same thread, sends each packet to every reader as it arrives: to UDP readers
 * with one {@link DatagramChannel#send} per packet per reader from one shared socket, to TCP readers
 * with one blocking write of the framed packet per packet per reader (the bytes as the publisher
 * framed them, never copied). No queues, no threads handing packets over, no per-reader state beyond
 * the destination, no RTCP.
 *
 * <p>Run by the load tool ({@code --raw udp|tcp}) as a separate process, so that its CPU time is its
 * own. It prints {@code listening PORT} when ready. A connection says what it is with one line:
 * {@code PUBLISH}, {@code READ TCP}, or {@code READ UDP <port>} (the reader's address is the
 * connection's); the answer is {@code OK}. A reader leaves by closing its connection.
 */
public final class RawSender {
    private final DatagramChannel udpOut;
    private volatile Destination[] destinations = new Destination[0];
    private final List<Destination> all = new ArrayList<>();

    private record Destination(SocketChannel connection, InetSocketAddress udp) {
    }

    private RawSender() throws IOException {
        udpOut = DatagramChannel.open();
        udpOut.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        udpOut.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    public static void main(String[] args) throws Exception {
        String listen = "127.0.0.1:0";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--listen") && i + 1 < args.length) {
                listen = args[++i];
            } else {
                System.err.println("usage: RawSender [--listen HOST:PORT]");
                System.exit(2);
            }
        }
        int colon = listen.lastIndexOf(':');
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))), 4096);
        RawSender sender = new RawSender();
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
                in.compact();
            }
        } catch (IOException e) {
            System.err.println("raw sender: publisher: " + e.getMessage());
        }
        System.exit(0);
    }

    private void sendToAll(ByteBuffer in, int frame, int len) throws IOException {
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
