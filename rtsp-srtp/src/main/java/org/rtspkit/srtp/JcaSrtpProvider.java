package org.rtspkit.srtp;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rtspkit.spi.CryptoSession;
import org.rtspkit.spi.MikeyMessage;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.spi.SrtpProvider;
import org.rtspkit.api.SrtpSuite;

/**
 * SRTP on the JDK's own crypto (JCA): {@code AES/CTR/NoPadding}, {@code SHA-1} for HMAC and
 * {@code AES/GCM/NoPadding}, which use the CPU's AES and SHA instructions through HotSpot
 * intrinsics. Public only because {@link java.util.ServiceLoader} instantiates it; its package is
 * not exported.
 */
public final class JcaSrtpProvider implements SrtpProvider {
    static final String NAME = "jca";

    private static final Set<SrtpSuite> SUITES = Set.copyOf(EnumSet.allOf(SrtpSuite.class));

    // CSB IDs and RAND must not be predictable across servers; one generator serves every message.
    private final SecureRandom random = new SecureRandom();

    /** Called by {@link java.util.ServiceLoader}. */
    public JcaSrtpProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The only SRTP provider we ship; a provider of higher priority (for example one on OpenSSL) replaces it. */
    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Set<SrtpSuite> suites() {
        return SUITES;
    }

    @Override
    public SrtpContext createContext(SrtpKeyMaterial keyMaterial, List<CryptoSession> cryptoSessions) {
        return JcaSrtpContext.create(keyMaterial, cryptoSessions);
    }

    @Override
    public byte[] encodeMikey(MikeyMessage message) {
        return MikeyCodec.encode(message, Instant.now(), random);
    }

    @Override
    public MikeyMessage decodeMikey(byte[] data, Instant now) {
        return MikeyCodec.decode(data, now);
    }
}
