package org.rtspkit.transport.udp;

import java.io.IOException;
import java.util.Optional;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.MediaTransport;
import org.rtspkit.spi.TransportProvider;

/**
 * UDP unicast ({@code RTP/AVP;unicast;client_port=a-b}). Public only because {@link java.util.ServiceLoader}
 * instantiates it; its package is not exported.
 */
public final class UdpTransportProvider implements TransportProvider {
    static final String NAME = "udp";

    /** Called by {@link java.util.ServiceLoader}. */
    public UdpTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The only UDP unicast provider we ship; a provider of higher priority replaces it. */
    @Override
    public int priority() {
        return 0;
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.UDP;
    }

    /**
     * Binds the shared RTP and RTCP sockets and starts their receive thread; empty when the
     * configuration has no UDP addresses.
     *
     * @throws IllegalArgumentException when the RTP port is odd or the RTCP port is not the next one
     * @throws IOException              when a socket cannot be bound or its read buffer cannot be set
     */
    @Override
    public Optional<MediaTransport> open(ServerConfig config) throws IOException {
        if (!config.udpEnabled()) {
            return Optional.empty();
        }
        return Optional.of(UdpMediaTransport.open(config));
    }
}
