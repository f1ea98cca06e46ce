package org.rtspkit.multicast;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.spi.MulticastGroup;
import org.rtspkit.spi.MulticastInbound;
import org.rtspkit.spi.MulticastService;

/**
 * Multicast for one server: the group allocator, the interfaces in use, and one thread that receives
 * readers' RTCP on the receiving sockets of every open group.
 */
final class UdpMulticastService implements MulticastService {
    private static final System.Logger LOG = System.getLogger(UdpMulticastService.class.getName());
    static final String THREAD_NAME = "rtspkit-multicast-receive";

    /** Room for one IPv4 UDP payload: a sink handed more lets the system refuse it. */
    private static final int LARGEST_DATAGRAM = 65_535;

    private final MulticastSettings settings;
    private final GroupAllocator allocator;
    private final Selector selector;
    private final Thread receiver;
    private final Set<UdpMulticastGroup> groups = ConcurrentHashMap.newKeySet();
    // Work that must run on the receive thread between two selects (see awaitDeregistration).
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    // Sinks are called by a few I/O threads; one direct buffer per thread spares a copy inside the JDK
    // and an allocation per packet, without a buffer per group.
    private final ThreadLocal<ByteBuffer> sendBuffers;

    private final Object closeLock = new Object();
    private volatile boolean closed;

    private UdpMulticastService(MulticastSettings settings) throws IOException {
        this.settings = settings;
        this.allocator = new GroupAllocator(settings.range());
        int initialSendBuffer = Math.max(settings.maxPacketSize(), ServerConfig.MAX_UDP_PAYLOAD) + 64;
        this.sendBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(initialSendBuffer));
        this.selector = Selector.open();
        this.receiver = new Thread(this::receiveLoop, THREAD_NAME);
        receiver.setDaemon(true);
        receiver.start();
    }

    /**
     * Checks that some interface can carry multicast and starts the receive thread.
     *
     * @throws IOException with {@value MulticastInterfaces#NONE_FOUND} when no interface qualifies
     */
    static UdpMulticastService open(MulticastSettings settings) throws IOException {
        List<NetworkInterface> interfaces = MulticastInterfaces.choose(settings.interfaceName());
        LOG.log(System.Logger.Level.DEBUG, "multicast range {0}, ports {1}-{2}, interfaces {3}",
                settings.range(), settings.rtpPort(), settings.rtcpPort(), names(interfaces));
        return new UdpMulticastService(settings);
    }

    @Override
    public String name() {
        return UdpMulticastProvider.NAME;
    }

    @Override
    public InetAddress allocate() {
        return allocator.allocate();
    }

    @Override
    public int rtpPort() {
        return settings.rtpPort();
    }

    @Override
    public int rtcpPort() {
        return settings.rtcpPort();
    }

    @Override
    public int ttl() {
        return ADVERTISED_TTL;
    }

    @Override
    public MulticastGroup open(InetAddress group, int rtpPort, int rtcpPort, MulticastInbound rtcpFromReaders)
            throws IOException {
        if (!(group instanceof Inet4Address) || !group.isMulticastAddress()) {
            throw new IllegalArgumentException("multicast group (" + (group == null ? "null" : group.getHostAddress())
                    + ") must be an IPv4 multicast address (224.0.0.0/4)");
        }
        checkPort("RTP", rtpPort);
        checkPort("RTCP", rtcpPort);
        if (rtcpFromReaders == null) {
            throw new NullPointerException("rtcpFromReaders");
        }
        if (closed) {
            throw new IllegalStateException("the multicast service is closed");
        }
        // Chosen again for every group: interfaces may have come up or gone since the server started.
        List<NetworkInterface> interfaces = MulticastInterfaces.choose(settings.interfaceName());
        UdpMulticastGroup opened = UdpMulticastGroup.open(this, (Inet4Address) group, rtpPort, rtcpPort,
                rtcpFromReaders, interfaces, settings.ttl(), settings.maxPacketSize());
        groups.add(opened);
        try {
            opened.channel().register(selector, SelectionKey.OP_READ, opened);
        } catch (IOException | RuntimeException e) {
            // ClosedSelectorException when the service closed meanwhile.
            opened.close();
            throw new IOException("cannot receive on multicast group " + group.getHostAddress() + ": " + e, e);
        }
        if (closed) {
            // close() may have gone through the open groups before this one was added.
            opened.close();
            throw new IllegalStateException("the multicast service is closed");
        }
        // A select in progress only watches the new socket from its next round.
        selector.wakeup();
        return opened;
    }

    private static void checkPort(String what, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(
                    String.format("multicast %s port (%d) must be between 1 and 65535", what, port));
        }
    }

    // ---- used by groups

    /** This thread's send buffer, holding at least {@code length} bytes; null when no datagram can be that long. */
    ByteBuffer sendBuffer(int length) {
        ByteBuffer buffer = sendBuffers.get();
        if (length > buffer.capacity()) {
            if (length > LARGEST_DATAGRAM) {
                return null;
            }
            buffer = ByteBuffer.allocateDirect(length);
            sendBuffers.set(buffer);
        }
        return buffer;
    }

    /**
     * Waits until the selector has dropped a cancelled key, after which closing its channel closes the
     * socket at once. (A channel closed while still registered keeps its port until the selector's
     * next round.) From the receive thread itself this cannot wait: the next round frees the port.
     */
    void awaitDeregistration(SelectionKey key) {
        key.cancel();
        if (Thread.currentThread() == receiver || closed || !receiver.isAlive()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        tasks.add(() -> {
            try {
                selector.selectNow();
            } catch (IOException | ClosedSelectorException e) {
                // The socket is closed anyway; only the timing of the port's release is at stake.
            }
            done.countDown();
        });
        selector.wakeup();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (done.await(100, TimeUnit.MILLISECONDS) || closed || !receiver.isAlive()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    // Keep waiting: returning early would leave the port taken for a while.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void forget(UdpMulticastGroup group) {
        groups.remove(group);
    }

    // ---- receive thread

    private void receiveLoop() {
        // One more byte than accepted, so that an oversized datagram shows itself by filling the buffer.
        ByteBuffer buffer = ByteBuffer.allocate(settings.maxPacketSize() + 1);
        try {
            while (!closed) {
                selector.select();
                runTasks();
                Set<SelectionKey> selected = selector.selectedKeys();
                if (selected.isEmpty()) {
                    continue;
                }
                for (SelectionKey key : selected) {
                    if (key.isValid()) {
                        ((UdpMulticastGroup) key.attachment()).receive(buffer);
                    }
                }
                selected.clear();
            }
        } catch (ClosedSelectorException e) {
            // closed by close(): nothing to report
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.ERROR,
                        "multicast receive thread stopped; readers' RTCP is no longer received", e);
            }
        } finally {
            runTasks();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    Selector selector() {
        return selector;
    }

    Thread receiver() {
        return receiver;
    }

    Set<UdpMulticastGroup> groups() {
        return groups;
    }

    GroupAllocator allocator() {
        return allocator;
    }

    /** Closes every open group and stops the receive thread; all ports are free when this returns. */
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
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // The selector first: a channel still registered keeps its port until its key is flushed.
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the multicast selector failed", e);
        }
        for (UdpMulticastGroup group : List.copyOf(groups)) {
            group.close();
        }
        groups.clear();
    }

    private static String names(List<NetworkInterface> interfaces) {
        StringBuilder sb = new StringBuilder();
        for (NetworkInterface nif : interfaces) {
            sb.append(sb.length() == 0 ? "" : ", ").append(nif.getName());
        }
        return sb.toString();
    }
}
