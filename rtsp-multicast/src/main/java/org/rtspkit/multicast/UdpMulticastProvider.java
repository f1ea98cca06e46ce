package org.rtspkit.multicast;

import java.io.IOException;
import java.util.Optional;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.spi.MulticastProvider;
import org.rtspkit.spi.MulticastService;

/**
 * UDP multicast ({@code RTP/AVP;multicast;destination=...;port=...}). Public only because
 * {@link java.util.ServiceLoader} instantiates it; its package is not exported.
 */
public final class UdpMulticastProvider implements MulticastProvider {
    static final String NAME = "multicast";

    /** Called by {@link java.util.ServiceLoader}. */
    public UdpMulticastProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The only multicast provider we ship; a provider of higher priority replaces it. */
    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<MulticastService> open(ServerConfig config) throws IOException {
        Optional<MulticastSettings> settings = MulticastSettings.from(config);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(UdpMulticastService.open(settings.get()));
    }
}
