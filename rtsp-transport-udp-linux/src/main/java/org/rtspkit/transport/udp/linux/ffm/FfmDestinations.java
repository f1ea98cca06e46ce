package org.rtspkit.transport.udp.linux.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;
import org.rtspkit.transport.udp.linux.UdpDestinations;

/**
 * The destinations in native memory, with two prebuilt {@code mmsghdr} arrays that point at them: one
 * plain, one whose messages carry a {@code UDP_SEGMENT} control message. Both share one {@code iovec}
 * and one control message, which a sender fills in per send (the packet's place and length, the
 * segment size), so a send writes a few words whatever the number of destinations.
 */
final class FfmDestinations implements UdpDestinations {
    final FfmSocket socket;
    private final int nameLength;

    private Arena arena;
    private MemorySegment names;
    private MemorySegment plain;
    private MemorySegment segmented;
    MemorySegment iov;
    MemorySegment cmsg;
    long namesAddress;
    long plainAddress;
    long segmentedAddress;

    private InetSocketAddress[] addresses;
    long[] dropped;
    int size;
    /** Set when the kernel refused a GSO message to one of these destinations: bursts then go out plain. */
    boolean gsoRefused;
    private boolean closed;

    FfmDestinations(FfmSocket socket, int initialCapacity) {
        this.socket = socket;
        this.nameLength = Sockaddr.length(socket.family);
        int capacity = Math.max(1, initialCapacity);
        addresses = new InetSocketAddress[capacity];
        dropped = new long[capacity];
        allocate(capacity);
    }

    private void allocate(int capacity) {
        Arena fresh = Arena.ofShared();
        MemorySegment newNames = fresh.allocate(capacity * Sockaddr.SLOT, 8);
        MemorySegment newPlain = fresh.allocate(capacity * Libc.MMSGHDR_SIZE, 8);
        MemorySegment newSegmented = fresh.allocate(capacity * Libc.MMSGHDR_SIZE, 8);
        MemorySegment newIov = fresh.allocate(Libc.IOVEC_SIZE, 8);
        MemorySegment newCmsg = fresh.allocate(Libc.SEGMENT_CMSG_SPACE, 8);
        newCmsg.set(JAVA_LONG, 0, Libc.SEGMENT_CMSG_LEN);
        newCmsg.set(JAVA_INT, Libc.CMSG_LEVEL, Libc.SOL_UDP);
        newCmsg.set(JAVA_INT, Libc.CMSG_TYPE, Libc.UDP_SEGMENT);
        if (names != null) {
            MemorySegment.copy(names, 0, newNames, 0, size * Sockaddr.SLOT);
            newIov.copyFrom(iov);
            newCmsg.set(JAVA_SHORT, Libc.CMSG_DATA, cmsg.get(JAVA_SHORT, Libc.CMSG_DATA));
        }
        for (int i = 0; i < capacity; i++) {
            long name = newNames.address() + i * Sockaddr.SLOT;
            header(newPlain, i * Libc.MMSGHDR_SIZE, name, newIov.address(), 0, 0);
            header(newSegmented, i * Libc.MMSGHDR_SIZE, name, newIov.address(), newCmsg.address(),
                    Libc.SEGMENT_CMSG_SPACE);
        }
        Arena old = arena;
        arena = fresh;
        names = newNames;
        plain = newPlain;
        segmented = newSegmented;
        iov = newIov;
        cmsg = newCmsg;
        namesAddress = newNames.address();
        plainAddress = newPlain.address();
        segmentedAddress = newSegmented.address();
        if (old != null) {
            old.close();
        }
    }

    private void header(MemorySegment array, long at, long name, long iovec, long control, long controlLength) {
        array.set(JAVA_LONG, at + Libc.MSG_NAME, name);
        array.set(JAVA_INT, at + Libc.MSG_NAMELEN, nameLength);
        array.set(JAVA_LONG, at + Libc.MSG_IOV, iovec);
        array.set(JAVA_LONG, at + Libc.MSG_IOVLEN, 1);
        array.set(JAVA_LONG, at + Libc.MSG_CONTROL, control);
        array.set(JAVA_LONG, at + Libc.MSG_CONTROLLEN, controlLength);
    }

    /** The native address of the destination at {@code index}. */
    long nameAddress(int index) {
        return namesAddress + index * Sockaddr.SLOT;
    }

    int nameLength() {
        return nameLength;
    }

    @Override
    public int add(InetSocketAddress destination) {
        Objects.requireNonNull(destination, "destination");
        ensureOpen();
        if (size == addresses.length) {
            int capacity = size * 2;
            addresses = Arrays.copyOf(addresses, capacity);
            dropped = Arrays.copyOf(dropped, capacity);
            allocate(capacity);
        }
        Sockaddr.write(names, size * Sockaddr.SLOT, socket.family, destination);
        addresses[size] = destination;
        dropped[size] = 0;
        return size++;
    }

    @Override
    public int remove(int index) {
        Objects.checkIndex(index, size);
        int last = size - 1;
        int moved = -1;
        if (index != last) {
            MemorySegment.copy(names, last * Sockaddr.SLOT, names, index * Sockaddr.SLOT, Sockaddr.SLOT);
            addresses[index] = addresses[last];
            dropped[index] = dropped[last];
            moved = last;
        }
        addresses[last] = null;
        dropped[last] = 0;
        size = last;
        return moved;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public InetSocketAddress get(int index) {
        Objects.checkIndex(index, size);
        return addresses[index];
    }

    @Override
    public long dropped(int index) {
        Objects.checkIndex(index, size);
        return dropped[index];
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the destination list is closed");
        }
    }

    void checkUsable(FfmSocket by) {
        if (closed) {
            throw new IllegalStateException("the destination list is closed");
        }
        if (socket != by) {
            throw new IllegalArgumentException("the destination list belongs to another socket");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            size = 0;
            arena.close();
        }
    }
}
