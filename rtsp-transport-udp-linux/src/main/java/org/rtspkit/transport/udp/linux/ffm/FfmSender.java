package org.rtspkit.transport.udp.linux.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.rtspkit.transport.udp.linux.BatchSender;
import org.rtspkit.transport.udp.linux.Errno;
import org.rtspkit.transport.udp.linux.SendCounters;
import org.rtspkit.transport.udp.linux.UdpDestinations;

/**
 * One thread's sends through an {@link FfmSocket}. The bytes are copied once into a native staging
 * buffer; {@code sendmmsg} then points every destination's message at them.
 *
 * <p>How a send that the kernel stops part way is finished: {@code sendmmsg} returns how many messages
 * went out and drops the error of the one that did not (sendmmsg(2)); the call is made again from that
 * message, which then fails alone and tells why. {@code EAGAIN} (send buffer full) and {@code ENOBUFS}
 * end the send, the messages not yet sent counted as dropped; any other error belongs to that one
 * destination, which is counted as failed, and the send goes on with the next.
 */
final class FfmSender implements BatchSender {
    private static final int INITIAL_STAGING = 64 * 1024;
    /** A burst larger than this is refused rather than given an unbounded buffer. */
    private static final int MAX_STAGING = 16 * 1024 * 1024;

    private final FfmSocket socket;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment capture;

    private MemorySegment staging;
    private ByteBuffer stagingView;
    private long stagingAddress;

    // A burst to one destination: one GSO msghdr, or up to 64 plain mmsghdrs with an iovec each.
    private final MemorySegment segmentMessage;
    private final MemorySegment segmentIov;
    private final MemorySegment segmentCmsg;
    private final MemorySegment burstMessages;
    private final MemorySegment burstIovs;

    // Written by the sending thread only; lazySet keeps them readable from another thread for stats.
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong datagrams = new AtomicLong();
    private final AtomicLong wouldBlock = new AtomicLong();
    private final AtomicLong noBuffers = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong gsoFallbacks = new AtomicLong();
    private volatile int lastErrno;
    /** Whether the last {@link #sendMessages} stopped at a full send buffer ({@code EAGAIN}, {@code ENOBUFS}). */
    private boolean stoppedFull;

    FfmSender(FfmSocket socket) {
        this.socket = socket;
        this.fd = socket.fd;
        capture = arena.allocate(Libc.CAPTURE_LAYOUT);
        stage(INITIAL_STAGING);
        segmentMessage = arena.allocate(Libc.MSGHDR_SIZE, 8);
        segmentIov = arena.allocate(Libc.IOVEC_SIZE, 8);
        segmentCmsg = arena.allocate(Libc.SEGMENT_CMSG_SPACE, 8);
        segmentCmsg.set(JAVA_LONG, 0, Libc.SEGMENT_CMSG_LEN);
        segmentCmsg.set(JAVA_INT, Libc.CMSG_LEVEL, Libc.SOL_UDP);
        segmentCmsg.set(JAVA_INT, Libc.CMSG_TYPE, Libc.UDP_SEGMENT);
        segmentMessage.set(JAVA_LONG, Libc.MSG_IOV, segmentIov.address());
        segmentMessage.set(JAVA_LONG, Libc.MSG_IOVLEN, 1);
        segmentMessage.set(JAVA_LONG, Libc.MSG_CONTROL, segmentCmsg.address());
        segmentMessage.set(JAVA_LONG, Libc.MSG_CONTROLLEN, Libc.SEGMENT_CMSG_SPACE);
        burstMessages = arena.allocate(MAX_SEGMENTS_PER_MESSAGE * Libc.MMSGHDR_SIZE, 8);
        burstIovs = arena.allocate(MAX_SEGMENTS_PER_MESSAGE * Libc.IOVEC_SIZE, 8);
        for (int k = 0; k < MAX_SEGMENTS_PER_MESSAGE; k++) {
            long at = k * Libc.MMSGHDR_SIZE;
            burstMessages.set(JAVA_LONG, at + Libc.MSG_IOV, burstIovs.address() + k * Libc.IOVEC_SIZE);
            burstMessages.set(JAVA_LONG, at + Libc.MSG_IOVLEN, 1);
        }
    }

    private void stage(int capacity) {
        staging = arena.allocate(capacity, 64);
        stagingView = staging.asByteBuffer();
        stagingAddress = staging.address();
    }

    /** Room for {@code length} bytes in the staging buffer; a larger one is taken from the arena when needed. */
    private void reserve(int length) {
        if (length > staging.byteSize()) {
            if (length > MAX_STAGING) {
                throw new IllegalArgumentException("a burst of " + length + " bytes is larger than " + MAX_STAGING);
            }
            // The old buffer stays in the arena until close: growth is by doubling, so at most as much again.
            stage(Math.min(MAX_STAGING, Integer.highestOneBit(length - 1) << 1));
        }
    }

    // ---- sends

    @Override
    public int sendToAll(ByteBuffer packet, UdpDestinations destinations) throws IOException {
        int length = packet.remaining();
        checkPacket(length);
        stagingView.put(0, packet, packet.position(), length);
        return sendStagedToAll(0, length, checked(destinations));
    }

    @Override
    public int sendToAll(byte[] packet, int offset, int length, UdpDestinations destinations) throws IOException {
        Objects.checkFromIndexSize(offset, length, packet.length);
        checkPacket(length);
        MemorySegment.copy(packet, offset, staging, JAVA_BYTE, 0, length);
        return sendStagedToAll(0, length, checked(destinations));
    }

    @Override
    public int sendSegments(ByteBuffer burst, int segmentSize, UdpDestinations destinations, int index)
            throws IOException {
        FfmDestinations d = checked(destinations);
        Objects.checkIndex(index, d.size);
        int length = stageBurst(burst, segmentSize);
        enter();
        try {
            if (!socket.gso || d.gsoRefused) {
                return sendPlainSegments(0, length, segmentSize, d, index);
            }
            int chunk = chunkBytes(segmentSize);
            segmentCmsg.set(JAVA_SHORT, Libc.CMSG_DATA, (short) segmentSize);
            segmentMessage.set(JAVA_LONG, Libc.MSG_NAME, d.nameAddress(index));
            segmentMessage.set(JAVA_INT, Libc.MSG_NAMELEN, d.nameLength());
            int taken = 0;
            int offset = 0;
            while (offset < length) {
                int bytes = Math.min(chunk, length - offset);
                int segments = segmentsIn(bytes, segmentSize);
                segmentIov.set(JAVA_LONG, Libc.IOV_BASE, stagingAddress + offset);
                segmentIov.set(JAVA_LONG, Libc.IOV_LEN, bytes);
                long sent = Libc.sendmsg(capture, fd, segmentMessage.address());
                calls.lazySet(calls.get() + 1);
                if (sent >= 0) {
                    taken += segments;
                    datagrams.lazySet(datagrams.get() + segments);
                    offset += bytes;
                    continue;
                }
                int errno = Libc.errno(capture);
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == Errno.EAGAIN || errno == Errno.ENOBUFS) {
                    dropAt(d, index, segmentsIn(length - offset, segmentSize), errno);
                    break;
                }
                if (isGsoRefusal(errno) && segments > 1) {
                    d.gsoRefused = true;
                    gsoFallbacks.lazySet(gsoFallbacks.get() + 1);
                    taken += sendPlainSegments(offset, length - offset, segmentSize, d, index);
                    break;
                }
                dropAt(d, index, segments, errno);
                offset += bytes;
            }
            return taken;
        } finally {
            socket.exit();
        }
    }

    @Override
    public int sendSegmentsToAll(ByteBuffer burst, int segmentSize, UdpDestinations destinations) throws IOException {
        FfmDestinations d = checked(destinations);
        int length = stageBurst(burst, segmentSize);
        if (d.size == 0) {
            return 0;
        }
        int taken = 0;
        int chunk = chunkBytes(segmentSize);
        int offset = 0;
        while (offset < length) {
            if (!socket.gso || d.gsoRefused) {
                // One sendmmsg per segment, each to every destination.
                for (; offset < length; offset += segmentSize) {
                    taken += sendStagedToAll(offset, Math.min(segmentSize, length - offset), d);
                }
                break;
            }
            int bytes = Math.min(chunk, length - offset);
            taken += sendSegmentedChunkToAll(offset, bytes, segmentSize, d);
            offset += bytes;
        }
        return taken;
    }

    // ---- the system calls and their accounting

    private int sendStagedToAll(int offset, int length, FfmDestinations d) throws IOException {
        int n = d.size;
        if (n == 0) {
            return 0;
        }
        d.iov.set(JAVA_LONG, Libc.IOV_BASE, stagingAddress + offset);
        d.iov.set(JAVA_LONG, Libc.IOV_LEN, length);
        enter();
        try {
            return sendMessages(d.plainAddress, n, d, -1, 1, -1, 0);
        } finally {
            socket.exit();
        }
    }

    private int sendSegmentedChunkToAll(int offset, int bytes, int segmentSize, FfmDestinations d) throws IOException {
        d.iov.set(JAVA_LONG, Libc.IOV_BASE, stagingAddress + offset);
        d.iov.set(JAVA_LONG, Libc.IOV_LEN, bytes);
        d.cmsg.set(JAVA_SHORT, Libc.CMSG_DATA, (short) segmentSize);
        enter();
        try {
            return sendMessages(d.segmentedAddress, d.size, d, -1, segmentsIn(bytes, segmentSize), offset, segmentSize);
        } finally {
            socket.exit();
        }
    }

    /** The segments of {@code [offset, offset + length)} of the staging buffer as separate datagrams to one destination. */
    private int sendPlainSegments(int offset, int length, int segmentSize, FfmDestinations d, int index) {
        long name = d.nameAddress(index);
        int taken = 0;
        int end = offset + length;
        while (offset < end) {
            int count = 0;
            for (; count < MAX_SEGMENTS_PER_MESSAGE && offset < end; count++, offset += segmentSize) {
                long at = count * Libc.MMSGHDR_SIZE;
                burstMessages.set(JAVA_LONG, at + Libc.MSG_NAME, name);
                burstMessages.set(JAVA_INT, at + Libc.MSG_NAMELEN, d.nameLength());
                long iov = count * Libc.IOVEC_SIZE;
                burstIovs.set(JAVA_LONG, iov + Libc.IOV_BASE, stagingAddress + offset);
                burstIovs.set(JAVA_LONG, iov + Libc.IOV_LEN, Math.min(segmentSize, end - offset));
            }
            taken += sendMessages(burstMessages.address(), count, d, index, 1, -1, 0);
            if (stoppedFull) {
                // The send buffer is full: the segments not yet attempted are dropped too.
                dropAt(d, index, segmentsIn(end - offset, segmentSize), lastErrno);
                break;
            }
        }
        return taken;
    }

    /**
     * Sends {@code n} prebuilt messages from {@code messages}, message {@code i} to destination
     * {@code i} (or all to {@code fixedIndex} when it is not -1), each worth {@code perMessage}
     * datagrams. With {@code gsoOffset} not -1 the messages carry that chunk of the staging buffer with
     * a {@code UDP_SEGMENT}; a destination whose GSO message is refused gets the chunk as separate
     * datagrams instead. Sets {@link #stoppedFull} when it gave up on a full send buffer.
     *
     * @return datagrams taken
     */
    private int sendMessages(long messages, int n, FfmDestinations d, int fixedIndex, int perMessage,
                             int gsoOffset, int segmentSize) {
        int taken = 0;
        int takenAndCounted = 0;
        stoppedFull = false;
        int i = 0;
        while (i < n) {
            int batch = Math.min(n - i, MAX_MESSAGES_PER_CALL);
            int sent = Libc.sendmmsg(capture, fd, messages + i * Libc.MMSGHDR_SIZE, batch);
            calls.lazySet(calls.get() + 1);
            if (sent > 0) {
                i += sent;
                taken += sent * perMessage;
                continue;
            }
            int errno = Libc.errno(capture);
            if (errno == Errno.EINTR) {
                continue;
            }
            if (errno == Errno.EAGAIN || errno == Errno.ENOBUFS) {
                drop(d, fixedIndex, i, n, perMessage, errno);
                stoppedFull = true;
                break;
            }
            if (gsoOffset >= 0 && perMessage > 1 && isGsoRefusal(errno)) {
                d.gsoRefused = true;
                gsoFallbacks.lazySet(gsoFallbacks.get() + 1);
                int bytes = (int) d.iov.get(JAVA_LONG, Libc.IOV_LEN);
                // Counted by the sendMessages call inside.
                takenAndCounted += sendPlainSegments(gsoOffset, bytes, segmentSize, d, i);
                boolean full = stoppedFull;
                i++;
                if (full) {
                    drop(d, fixedIndex, i, n, perMessage, lastErrno);
                    stoppedFull = true;
                    break;
                }
                continue;
            }
            drop(d, fixedIndex, i, i + 1, perMessage, errno);
            i++;
        }
        datagrams.lazySet(datagrams.get() + taken);
        return taken + takenAndCounted;
    }

    private void drop(FfmDestinations d, int fixedIndex, int from, int to, int perMessage, int errno) {
        long count = (long) (to - from) * perMessage;
        if (fixedIndex >= 0) {
            d.dropped[fixedIndex] += count;
        } else {
            for (int j = from; j < to; j++) {
                d.dropped[j] += perMessage;
            }
        }
        count(count, errno);
    }

    private void dropAt(FfmDestinations d, int index, int count, int errno) {
        d.dropped[index] += count;
        count(count, errno);
    }

    private void count(long count, int errno) {
        AtomicLong counter = errno == Errno.EAGAIN ? wouldBlock : errno == Errno.ENOBUFS ? noBuffers : failed;
        counter.lazySet(counter.get() + count);
        lastErrno = errno;
    }

    /**
     * Whether the kernel refused to split a GSO message, so that its segments may still go out one by
     * one: EIO when the way out has no checksum offload; EMSGSIZE (EINVAL on older kernels) when a
     * segment is longer than the path's MTU allows. Only asked of messages of more than one segment,
     * whose total the sender keeps within one UDP payload.
     */
    private static boolean isGsoRefusal(int errno) {
        return errno == Errno.EIO || errno == Errno.EMSGSIZE || errno == Errno.EINVAL;
    }

    // ---- checks and helpers

    private void enter() throws ClosedChannelException {
        if (!socket.enter()) {
            throw new ClosedChannelException();
        }
    }

    private FfmDestinations checked(UdpDestinations destinations) {
        if (!(destinations instanceof FfmDestinations d)) {
            throw new IllegalArgumentException("not a destination list of a BatchUdpSocket: " + destinations);
        }
        d.checkUsable(socket);
        return d;
    }

    private static void checkPacket(int length) {
        if (length > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("a packet of " + length + " bytes is larger than a UDP datagram can be");
        }
    }

    private int stageBurst(ByteBuffer burst, int segmentSize) {
        if (segmentSize <= 0 || segmentSize > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("segment size " + segmentSize + " is not between 1 and " + MAX_UDP_PAYLOAD);
        }
        int length = burst.remaining();
        reserve(length);
        stagingView.put(0, burst, burst.position(), length);
        return length;
    }

    /** The bytes of one GSO message: whole segments, at most 64 of them and at most one UDP payload. */
    private static int chunkBytes(int segmentSize) {
        return segmentSize * Math.min(MAX_SEGMENTS_PER_MESSAGE, MAX_UDP_PAYLOAD / segmentSize);
    }

    private static int segmentsIn(int bytes, int segmentSize) {
        return (bytes + segmentSize - 1) / segmentSize;
    }

    @Override
    public SendCounters counters() {
        return new SendCounters(calls.get(), datagrams.get(), wouldBlock.get(), noBuffers.get(), failed.get(),
                gsoFallbacks.get(), lastErrno);
    }

    @Override
    public void close() {
        arena.close();
    }
}
