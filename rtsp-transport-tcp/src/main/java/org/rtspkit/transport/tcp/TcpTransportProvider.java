package org.rtspkit.transport.tcp;

import java.util.Optional;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.MediaTransport;
import org.rtspkit.spi.TransportProvider;

/**
 * TCP interleaved ({@code RTP/AVP/TCP;unicast;interleaved=a-b}). Public only because
 * {@link java.util.ServiceLoader} instantiates it; its package is not exported.
 */
public final class TcpTransportProvider implements TransportProvider {
    static final String NAME = "tcp";

    /** Called by {@link java.util.ServiceLoader}. */
    public TcpTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The only TCP interleaved provider we ship; a provider of higher priority replaces it. */
    @Override
    public int priority() {
        return 0;
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.TCP;
    }

    /** Always present: media shares the RTSP connection, so there is nothing to open or configure. */
    @Override
    public Optional<MediaTransport> open(ServerConfig config) {
        return Optional.of(new TcpMediaTransport());
    }
}
