/**
 * The application-facing surface of rtspkit ({@code org.rtspkit.api}) and the plugin SPI
 * ({@code org.rtspkit.spi}). Depends on the JDK only.
 */
module org.rtspkit.api {
    exports org.rtspkit.api;
    exports org.rtspkit.spi;

    // The lookup facade (org.rtspkit.spi.Transports) owns the ServiceLoader call, so this
    // module is the one that declares the use.
    uses org.rtspkit.spi.TransportProvider;

    // SRTP for RTSPS: the lookup facade org.rtspkit.spi.SrtpProviders owns this ServiceLoader call.
    uses org.rtspkit.spi.SrtpProvider;

    // UDP multicast: the lookup facade org.rtspkit.spi.MulticastProviders owns this ServiceLoader call.
    uses org.rtspkit.spi.MulticastProvider;
}
