package org.rtspkit.spi;

import java.util.List;
import java.util.Objects;
import org.rtspkit.api.SrtpSuite;

/**
 * What a MIKEY message (RFC 3830, pre-shared-key init with NULL encryption, as RTSPS uses it) says:
 * the key material of one media, in one direction, and the SRTP streams it applies to.
 *
 * <p>The wire form comes from {@link SrtpProvider#encodeMikey} and goes back through
 * {@link SrtpProvider#decodeMikey}; it travels base64-encoded in the SDP attribute
 * {@code a=key-mgmt:mikey <base64>} and in the {@code KeyMgmt} header (RFC 4567).
 *
 * @param keyMaterial    suite, master key and salt, and the MKI (MIKEY's SPI) if any
 * @param cryptoSessions the CS ID map: one entry per SSRC with its current ROC, in message order;
 *                       may be empty (the key then applies to whatever SSRC the peer uses)
 */
public record MikeyMessage(SrtpKeyMaterial keyMaterial, List<CryptoSession> cryptoSessions) {

    /** MIKEY's #CS field is one byte. */
    public static final int MAX_CRYPTO_SESSIONS = 255;

    /**
     * Checks the number of crypto sessions and copies the list.
     *
     * @param keyMaterial    suite, master key and salt, and the MKI (MIKEY's SPI) if any
     * @param cryptoSessions the CS ID map: one entry per SSRC with its current ROC, in message order;
     *                       may be empty (the key then applies to whatever SSRC the peer uses)
     * @throws IllegalArgumentException when there are more crypto sessions than MIKEY can carry
     */
    public MikeyMessage {
        Objects.requireNonNull(keyMaterial, "keyMaterial");
        cryptoSessions = List.copyOf(cryptoSessions);
        if (cryptoSessions.size() > MAX_CRYPTO_SESSIONS) {
            throw new IllegalArgumentException(cryptoSessions.size() + " crypto sessions; MIKEY carries at most "
                    + MAX_CRYPTO_SESSIONS);
        }
    }

    /**
     * The suite of {@link #keyMaterial()}.
     *
     * @return the suite
     */
    public SrtpSuite suite() {
        return keyMaterial.suite();
    }
}
