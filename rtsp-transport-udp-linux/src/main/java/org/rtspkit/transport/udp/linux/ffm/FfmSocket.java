package org.rtspkit.transport.udp.linux.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.rtspkit.transport.udp.linux.BatchSender;
import org.rtspkit.transport.udp.linux.BatchUdpSocket;
import org.rtspkit.transport.udp.linux.Errno;
import org.rtspkit.transport.udp.linux.LinuxUdp;
import org.rtspkit.transport.udp.linux.UdpDestinations;

/** A UDP socket made with {@code socket(2)}: non-blocking, close-on-exec, bound once. */
final class FfmSocket implements BatchUdpSocket {
    final int fd;
    final int family;
    final boolean gso;
    private final InetSocketAddress local;
    private final int sendBufferSize;

    // Sends in progress; close() waits for them so that the descriptor is never freed (and reused by
    // another open) under a sendmmsg that still uses it.
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;
    private final Object closeLock = new Object();

    private FfmSocket(int fd, int family, boolean gso, InetSocketAddress local, int sendBufferSize) {
        this.fd = fd;
        this.family = family;
        this.gso = gso;
        this.local = local;
        this.sendBufferSize = sendBufferSize;
    }

    /**
     * Opens and binds a socket.
     *
     * @param checkGso whether to ask the kernel first whether it knows {@code UDP_SEGMENT} (the probe
     *                 does), throwing {@link FfmBackend.GsoUnsupported} when it does not
     */
    static FfmSocket open(InetSocketAddress address, LinuxUdp.Options options, boolean gso, boolean checkGso)
            throws IOException {
        int family = Sockaddr.familyOf(address.getAddress());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Libc.CAPTURE_LAYOUT);
            int fd = Libc.socket(capture, family, Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("socket(" + (family == Libc.AF_INET ? "AF_INET" : "AF_INET6")
                        + ", SOCK_DGRAM): " + Errno.describe(Libc.errno(capture)));
            }
            try {
                MemorySegment value = arena.allocate(JAVA_INT);
                if (family == Libc.AF_INET6) {
                    // Dual stack whatever net.ipv6.bindv6only says, as the JDK's own IPv6 sockets are.
                    value.set(JAVA_INT, 0, 0);
                    check(capture, Libc.setsockopt(capture, fd, Libc.IPPROTO_IPV6, Libc.IPV6_V6ONLY, value, 4),
                            "setsockopt(IPV6_V6ONLY, 0)");
                }
                if (checkGso) {
                    // 0 is "no segmentation by default", the state a new socket is in anyway.
                    value.set(JAVA_INT, 0, 0);
                    if (Libc.setsockopt(capture, fd, Libc.SOL_UDP, Libc.UDP_SEGMENT, value, 4) != 0) {
                        throw new FfmBackend.GsoUnsupported("setsockopt(SOL_UDP, UDP_SEGMENT): "
                                + Errno.describe(Libc.errno(capture)));
                    }
                }
                if (options.sendBufferSize() > 0) {
                    value.set(JAVA_INT, 0, options.sendBufferSize());
                    check(capture, Libc.setsockopt(capture, fd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, value, 4),
                            "setsockopt(SO_SNDBUF, " + options.sendBufferSize() + ")");
                }
                MemorySegment name = arena.allocate(Sockaddr.SLOT, 8);
                int length = Sockaddr.write(name, 0, family, address);
                if (Libc.bind(capture, fd, name, length) != 0) {
                    throw new BindException("cannot bind a UDP socket to " + address + ": "
                            + Errno.describe(Libc.errno(capture)));
                }
                MemorySegment nameLength = arena.allocate(JAVA_INT);
                nameLength.set(JAVA_INT, 0, (int) Sockaddr.SLOT);
                check(capture, Libc.getsockname(capture, fd, name, nameLength), "getsockname");
                InetSocketAddress bound = Sockaddr.read(name, 0);
                nameLength.set(JAVA_INT, 0, 4);
                check(capture, Libc.getsockopt(capture, fd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, value, nameLength),
                        "getsockopt(SO_SNDBUF)");
                return new FfmSocket(fd, family, gso, bound, value.get(JAVA_INT, 0));
            } catch (IOException | RuntimeException e) {
                Libc.close(capture, fd);
                throw e;
            }
        }
    }

    private static void check(MemorySegment capture, int result, String call) throws IOException {
        if (result != 0) {
            throw new IOException(call + ": " + Errno.describe(Libc.errno(capture)));
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean gso() {
        return gso;
    }

    @Override
    public int sendBufferSize() {
        return sendBufferSize;
    }

    @Override
    public UdpDestinations newDestinations(int initialCapacity) {
        return new FfmDestinations(this, initialCapacity);
    }

    @Override
    public BatchSender newSender() {
        return new FfmSender(this);
    }

    /** Marks a send in progress; false when the socket is closed (nothing to undo then). */
    boolean enter() {
        inFlight.incrementAndGet();
        if (closed) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void exit() {
        inFlight.decrementAndGet();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            // A send is at most one non-blocking system call per 1,024 destinations: short waits.
            while (inFlight.get() != 0) {
                Thread.onSpinWait();
            }
            try (Arena arena = Arena.ofConfined()) {
                Libc.close(arena.allocate(Libc.CAPTURE_LAYOUT), fd);
            }
        }
    }

    @Override
    public String toString() {
        return "BatchUdpSocket[" + local + (gso ? ", GSO" : "") + (closed ? ", closed" : "") + "]";
    }
}
