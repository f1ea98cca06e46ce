package org.rtspkit.spi;

import java.io.IOException;
import java.net.InetAddress;

/**
 * UDP multicast for one server: hands out group addresses and opens the sockets of one media's group.
 * Thread-safe.
 */
public interface MulticastService extends AutoCloseable {
    /** The advertised {@code ttl=} of SETUP replies; see {@link #ttl()}. */
    int ADVERTISED_TTL = 127;

    /**
     * The provider's name, for messages and logs.
     *
     * @return the name, for example {@code multicast}
     */
    String name();

    /**
     * The next group address of the configured range. The first call returns the network address + 1
     * ({@code 224.1.0.1} for {@code 224.1.0.0/16}), each later call the address after the previous one,
     * wrapping around inside the range. Addresses are never handed back: a released group is not
     * reused until the range has wrapped. Each server has its own sequence.
     *
     * @return an IPv4 multicast address
     */
    InetAddress allocate();

    /**
     * The configured RTP port, shared by every group this service allocates. Even.
     *
     * @return the RTP port
     */
    int rtpPort();

    /**
     * The configured RTCP port: {@link #rtpPort()} + 1.
     *
     * @return the RTCP port
     */
    int rtcpPort();

    /**
     * The {@code ttl=} to advertise in SETUP replies: always {@value #ADVERTISED_TTL}, as clients are
     * used to. The sockets themselves send with the configured {@code multicastTtl} (default 16), which
     * is what limits how far packets travel.
     *
     * @return {@value #ADVERTISED_TTL}
     */
    int ttl();

    /**
     * Opens the sockets of one media's group: a sender on every chosen interface (packets to
     * {@code group:rtpPort} and {@code group:rtcpPort}, looped back so that readers on this host
     * receive them too) and a receiver bound to {@code group:rtcpPort} with address reuse, joined on
     * every chosen interface, that hands the readers' RTCP to {@code rtcpFromReaders}. Interfaces that
     * refuse to join or send are skipped.
     *
     * @param group           an IPv4 multicast address, from {@link #allocate()} or a per-media override
     * @param rtpPort         where RTP goes
     * @param rtcpPort        where RTCP goes and where readers' RTCP is received
     * @param rtcpFromReaders receives readers' RTCP; packets this group sent itself are never delivered
     * @return the open group, owned by the caller
     * @throws IllegalArgumentException when {@code group} is not an IPv4 multicast address or a port
     *         is outside 1..65535
     * @throws IllegalStateException after {@link #close()}
     * @throws IOException when the receiver cannot be bound or no interface can join or send
     */
    MulticastGroup open(InetAddress group, int rtpPort, int rtcpPort, MulticastInbound rtcpFromReaders)
            throws IOException;

    /** Closes every group still open and stops the receive thread. Idempotent. */
    @Override
    void close();
}
