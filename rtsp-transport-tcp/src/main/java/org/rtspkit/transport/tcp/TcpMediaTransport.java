package org.rtspkit.transport.tcp;

import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.BindRequest;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.MediaTransport;
import org.rtspkit.spi.PortPair;
import org.rtspkit.spi.TransportSpec;

/** Binds medias to channel ids of their session's RTSP connection. Holds no state, so it is trivially thread-safe. */
final class TcpMediaTransport implements MediaTransport {
    @Override
    public String name() {
        return TcpTransportProvider.NAME;
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.TCP;
    }

    @Override
    public MediaBinding bind(BindRequest request) {
        TransportSpec offer = request.offer();
        if (offer.protocol() != TransportProtocol.TCP) {
            throw new IllegalArgumentException("the TCP transport cannot serve a " + offer.protocol() + " offer");
        }
        int rtpChannel = InterleavedIds.choose(offer.interleaved(), request.channelsInUse());
        TransportSpec reply = new TransportSpec(TransportProtocol.TCP, offer.profile(), null, null,
                new PortPair(rtpChannel, rtpChannel + 1), null, null, null, null, null, null);
        return new TcpBinding(request.control(), request.inbound(), reply, rtpChannel);
    }

    /** Nothing to release: the connections belong to the engine. */
    @Override
    public void close() {
    }
}
