/**
 * RTP and RTCP interleaved in the RTSP connection (RFC 2326 §10.12): each packet travels as a
 * {@code $}-framed block on a channel id, RTP on channel {@code a} and RTCP on {@code a+1}.
 * Opens no socket of its own; writes go to the connection's bounded output, and a full output makes the
 * sink ask the engine to retry rather than wait.
 */
module org.rtspkit.transport.tcp {
    // The SPI it implements; brings the API along (requires transitive).
    requires org.rtspkit.spi;

    // Nothing is exported: the engine reaches this transport only through org.rtspkit.spi, so the
    // provider class is public (ServiceLoader needs that) while its package stays internal.
    provides org.rtspkit.spi.TransportProvider with org.rtspkit.transport.tcp.TcpTransportProvider;
}
