/**
 * The rtspkit RTSP client: reads streams from RTSP servers and cameras (DESCRIBE, SETUP, PLAY) and
 * publishes to them (ANNOUNCE, SETUP, RECORD), over UDP, TCP interleaved, UDP multicast, and RTSPS
 * with SRTP keyed by MIKEY. The entry point is {@link org.rtspkit.client.RtspClient}; every setting,
 * with its default, is a component of {@link org.rtspkit.client.ClientConfig}.
 *
 * <p>Secure media needs an SRTP provider on the module path (org.rtspkit.srtp), found through the
 * SPI as the engine finds it. The package {@code org.rtspkit.client.cli} holds the command-line
 * client ({@code ./rtspkit-client}) and, like {@code internal}, is not exported.
 */
module org.rtspkit.client {
    // RtpPacket, Media, SessionDescription... are the API's: the client's signatures use them.
    requires transitive org.rtspkit.api;
    // SrtpProviders finds the SRTP plugin; the SPI owns the uses, so none is declared here.
    requires org.rtspkit.spi;
    // The request encoder, response decoder, header codecs and SDP, exported to this module by name.
    requires org.rtspkit.protocol;

    exports org.rtspkit.client;
}
