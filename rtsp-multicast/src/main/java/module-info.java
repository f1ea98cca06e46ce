/**
 * UDP multicast delivery: the server's group allocator, and per media the sockets that send each
 * packet once to its group for every multicast reader and receive the readers' RTCP.
 *
 * <p>Settings read from {@link org.rtspkit.api.ServerConfig}:
 * <ul>
 *   <li>{@code multicastIpRange}, {@code multicastRtpPort}, {@code multicastRtcpPort}: all three or none
 *       (multicast off). The range is an IPv4 network inside 224.0.0.0/4 in CIDR notation; groups are
 *       handed out from its network address + 1 onwards, wrapping inside the range. The RTP port must
 *       be even and the RTCP port the next one; every group uses the same two ports.</li>
 *   <li>{@code multicastInterface}: the interface to send and receive on. By default, every interface
 *       that is up, supports multicast and has an IPv4 address; when there is none, the loopback
 *       interface (so a network namespace whose only interface is {@code lo} works). The server does
 *       not start when no interface qualifies ({@code "no multicast-capable interfaces found"}).</li>
 *   <li>{@code multicastTtl}: {@code IP_MULTICAST_TTL} of the sending sockets, default 16. SETUP replies
 *       advertise {@code ttl=127} regardless.</li>
 *   <li>{@code maxPacketSize}: a reader's RTCP datagram longer than this is dropped.</li>
 * </ul>
 *
 * <p>Sending sockets loop packets back, so that readers on the same host receive them; the receiving
 * socket allows address reuse, so that such readers can bind the same group and port; packets the
 * server looped back to itself are recognised by their source and dropped.
 */
module org.rtspkit.multicast {
    // The SPI it implements; brings the API along (requires transitive).
    requires org.rtspkit.spi;

    // Nothing is exported: the engine reaches multicast only through org.rtspkit.spi, so the provider
    // class is public (ServiceLoader needs that) while its package stays internal.
    provides org.rtspkit.spi.MulticastProvider with org.rtspkit.multicast.UdpMulticastProvider;
}
