package org.rtspkit.transport.udp.linux;

import java.net.InetSocketAddress;

/**
 * A list of UDP destinations held in native memory in the form {@code sendmmsg} reads, built once per
 * change of membership so that a send writes nothing per destination. Made by
 * {@link BatchUdpSocket#newDestinations(int)} for that socket's address family; it grows as needed.
 *
 * <p>Not thread-safe: one thread at a time adds, removes and sends (an I/O loop owns its list).
 */
public interface UdpDestinations extends AutoCloseable {
    /**
     * Appends a destination.
     *
     * @return its index
     * @throws IllegalArgumentException when the socket's address family cannot reach it (an IPv6
     *                                  address from an IPv4 socket) or it is unresolved
     */
    int add(InetSocketAddress destination);

    /**
     * Removes the destination at {@code index} by moving the last one into its place.
     *
     * @return the index the moved destination had (the old last index), or -1 when {@code index} was
     *         the last and nothing moved
     */
    int remove(int index);

    /** How many destinations there are. */
    int size();

    /** The destination at {@code index}. */
    InetSocketAddress get(int index);

    /** Datagrams for the destination at {@code index} that the kernel did not take (moves with it). */
    long dropped(int index);

    /** Frees the native memory; the list must not be used afterwards. */
    @Override
    void close();
}
