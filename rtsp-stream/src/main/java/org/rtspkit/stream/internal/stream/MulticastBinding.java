package org.rtspkit.stream.internal.stream;

import java.util.Set;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.spi.TransportSpec;

/**
 * A multicast reader's media: nothing is sent to the reader itself (the stream's group carries its
 * packets), and its RTCP arrives on the group's socket, matched to the session by address.
 */
public record MulticastBinding(TransportSpec reply) implements MediaBinding {
    @Override
    public PacketSink sink() {
        return null;
    }

    @Override
    public Set<Integer> channels() {
        return Set.of();
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public void close() {
    }
}
