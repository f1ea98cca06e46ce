package org.rtspkit.api;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A started RTSP server. Obtain one from the engine ({@code org.rtspkit.stream.RtspServers}). */
public interface RtspServer extends AutoCloseable {
    /**
     * Creates a stream that readers of this server can play. Throws {@link RtspkitException} when the
     * server is closed or the description cannot be served (H264 packetization-mode 0).
     *
     * @param description the medias and formats the stream serves
     * @return the stream, open until it or the server is closed
     */
    ServerStream createStream(SessionDescription description);

    /**
     * As {@link #createStream(SessionDescription)}, with the multicast group and ports of some medias
     * chosen by the application instead of allocated from the server's range.
     *
     * @param description the medias and formats the stream serves
     * @param multicastGroups the group and ports of each media listed; other medias get theirs from the server's range
     * @return the stream, open until it or the server is closed
     */
    ServerStream createStream(SessionDescription description, Map<Media, MulticastParams> multicastGroups);

    /**
     * The address the RTSP listener is bound to (with the real port when 0 was asked).
     *
     * @return the bound address
     */
    InetSocketAddress rtspAddress();

    /**
     * The bound UDP RTP address, when UDP unicast is on.
     *
     * @return the bound address, or empty when UDP unicast is off
     */
    Optional<InetSocketAddress> udpRtpAddress();

    /**
     * Names of the transports serving this server (for example {@code tcp}, {@code udp}).
     *
     * @return the names of the transports in use
     */
    Set<String> transports();

    /**
     * The configuration the server was started with.
     *
     * @return the configuration
     */
    ServerConfig config();

    /** Stops listening, closes every connection, session and stream, and releases every port. Idempotent. */
    @Override
    void close();
}
