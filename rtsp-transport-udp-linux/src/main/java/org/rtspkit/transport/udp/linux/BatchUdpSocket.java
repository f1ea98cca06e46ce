package org.rtspkit.transport.udp.linux;

import java.io.Closeable;
import java.net.InetSocketAddress;

/**
 * A non-blocking UDP socket of its own (made with {@code socket(2)}, bound with {@code bind(2)}) that
 * sends in batches. Several threads may send through it at once, each with its own
 * {@link BatchSender}; {@link #close()} waits for sends in progress to finish before it frees the
 * descriptor, so no send ever reaches a descriptor reused by something else.
 */
public interface BatchUdpSocket extends Closeable {
    /** The address and port the socket is bound to. */
    InetSocketAddress localAddress();

    /** Whether bursts go out with GSO (the kernel supports it and it was not turned off). */
    boolean gso();

    /** The send buffer size the kernel reports ({@code SO_SNDBUF}, which counts its own bookkeeping too). */
    int sendBufferSize();

    /** A new, empty destination list for this socket's address family. */
    UdpDestinations newDestinations(int initialCapacity);

    /** A new sender for the calling thread (or any one thread at a time). */
    BatchSender newSender();

    /** Closes the descriptor once no send is in progress; later sends throw {@code ClosedChannelException}. */
    @Override
    void close();
}
