package org.rtspkit.client.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.function.Consumer;
import org.rtspkit.client.RtspClientException;

/**
 * One UDP socket of a media (RTP or RTCP) and the thread that receives on it; the socket's close
 * ends the thread.
 */
final class UdpSocket implements AutoCloseable {
    /** Receives datagrams on the socket's thread; the array is the datagram's own. */
    interface Sink {
        void datagram(byte[] data, int length, InetSocketAddress from);
    }

    /** The largest UDP payload over IPv4. */
    private static final int MAX_DATAGRAM = 65507;

    private final DatagramSocket socket;
    private Thread thread;
    private volatile boolean closed;

    private UdpSocket(DatagramSocket socket) {
        this.socket = socket;
    }

    /**
     * A pair of unicast sockets on consecutive local ports, the first even (RFC 3550 §11).
     *
     * @return the RTP socket and the RTCP socket
     */
    static UdpSocket[] openPair(int readBufferSize) {
        for (int attempt = 0; attempt < 100; attempt++) {
            DatagramSocket rtp = null;
            try {
                rtp = new DatagramSocket(new InetSocketAddress(0));
                int port = rtp.getLocalPort();
                if (port % 2 != 0 || port == 65535) {
                    rtp.close();
                    continue;
                }
                DatagramSocket rtcp;
                try {
                    rtcp = new DatagramSocket(new InetSocketAddress(port + 1));
                } catch (SocketException e) {
                    rtp.close();
                    continue;
                }
                UdpSocket[] pair = {new UdpSocket(rtp), new UdpSocket(rtcp)};
                for (UdpSocket s : pair) {
                    s.readBuffer(readBufferSize);
                }
                return pair;
            } catch (IOException e) {
                if (rtp != null) {
                    rtp.close();
                }
                throw new RtspClientException("cannot open UDP sockets for RTP and RTCP: " + e.getMessage(), e);
            }
        }
        throw new RtspClientException("cannot open UDP sockets for RTP and RTCP: no free pair of consecutive ports found");
    }

    /**
     * A socket that receives a multicast group's port, joined on an interface.
     *
     * @param group the group
     * @param port the port
     * @param iface the interface to join on, or null for the system's choice
     * @param ttl the TTL of what this socket sends to the group
     */
    static UdpSocket joinMulticast(InetAddress group, int port, NetworkInterface iface, int ttl, int readBufferSize) {
        MulticastSocket socket = null;
        try {
            socket = new MulticastSocket(null);
            socket.setReuseAddress(true);
            try {
                // bound to the group, the socket sees no other group's datagrams for this port
                socket.bind(new InetSocketAddress(group, port));
            } catch (SocketException e) {
                socket.close();
                socket = new MulticastSocket(null);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port));
            }
            if (iface != null) {
                socket.setNetworkInterface(iface);
            }
            socket.setTimeToLive(ttl);
            socket.joinGroup(new InetSocketAddress(group, 0), iface);
            UdpSocket s = new UdpSocket(socket);
            s.readBuffer(readBufferSize);
            return s;
        } catch (IOException e) {
            if (socket != null) {
                socket.close();
            }
            throw new RtspClientException("cannot join multicast group " + group.getHostAddress() + ":" + port
                    + (iface == null ? "" : " on " + iface.getName()) + ": " + e.getMessage(), e);
        }
    }

    private void readBuffer(int size) throws SocketException {
        if (size > 0) {
            socket.setReceiveBufferSize(size);
        }
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void start(String name, Sink sink, Consumer<IOException> onError) {
        thread = new Thread(() -> receive(sink, onError), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void receive(Sink sink, Consumer<IOException> onError) {
        // Any datagram is read whole; what is too big is the receiver's to judge.
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            p.setLength(buffer.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    onError.accept(e);
                }
                return;
            }
            sink.datagram(java.util.Arrays.copyOf(buffer, p.getLength()), p.getLength(),
                    (InetSocketAddress) p.getSocketAddress());
        }
    }

    void send(byte[] data, int length, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(data, length, to));
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }

    void join(long millis) {
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
