package org.rtspkit.spi;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Set;

/**
 * One media's SETUP as a transport sees it.
 *
 * @param record        true for a publisher (RECORD), false for a reader (PLAY)
 * @param offer         the client's transport choice, already matched to this transport's protocol
 * @param remote        the RTSP connection's remote address (UDP sends go to its IP)
 * @param control       the RTSP connection, for transports that share it
 * @param channelsInUse interleaved channels the session already uses
 * @param inbound       where packets from the client go
 * @param maxPacketSize the server's maximum packet size
 */
public record BindRequest(boolean record, TransportSpec offer, InetSocketAddress remote, ControlChannel control,
                          Set<Integer> channelsInUse, InboundPackets inbound, int maxPacketSize) {
    /**
     * Checks that the required components are present and copies the channel set.
     *
     * @param record true for a publisher (RECORD), false for a reader (PLAY)
     * @param offer the client's transport choice, already matched to this transport's protocol
     * @param remote the RTSP connection's remote address (UDP sends go to its IP)
     * @param control the RTSP connection, for transports that share it
     * @param channelsInUse interleaved channels the session already uses
     * @param inbound where packets from the client go
     * @param maxPacketSize the server's maximum packet size
     */
    public BindRequest {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(control, "control");
        channelsInUse = Set.copyOf(channelsInUse);
        Objects.requireNonNull(inbound, "inbound");
    }
}
