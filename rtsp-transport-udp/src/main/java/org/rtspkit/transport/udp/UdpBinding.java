package org.rtspkit.transport.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.rtspkit.spi.InboundPackets;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.spi.TransportSpec;

/**
 * One media of one session over UDP unicast: sends to the client's ports from the server's shared
 * sockets and, while started, receives what the client sends from those same ports.
 */
final class UdpBinding implements MediaBinding, PacketSink {
    private static final System.Logger LOG = System.getLogger(UdpBinding.class.getName());

    /** An RTP header with only the version (2) set: the smallest packet a client's RTP port expects. */
    static final byte[] FIREWALL_RTP = {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** An empty RTCP receiver report: V=2, no report blocks, PT=201, length 1 (two words), SSRC 0. */
    static final byte[] FIREWALL_RTCP = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, 0};

    private final UdpMediaTransport transport;
    private final boolean record;
    private final InboundPackets inbound;
    private final TransportSpec reply;
    // The client's ports are both where packets go and the sources accepted from it.
    private final InetSocketAddress clientRtp;
    private final InetSocketAddress clientRtcp;

    private final AtomicLong sendBufferFullDrops = new AtomicLong();
    private final AtomicLong rtpSendBufferFullDrops = new AtomicLong();

    private boolean started;
    private boolean closed;

    UdpBinding(UdpMediaTransport transport, boolean record, InboundPackets inbound, TransportSpec reply,
               InetSocketAddress clientRtp, InetSocketAddress clientRtcp) {
        this.transport = transport;
        this.record = record;
        this.inbound = inbound;
        this.reply = reply;
        this.clientRtp = clientRtp;
        this.clientRtcp = clientRtcp;
    }

    @Override
    public TransportSpec reply() {
        return reply;
    }

    @Override
    public PacketSink sink() {
        return this;
    }

    @Override
    public Set<Integer> channels() {
        return Set.of();
    }

    /** Never asks to retry: a datagram that finds the socket's send buffer full is dropped and counted. */
    @Override
    public boolean send(boolean rtcp, byte[] data, int offset, int length) throws IOException {
        if (!transport.send(rtcp, rtcp ? clientRtcp : clientRtp, data, offset, length)) {
            sendBufferFullDrops.incrementAndGet();
            if (!rtcp) {
                rtpSendBufferFullDrops.incrementAndGet();
            }
        }
        return true;
    }

    /**
     * Registers the client's sources: RTCP for a reader (receiver reports keep it alive), RTP and RTCP
     * for a publisher, which also gets one datagram on each of its ports so that a firewall or NAT in
     * front of it lets the media through.
     */
    @Override
    public synchronized void start() {
        if (closed || started) {
            return;
        }
        started = true;
        transport.register(true, clientRtcp, this);
        if (record) {
            transport.register(false, clientRtp, this);
            openFirewall();
        }
    }

    private void openFirewall() {
        try {
            send(false, FIREWALL_RTP, 0, FIREWALL_RTP.length);
            send(true, FIREWALL_RTCP, 0, FIREWALL_RTCP.length);
        } catch (IOException e) {
            // Only a courtesy to firewalls: a client that is reachable anyway still publishes.
            LOG.log(System.Logger.Level.DEBUG, "could not send the firewall-opening datagrams to " + clientRtp, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        transport.unregister(true, clientRtcp, this);
        if (record) {
            transport.unregister(false, clientRtp, this);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }

    /** Called by the receive thread with a datagram from one of this client's registered ports. */
    void deliver(boolean rtcp, byte[] data, int offset, int length) {
        if (rtcp) {
            inbound.rtcp(data, offset, length);
        } else {
            inbound.rtp(data, offset, length);
        }
    }

    /** RTP datagrams dropped because the server socket's send buffer was full. */
    @Override
    public long droppedRtpPackets() {
        return rtpSendBufferFullDrops.get();
    }

    /** Datagrams dropped because the server socket's send buffer was full. */
    long sendBufferFullDrops() {
        return sendBufferFullDrops.get();
    }
}
