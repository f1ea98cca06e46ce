package org.rtspkit.spi;

import java.io.IOException;
import java.util.Optional;
import org.rtspkit.api.ServerConfig;

/**
 * A named factory of UDP multicast delivery, found through {@link java.util.ServiceLoader} (use
 * {@link MulticastProviders} rather than loading it yourself).
 */
public interface MulticastProvider {
    /**
     * Short lower-case name used in messages and logs, for example {@code multicast}.
     *
     * @return the name
     */
    String name();

    /**
     * Among multicast providers, the highest priority is used; others are ignored.
     *
     * @return the priority; higher wins
     */
    int priority();

    /**
     * Checks the multicast settings of {@code config} and opens the server-wide part of multicast
     * (the group allocator and the thread that receives readers' RTCP). Empty when none of
     * {@code multicastIpRange}, {@code multicastRtpPort} and {@code multicastRtcpPort} is set.
     *
     * @param config the server's configuration
     * @return the service, owned by the server from now on; empty when multicast is not configured
     * @throws IllegalArgumentException when the settings are inconsistent: only some of the three set,
     *         an odd RTP port, an RTCP port that is not the RTP port + 1, a range that is not an IPv4
     *         multicast network, a TTL outside 0..255, or a named interface that does not exist; the
     *         message names the setting
     * @throws IOException when no interface can carry multicast ({@code "no multicast-capable
     *         interfaces found"}) or the named interface is down; the server does not start
     */
    Optional<MulticastService> open(ServerConfig config) throws IOException;
}
