/**
 * The plugin SPI of rtspkit: what transports, multicast and SRTP modules implement and the engine
 * looks up with {@link java.util.ServiceLoader}. Applications do not require it: they configure
 * plugins through {@link org.rtspkit.api.ServerConfig} and pick them by putting them on the module path.
 */
module org.rtspkit.spi {
    // SPI signatures use API values (ServerConfig, RtpPacket, SrtpSuite...): a plugin that reads
    // this module reads the API too.
    requires transitive org.rtspkit.api;

    exports org.rtspkit.spi;

    // The lookup facades (Transports, SrtpProviders, MulticastProviders) own the ServiceLoader
    // calls, so this module is the one that declares the uses.
    uses org.rtspkit.spi.TransportProvider;
    uses org.rtspkit.spi.SrtpProvider;
    uses org.rtspkit.spi.MulticastProvider;
}
