package org.rtspkit.stream.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A client's pair of UDP sockets on loopback (RTP on an even port, RTCP on the next one). */
final class UdpClient implements AutoCloseable {
    final DatagramSocket rtp;
    final DatagramSocket rtcp;

    UdpClient() throws IOException {
        int port = TestServers.freeUdpPair();
        rtp = new DatagramSocket(new InetSocketAddress(TestServers.LOOPBACK, port));
        try {
            rtcp = new DatagramSocket(new InetSocketAddress(TestServers.LOOPBACK, port + 1));
        } catch (IOException e) {
            rtp.close();
            throw e;
        }
        rtp.setSoTimeout(3000);
        rtcp.setSoTimeout(3000);
    }

    int rtpPort() {
        return rtp.getLocalPort();
    }

    int rtcpPort() {
        return rtcp.getLocalPort();
    }

    /** The {@code client_port=} value of a SETUP. */
    String clientPort() {
        return rtpPort() + "-" + rtcpPort();
    }

    /** A datagram received on the socket; fails after its 3 s timeout. */
    static Datagram receive(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return new Datagram(Arrays.copyOf(buf, p.getLength()), p.getPort());
    }

    /** A datagram received within {@code timeoutMillis}, or null. */
    static Datagram poll(DatagramSocket socket, int timeoutMillis) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMillis);
        try {
            return receive(socket);
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    /** Sends from the socket to a port on loopback. */
    static void send(DatagramSocket socket, byte[] data, int port) throws IOException {
        socket.send(new DatagramPacket(data, data.length, new InetSocketAddress(TestServers.LOOPBACK, port)));
    }

    /** What arrived, and the port it came from. */
    record Datagram(byte[] data, int sourcePort) {
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}
