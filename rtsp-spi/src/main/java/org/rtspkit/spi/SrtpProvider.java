package org.rtspkit.spi;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.SrtpSuite;

/**
 * A named factory of SRTP contexts and the MIKEY codec that carries their keys, found through
 * {@link java.util.ServiceLoader} (use {@link SrtpProviders} rather than loading it yourself).
 */
public interface SrtpProvider {

    /**
     * Short lower-case name used in messages and logs, for example {@code jca}.
     *
     * @return the name
     */
    String name();

    /**
     * Among SRTP providers, the highest priority is used; others are ignored.
     *
     * @return the priority; higher wins
     */
    int priority();

    /**
     * The suites {@link #createContext} accepts and {@link #decodeMikey} recognises.
     *
     * @return the supported suites
     */
    Set<SrtpSuite> suites();

    /**
     * A context for one master key.
     *
     * @param keyMaterial    the key, its suite and its MKI
     * @param cryptoSessions initial rollover counters per SSRC (typically the CS ID map of the peer's
     *                       MIKEY message); SSRCs not listed start at 0
     * @return a new context
     * @throws IllegalArgumentException when the suite is not among {@link #suites()}
     */
    SrtpContext createContext(SrtpKeyMaterial keyMaterial, List<CryptoSession> cryptoSessions);

    /**
     * The MIKEY message (RFC 3830 pre-shared-key init, NULL-encrypted KEMAC, as sent over TLS) for a
     * key and its streams, time-stamped now and with fresh random CSB ID and RAND: every call gives
     * different bytes for the same key.
     *
     * @param message the key material and the crypto sessions (SSRC and rollover counter) it applies to
     * @return the encoded message
     * @throws IllegalArgumentException when the suite is not among {@link #suites()}
     */
    byte[] encodeMikey(MikeyMessage message);

    /**
     * Reads a MIKEY message a peer sent, with the checks RTSPS servers apply: version 1, pre-shared-key
     * init; a T payload within one hour of {@code now}; an SP payload for SRTP whose policy names a
     * supported suite with encryption and authentication on; a NULL-encrypted KEMAC with exactly one
     * traffic-encrypting key of the suite's length; nothing after the last payload except one 0x00
     * byte (some cameras pad).
     *
     * @param data the message, base64-decoded
     * @param now the time the T payload is checked against
     * @return the key material and crypto sessions it carries
     * @throws MalformedDataException saying what was wrong; the message starts with
     *         {@code "invalid MIKEY message: "}
     */
    MikeyMessage decodeMikey(byte[] data, Instant now);

    /**
     * {@link #decodeMikey(byte[], Instant)} against the system clock.
     *
     * @param data the message, base64-decoded
     * @return the key material and crypto sessions it carries
     * @throws MalformedDataException saying what was wrong
     */
    default MikeyMessage decodeMikey(byte[] data) {
        return decodeMikey(data, Instant.now());
    }
}
