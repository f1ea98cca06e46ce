package org.rtspkit.transport.udp;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.BindRequest;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.MediaTransport;
import org.rtspkit.spi.PortPair;
import org.rtspkit.spi.TransportSpec;

/**
 * The server's shared UDP sockets: one for RTP, one for RTCP, and one thread that receives on both
 * and hands each datagram to the binding registered for its exact source (IP, port).
 */
final class UdpMediaTransport implements MediaTransport {
    private static final System.Logger LOG = System.getLogger(UdpMediaTransport.class.getName());
    static final String THREAD_NAME = "rtspkit-udp-receive";

    /** Room for one IPv4 UDP payload: a sink that is handed more lets the system refuse it. */
    private static final int LARGEST_DATAGRAM = 65_535;

    private final DatagramChannel rtpChannel;
    private final DatagramChannel rtcpChannel;
    private final PortPair serverPorts;
    private final int maxPacketSize;
    private final Selector selector;
    private final Thread receiver;

    // Keys are (client IP, client port) with IPv4 clients as plain IPv4 addresses (Addresses.unmapped).
    private final ConcurrentHashMap<InetSocketAddress, UdpBinding> rtpSources = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetSocketAddress, UdpBinding> rtcpSources = new ConcurrentHashMap<>();

    private final AtomicLong unknownSourceDrops = new AtomicLong();
    private final AtomicLong tooBigDrops = new AtomicLong();
    private final AtomicLong receiveErrors = new AtomicLong();

    // Sinks are called by a few I/O threads; one direct buffer per thread spares a copy inside the
    // JDK and an allocation per packet, without a buffer per session.
    private final ThreadLocal<ByteBuffer> sendBuffers;

    private final Object closeLock = new Object();
    private volatile boolean closed;

    private UdpMediaTransport(DatagramChannel rtpChannel, DatagramChannel rtcpChannel, int maxPacketSize)
            throws IOException {
        this.rtpChannel = rtpChannel;
        this.rtcpChannel = rtcpChannel;
        this.serverPorts = new PortPair(localPort(rtpChannel), localPort(rtcpChannel));
        this.maxPacketSize = maxPacketSize;
        int initialSendBuffer = Math.max(maxPacketSize, ServerConfig.MAX_UDP_PAYLOAD) + 64;
        this.sendBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(initialSendBuffer));
        this.selector = Selector.open();
        try {
            rtpChannel.register(selector, SelectionKey.OP_READ);
            rtcpChannel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        this.receiver = new Thread(this::receiveLoop, THREAD_NAME);
        receiver.setDaemon(true);
        receiver.start();
    }

    /**
     * Checks the ports, binds both sockets and starts the receive thread.
     *
     * @throws IllegalArgumentException when the ports are not an even/odd consecutive pair
     * @throws IOException              when a socket cannot be bound or given its read buffer
     */
    static UdpMediaTransport open(ServerConfig config) throws IOException {
        InetSocketAddress rtpAddress = config.udpRtpAddress();
        InetSocketAddress rtcpAddress = config.udpRtcpAddress();
        int rtpPort = rtpAddress.getPort();
        int rtcpPort = rtcpAddress.getPort();
        if (rtpPort % 2 != 0) {
            throw new IllegalArgumentException(String.format("RTP port (%d) must be even", rtpPort));
        }
        if (rtcpPort != rtpPort + 1) {
            throw new IllegalArgumentException(
                    String.format("RTP (%d) and RTCP (%d) ports must be consecutive", rtpPort, rtcpPort));
        }
        if (config.maxPacketSize() <= 0) {
            throw new IllegalArgumentException(
                    String.format("MaxPacketSize (%d) must be positive", config.maxPacketSize()));
        }
        DatagramChannel rtp = null;
        DatagramChannel rtcp = null;
        try {
            rtp = openSocket("RTP", rtpAddress, config.udpReadBufferSize());
            rtcp = openSocket("RTCP", rtcpAddress, config.udpReadBufferSize());
            return new UdpMediaTransport(rtp, rtcp, config.maxPacketSize());
        } catch (IOException | RuntimeException e) {
            closeQuietly(rtp);
            closeQuietly(rtcp);
            throw e;
        }
    }

    private static DatagramChannel openSocket(String what, InetSocketAddress address, int readBufferSize)
            throws IOException {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("UDP " + what + " address " + address + " is unresolved");
        }
        InetAddress host = address.getAddress();
        // An IPv4 host (0.0.0.0 included) gets an IPv4-only socket, as a tcp4/udp4 listener would; an
        // IPv6 host gets the system default, which on a dual-stack system also accepts IPv4.
        DatagramChannel channel = host instanceof Inet4Address
                ? DatagramChannel.open(StandardProtocolFamily.INET)
                : DatagramChannel.open();
        try {
            if (readBufferSize > 0) {
                setReadBuffer(channel, readBufferSize);
            }
            try {
                channel.bind(address);
            } catch (BindException e) {
                BindException detailed = new BindException(
                        "cannot bind the UDP " + what + " socket to " + address + ": " + e.getMessage());
                detailed.initCause(e);
                throw detailed;
            }
            channel.configureBlocking(false);
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void setReadBuffer(DatagramChannel channel, int size) throws IOException {
        channel.setOption(StandardSocketOptions.SO_RCVBUF, size);
        // Linux doubles the value it stores (room for its bookkeeping) and the JDK halves it again when
        // reading it back, so the read-back is comparable with what was asked. Linux silently caps the
        // request at net.core.rmem_max, which is what this catches; getting more than asked (the
        // system minimum) is fine.
        int granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
        if (granted < size) {
            throw new IOException(String.format(
                    "unable to set UDP read buffer size to %d, got %d, check that the operating system allows that",
                    size, granted));
        }
    }

    @Override
    public String name() {
        return UdpTransportProvider.NAME;
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.UDP;
    }

    @Override
    public MediaBinding bind(BindRequest request) {
        TransportSpec offer = request.offer();
        if (offer.protocol() != TransportProtocol.UDP) {
            throw new IllegalArgumentException("the UDP transport cannot serve a " + offer.protocol() + " offer");
        }
        PortPair clientPorts = offer.clientPort();
        if (clientPorts == null) {
            throw RtspStatusException.badRequest("transport header does not contain client ports");
        }
        if (!isPort(clientPorts.first()) || !isPort(clientPorts.second())) {
            // Port 0 cannot be sent to: refuse it here rather than fail every send later.
            throw RtspStatusException.badRequest("invalid client ports (" + clientPorts + ")");
        }
        InetAddress clientIp = request.remote().getAddress();
        if (clientIp == null) {
            throw new IllegalArgumentException("the RTSP connection's address " + request.remote() + " is unresolved");
        }
        if (closed) {
            throw new IllegalStateException("the UDP transport is closed");
        }
        clientIp = Addresses.unmapped(clientIp);
        TransportSpec reply = new TransportSpec(TransportProtocol.UDP, offer.profile(), null, null, null, null, null,
                clientPorts, serverPorts, null, null);
        return new UdpBinding(this, request.record(), request.inbound(), reply,
                new InetSocketAddress(clientIp, clientPorts.first()),
                new InetSocketAddress(clientIp, clientPorts.second()));
    }

    private static boolean isPort(int port) {
        return port > 0 && port <= 65_535;
    }

    // ---- used by bindings

    void register(boolean rtcp, InetSocketAddress source, UdpBinding binding) {
        // A newer session from the same client port takes over, as when a client reconnects before its
        // old session timed out; the old one then no longer receives.
        UdpBinding previous = (rtcp ? rtcpSources : rtpSources).put(source, binding);
        if (previous != null && previous != binding) {
            LOG.log(System.Logger.Level.DEBUG, "UDP {0} source {1} moved to a new session",
                    rtcp ? "RTCP" : "RTP", source);
        }
    }

    void unregister(boolean rtcp, InetSocketAddress source, UdpBinding binding) {
        (rtcp ? rtcpSources : rtpSources).remove(source, binding);
    }

    /**
     * Sends one datagram from the RTP or RTCP socket.
     *
     * @return false when the socket's send buffer was full and the datagram was dropped
     */
    boolean send(boolean rtcp, InetSocketAddress destination, byte[] data, int offset, int length)
            throws IOException {
        ByteBuffer buffer = sendBuffers.get();
        if (length > buffer.capacity()) {
            if (length > LARGEST_DATAGRAM) {
                throw new IOException("packet of " + length + " bytes is too big for a UDP datagram");
            }
            buffer = ByteBuffer.allocateDirect(length);
            sendBuffers.set(buffer);
        }
        buffer.clear();
        buffer.put(data, offset, length).flip();
        return (rtcp ? rtcpChannel : rtpChannel).send(buffer, destination) != 0;
    }

    // ---- receive thread

    private void receiveLoop() {
        // One more byte than accepted, so that an oversized datagram shows itself by filling the buffer.
        ByteBuffer buffer = ByteBuffer.allocate(maxPacketSize + 1);
        try {
            while (!closed) {
                selector.select();
                selector.selectedKeys().clear();
                // Alternate between the sockets so that a flood on one does not starve the other.
                boolean more = true;
                while (more && !closed) {
                    more = receiveOne(rtpChannel, false, buffer) | receiveOne(rtcpChannel, true, buffer);
                }
            }
        } catch (ClosedSelectorException e) {
            // closed by close(): nothing to report
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.ERROR, "UDP receive thread stopped; UDP sessions receive nothing more", e);
            }
        }
    }

    /** Receives and dispatches at most one datagram; false when the socket had none. */
    private boolean receiveOne(DatagramChannel channel, boolean rtcp, ByteBuffer buffer) {
        buffer.clear();
        SocketAddress from;
        try {
            from = channel.receive(buffer);
        } catch (ClosedChannelException e) {
            return false;
        } catch (IOException e) {
            receiveErrors.incrementAndGet();
            LOG.log(System.Logger.Level.DEBUG, "UDP receive failed", e);
            return false;
        }
        if (from == null) {
            return false;
        }
        UdpBinding binding = (rtcp ? rtcpSources : rtpSources).get(from);
        if (binding == null && from instanceof InetSocketAddress
                && ((InetSocketAddress) from).getAddress() instanceof Inet6Address) {
            // The JDK normally reports IPv4 sources as IPv4; look again in case this one came mapped.
            InetSocketAddress plain = Addresses.unmapped((InetSocketAddress) from);
            if (plain != from) {
                binding = (rtcp ? rtcpSources : rtpSources).get(plain);
            }
        }
        if (binding == null) {
            unknownSourceDrops.incrementAndGet();
            return true;
        }
        int length = buffer.position();
        if (length > maxPacketSize) {
            // InboundPackets has no error path: the datagram is counted and dropped.
            tooBigDrops.incrementAndGet();
            return true;
        }
        try {
            binding.deliver(rtcp, buffer.array(), 0, length);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "UDP packet handler failed", e);
        }
        return true;
    }

    // ---- counters (diagnostics and tests)

    /** Datagrams dropped because no session registered their source. */
    long unknownSourceDrops() {
        return unknownSourceDrops.get();
    }

    /** Datagrams dropped because they were longer than the maximum packet size. */
    long tooBigDrops() {
        return tooBigDrops.get();
    }

    long receiveErrors() {
        return receiveErrors.get();
    }

    PortPair serverPorts() {
        return serverPorts;
    }

    Thread receiver() {
        return receiver;
    }

    /** Stops the receive thread and closes both sockets; their ports are free when this returns. */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        selector.wakeup();
        if (Thread.currentThread() != receiver) {
            boolean interrupted = false;
            while (receiver.isAlive()) {
                try {
                    receiver.join();
                } catch (InterruptedException e) {
                    // Keep waiting: returning before the thread is gone would leave the ports taken.
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // The selector first: a channel still registered with a selector is only really closed when its
        // key is flushed, and until then its port stays taken.
        closeQuietly(selector);
        closeQuietly(rtpChannel);
        closeQuietly(rtcpChannel);
        rtpSources.clear();
        rtcpSources.clear();
    }

    private static int localPort(DatagramChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a UDP socket failed", e);
        }
    }
}
