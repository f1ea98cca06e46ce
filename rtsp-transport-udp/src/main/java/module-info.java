/**
 * UDP unicast delivery: the server's two shared sockets (RTP on an even port, RTCP on the next one),
 * the thread that receives on them and hands each datagram to the session whose client sent it, and
 * the per-session sinks that send to the client's ports.
 *
 * <p>Settings read from {@link org.rtspkit.api.ServerConfig}:
 * <ul>
 *   <li>{@code udpRtpAddress}, {@code udpRtcpAddress}: where the sockets bind; both or neither (UDP off).
 *       The RTP port must be even and the RTCP port the next one. A {@code 0.0.0.0} host binds IPv4 only.</li>
 *   <li>{@code udpReadBufferSize}: {@code SO_RCVBUF} of both sockets; 0 keeps the system default. The
 *       server refuses to start when the system grants less than asked (on Linux, raise
 *       {@code net.core.rmem_max}).</li>
 *   <li>{@code maxPacketSize}: a datagram of more than this many bytes is dropped on receipt.</li>
 * </ul>
 */
module org.rtspkit.transport.udp {
    // The SPI it implements; brings the API along (requires transitive).
    requires org.rtspkit.spi;

    // Nothing is exported: the engine reaches this transport only through org.rtspkit.spi, so the
    // provider class is public (ServiceLoader needs that) while its package stays internal.
    provides org.rtspkit.spi.TransportProvider with org.rtspkit.transport.udp.UdpTransportProvider;
}
