package org.rtspkit.transport.udp.linux;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends from one {@link BatchUdpSocket} on behalf of one thread: it owns the native staging buffer the
 * bytes are copied into once per send (never once per destination) and the message headers, so a send
 * allocates nothing. Made by {@link BatchUdpSocket#newSender()}; one per I/O thread.
 *
 * <p>No send throws for a datagram the kernel does not take: it is counted, in {@link #counters()} and
 * in {@link UdpDestinations#dropped(int)} for its destination, and the return value says how many were
 * taken. The only exception is a closed socket.
 *
 * <p>Not thread-safe.
 */
public interface BatchSender extends AutoCloseable {
    /** The most destinations one {@code sendmmsg} takes ({@code UIO_MAXIOV}); longer lists take more calls. */
    int MAX_MESSAGES_PER_CALL = 1024;

    /**
     * The most segments one GSO message carries here. Linux 4.18 accepted 64 ({@code UDP_MAX_SEGMENTS});
     * later kernels accept more, 64 works on all. Longer bursts take more messages.
     */
    int MAX_SEGMENTS_PER_MESSAGE = 64;

    /** The largest UDP payload of IPv4, and so of one GSO message before it is split. */
    int MAX_UDP_PAYLOAD = 65_507;

    /**
     * Sends the packet's remaining bytes to every destination, with one {@code sendmmsg} per
     * {@value #MAX_MESSAGES_PER_CALL} destinations. The buffer's position does not change.
     *
     * @return how many destinations the kernel took it for
     * @throws java.nio.channels.ClosedChannelException when the socket is closed
     * @throws IllegalArgumentException                  when the packet is longer than {@value #MAX_UDP_PAYLOAD}
     */
    int sendToAll(ByteBuffer packet, UdpDestinations destinations) throws IOException;

    /** As {@link #sendToAll(ByteBuffer, UdpDestinations)}, from an array. */
    int sendToAll(byte[] packet, int offset, int length, UdpDestinations destinations) throws IOException;

    /**
     * Sends a burst, the buffer's remaining bytes cut into datagrams of {@code segmentSize} bytes (the
     * last one may be shorter), to the destination at {@code index}: with GSO, one {@code sendmsg} per
     * {@value #MAX_SEGMENTS_PER_MESSAGE} segments (and at most {@value #MAX_UDP_PAYLOAD} bytes), which the
     * kernel splits; without it, one {@code sendmmsg} of separate datagrams. The position does not
     * change.
     *
     * @return how many datagrams the kernel took
     */
    int sendSegments(ByteBuffer burst, int segmentSize, UdpDestinations destinations, int index) throws IOException;

    /**
     * Sends one burst (as {@link #sendSegments}) to every destination: one {@code sendmmsg} whose messages
     * each carry the burst and a {@code UDP_SEGMENT}, so a frame of k packets to N readers costs about
     * one system call instead of k times N. Without GSO, one {@link #sendToAll} per segment.
     *
     * @return how many datagrams the kernel took, over all destinations
     */
    int sendSegmentsToAll(ByteBuffer burst, int segmentSize, UdpDestinations destinations) throws IOException;

    /** What this sender has done so far. */
    SendCounters counters();

    /** Frees the native memory. */
    @Override
    void close();
}
