package org.rtspkit.multicast;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.rtspkit.spi.MulticastGroup;
import org.rtspkit.spi.MulticastInbound;
import org.rtspkit.spi.PacketSink;

/**
 * One media's group: a sending socket per interface (each packet goes out once on every interface)
 * and one receiving socket bound to the group's RTCP port, joined on every interface.
 */
final class UdpMulticastGroup implements MulticastGroup, PacketSink {
    private static final System.Logger LOG = System.getLogger(UdpMulticastGroup.class.getName());

    /** Datagrams taken from the receiving socket per turn, so that a flood on one group does not starve the others. */
    private static final int RECEIVE_BATCH = 64;

    private final UdpMulticastService service;
    private final Inet4Address group;
    private final int rtpPort;
    private final int rtcpPort;
    private final InetSocketAddress rtpTarget;
    private final InetSocketAddress rtcpTarget;
    private final MulticastInbound inbound;
    private final int maxPacketSize;

    private final DatagramChannel receiveChannel;
    private final DatagramChannel[] sendChannels;
    private final List<String> interfaceNames;
    // Looped-back packets of this group come from one of its sending sockets' ports and from an address
    // of this host; no other sender can have both.
    private final int[] ownPorts;
    private final Set<InetAddress> localAddresses;

    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong ownPacketsIgnored = new AtomicLong();
    private final AtomicLong tooBigDrops = new AtomicLong();
    private final AtomicLong receiveErrors = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private UdpMulticastGroup(UdpMulticastService service, Inet4Address group, int rtpPort, int rtcpPort,
                              MulticastInbound inbound, int maxPacketSize, DatagramChannel receiveChannel,
                              List<DatagramChannel> sendChannels, List<String> interfaceNames, int[] ownPorts) {
        this.service = service;
        this.group = group;
        this.rtpPort = rtpPort;
        this.rtcpPort = rtcpPort;
        this.rtpTarget = new InetSocketAddress(group, rtpPort);
        this.rtcpTarget = new InetSocketAddress(group, rtcpPort);
        this.inbound = inbound;
        this.maxPacketSize = maxPacketSize;
        this.receiveChannel = receiveChannel;
        this.sendChannels = sendChannels.toArray(new DatagramChannel[0]);
        this.interfaceNames = List.copyOf(interfaceNames);
        this.ownPorts = ownPorts;
        this.localAddresses = MulticastInterfaces.localAddresses();
    }

    /**
     * Binds and joins the receiving socket and opens a sending socket per interface, skipping
     * interfaces that refuse.
     *
     * @throws IOException when the receiving socket cannot be bound, or no interface can join or send
     */
    static UdpMulticastGroup open(UdpMulticastService service, Inet4Address group, int rtpPort, int rtcpPort,
                                  MulticastInbound inbound, List<NetworkInterface> interfaces, int ttl,
                                  int maxPacketSize) throws IOException {
        String where = group.getHostAddress() + ":" + rtcpPort;
        DatagramChannel receive = null;
        List<DatagramChannel> senders = new ArrayList<>();
        try {
            receive = DatagramChannel.open(StandardProtocolFamily.INET);
            // Readers on this host bind the same group and port; on Linux both sides must allow reuse.
            receive.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            try {
                // Bound to the group rather than the wildcard, so that other groups on the same port
                // (every allocated group shares it) do not arrive here too.
                receive.bind(new InetSocketAddress(group, rtcpPort));
            } catch (BindException e) {
                BindException detailed = new BindException(
                        "cannot bind the multicast RTCP socket to " + where + ": " + e.getMessage());
                detailed.initCause(e);
                throw detailed;
            }
            receive.configureBlocking(false);
            IOException lastJoinError = null;
            int joined = 0;
            for (NetworkInterface nif : interfaces) {
                try {
                    receive.join(group, nif);
                    joined++;
                } catch (IOException e) {
                    lastJoinError = e;
                    LOG.log(System.Logger.Level.WARNING, "cannot join multicast group {0} on {1}, skipping it: {2}",
                            group.getHostAddress(), nif.getName(), e.getMessage());
                }
            }
            if (joined == 0) {
                throw new IOException("cannot join multicast group " + group.getHostAddress() + " on any of the interfaces ("
                        + names(interfaces) + ")" + (lastJoinError == null ? "" : ": " + lastJoinError.getMessage()),
                        lastJoinError);
            }
            List<String> used = new ArrayList<>();
            IOException lastSendError = null;
            for (NetworkInterface nif : interfaces) {
                DatagramChannel sender = null;
                try {
                    sender = DatagramChannel.open(StandardProtocolFamily.INET);
                    sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
                    sender.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
                    // Readers on this host receive only what the sending host loops back.
                    sender.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
                    // Bound now (not on the first send) so that its port is known to the own-packet filter.
                    sender.bind(new InetSocketAddress(0));
                    sender.configureBlocking(false);
                    senders.add(sender);
                    used.add(nif.getName());
                } catch (IOException e) {
                    closeQuietly(sender);
                    lastSendError = e;
                    LOG.log(System.Logger.Level.WARNING, "cannot send multicast on {0}, skipping it: {1}",
                            nif.getName(), e.getMessage());
                }
            }
            if (senders.isEmpty()) {
                throw new IOException("cannot send to multicast group " + group.getHostAddress() + " on any of the interfaces ("
                        + names(interfaces) + ")" + (lastSendError == null ? "" : ": " + lastSendError.getMessage()),
                        lastSendError);
            }
            int[] ports = new int[senders.size()];
            for (int i = 0; i < ports.length; i++) {
                ports[i] = ((InetSocketAddress) senders.get(i).getLocalAddress()).getPort();
            }
            return new UdpMulticastGroup(service, group, rtpPort, rtcpPort, inbound, maxPacketSize, receive, senders,
                    used, ports);
        } catch (IOException | RuntimeException e) {
            closeQuietly(receive);
            senders.forEach(UdpMulticastGroup::closeQuietly);
            throw e;
        }
    }

    @Override
    public InetAddress group() {
        return group;
    }

    @Override
    public int rtpPort() {
        return rtpPort;
    }

    @Override
    public int rtcpPort() {
        return rtcpPort;
    }

    @Override
    public PacketSink sink() {
        return this;
    }

    @Override
    public long sendFailures() {
        return sendFailures.get();
    }

    /** Sends on every interface; never blocks, never throws, always returns true (see {@link MulticastGroup#sink()}). */
    @Override
    public boolean send(boolean rtcp, byte[] data, int offset, int length) {
        ByteBuffer buffer = service.sendBuffer(length);
        if (buffer == null || closed.get()) {
            sendFailures.addAndGet(sendChannels.length);
            return true;
        }
        buffer.clear();
        buffer.put(data, offset, length).flip();
        InetSocketAddress target = rtcp ? rtcpTarget : rtpTarget;
        for (DatagramChannel channel : sendChannels) {
            buffer.position(0);
            try {
                if (channel.send(buffer, target) == 0) {
                    sendFailures.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                // Errors are expected when an interface goes away; they must not reach the engine, which
                // would otherwise treat the stream's unicast readers as failing too.
                sendFailures.incrementAndGet();
            }
        }
        return true;
    }

    // ---- receive thread

    DatagramChannel channel() {
        return receiveChannel;
    }

    /** Takes waiting datagrams off the receiving socket and hands readers' RTCP to the engine. */
    void receive(ByteBuffer buffer) {
        for (int i = 0; i < RECEIVE_BATCH; i++) {
            buffer.clear();
            SocketAddress from;
            try {
                from = receiveChannel.receive(buffer);
            } catch (IOException e) {
                if (!closed.get()) {
                    receiveErrors.incrementAndGet();
                    LOG.log(System.Logger.Level.DEBUG, "multicast receive failed", e);
                }
                return;
            }
            if (from == null) {
                return;
            }
            InetSocketAddress source = (InetSocketAddress) from;
            if (isOwn(source)) {
                ownPacketsIgnored.incrementAndGet();
                continue;
            }
            int length = buffer.position();
            if (length > maxPacketSize) {
                tooBigDrops.incrementAndGet();
                continue;
            }
            try {
                inbound.rtcp(source, buffer.array(), 0, length);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "multicast RTCP handler failed", e);
            }
        }
    }

    private boolean isOwn(InetSocketAddress source) {
        int port = source.getPort();
        for (int own : ownPorts) {
            if (own == port) {
                InetAddress ip = source.getAddress();
                return ip.isLoopbackAddress() || localAddresses.contains(ip);
            }
        }
        return false;
    }

    // ---- diagnostics and tests

    long ownPacketsIgnored() {
        return ownPacketsIgnored.get();
    }

    long tooBigDrops() {
        return tooBigDrops.get();
    }

    long receiveErrors() {
        return receiveErrors.get();
    }

    List<String> interfaceNames() {
        return interfaceNames;
    }

    DatagramChannel[] sendChannels() {
        return sendChannels;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        SelectionKey key = receiveChannel.keyFor(service.selector());
        if (key != null) {
            service.awaitDeregistration(key);
        }
        closeQuietly(receiveChannel);
        for (DatagramChannel channel : sendChannels) {
            closeQuietly(channel);
        }
        service.forget(this);
    }

    @Override
    public String toString() {
        return "multicast group " + group.getHostAddress() + ":" + rtpPort + "-" + rtcpPort + " on " + interfaceNames;
    }

    private static String names(List<NetworkInterface> interfaces) {
        List<String> names = new ArrayList<>();
        interfaces.forEach(nif -> names.add(nif.getName()));
        return String.join(", ", names);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a multicast socket failed", e);
        }
    }
}
