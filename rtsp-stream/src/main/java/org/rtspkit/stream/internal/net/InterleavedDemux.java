package org.rtspkit.stream.internal.net;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rtspkit.protocol.rtsp.ProtocolException;
import org.rtspkit.spi.ControlChannel.InterleavedReceiver;

/**
 * Where a connection's interleaved frames go: to the receiver registered for their channel while the
 * connection is in media mode (TCP PLAY or RECORD); a frame before that ends the connection.
 * Receivers are registered from any thread; frames arrive on the connection's loop.
 */
final class InterleavedDemux {
    private final Map<Integer, InterleavedReceiver> receivers = new ConcurrentHashMap<>();
    private volatile boolean mediaMode;

    void mediaMode(boolean on) {
        this.mediaMode = on;
    }

    void register(int channel, InterleavedReceiver receiver) {
        receivers.put(channel, receiver);
    }

    void remove(int channel) {
        receivers.remove(channel);
    }

    /** Frames on a channel nobody registered are dropped. */
    void frame(int channel, byte[] data, int offset, int length) {
        if (!mediaMode) {
            throw new ProtocolException(400, "received unexpected interleaved frame");
        }
        InterleavedReceiver receiver = receivers.get(channel);
        if (receiver != null) {
            receiver.frame(data, offset, length);
        }
    }

    void clear() {
        receivers.clear();
    }
}
