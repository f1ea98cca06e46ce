/**
 * SRTP and SRTCP protect/unprotect (RFC 3711: AES_CM_128_HMAC_SHA1_80; RFC 6188:
 * AES_256_CM_HMAC_SHA1_80; RFC 7714: AEAD_AES_128_GCM) and the MIKEY key exchange (RFC 3830) that
 * RTSPS uses to hand keys over, found by the engine through {@link org.rtspkit.spi.SrtpProvider}.
 *
 * <p>Per-packet work runs on the JDK's JCA, whose AES-CTR, SHA-1 and GCM use the CPU's instructions.
 * Limits: a context tracks at most 64 SSRCs beyond those announced in MIKEY, keeps a 64-packet replay
 * window, and accepts an MKI of up to 16 bytes; a MIKEY T payload must be within one hour of the
 * server's clock.
 */
module org.rtspkit.srtp {
    // The SPI it implements; brings the API along (requires transitive).
    requires org.rtspkit.spi;

    // Nothing is exported: the engine reaches SRTP only through org.rtspkit.spi, so the provider class
    // is public (ServiceLoader needs that) while its package stays internal.
    provides org.rtspkit.spi.SrtpProvider with org.rtspkit.srtp.JcaSrtpProvider;
}
