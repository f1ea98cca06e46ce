package org.rtspkit.client;

import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.TransportProtocol;

/**
 * What a client tells the application. Every method is optional.
 *
 * <p>Packet callbacks run on the thread that received the packet (one per UDP socket, or the RTSP
 * connection's reader for TCP), never concurrently for one media's RTP; they should return quickly.
 * RTP packets of a format arrive in sequence order: over UDP a bounded window
 * ({@link ClientConfig#reorderWindow()}) puts late packets back in order and drops duplicates.
 *
 * <p>Access units: a depacketizer (for example one of the {@code rtsp-formats} module) is fed from
 * {@link #onPacketRtp}, per media and format, and can tell a lost packet from
 * {@link #onPacketsLost}; it needs nothing else from the client.
 */
public interface ClientHandler {
    /**
     * An RTP packet, decrypted when SRTP is in use, in sequence order per format.
     *
     * @param media the media it belongs to (an element of the described or announced session)
     * @param format the format of its payload type
     * @param packet the packet
     */
    default void onPacketRtp(Media media, Format format, RtpPacket packet) {
    }

    /**
     * An RTCP packet from the server (each packet of a compound one), decrypted when SRTP is in use.
     *
     * @param media the media it belongs to
     * @param packet the packet
     */
    default void onPacketRtcp(Media media, RtcpPacket packet) {
    }

    /**
     * Sequence numbers were skipped: those packets will not come.
     *
     * @param media the media
     * @param format the format
     * @param lost how many packets are missing
     */
    default void onPacketsLost(Media media, Format format, long lost) {
    }

    /**
     * Something arrived that could not be decoded (a bad RTP or RTCP packet, an unknown payload type,
     * an SRTP packet that failed authentication); it was dropped and the session goes on.
     *
     * @param media the media, or null when it could not be told
     * @param error what was wrong
     */
    default void onDecodeError(Media media, Exception error) {
    }

    /**
     * With {@link TransportMode#AUTO}, the client moved from UDP to TCP.
     *
     * @param from the transport given up
     * @param to the transport now in use
     * @param reason why
     */
    default void onTransportChange(TransportProtocol from, TransportProtocol to, String reason) {
    }

    /**
     * The client closed: by {@link RtspClient#close()} (error null) or because the session failed
     * (the server closed the connection, stopped sending, refused a keep-alive...). Called once.
     *
     * @param error why the session failed, or null
     */
    default void onClose(RtspClientException error) {
    }
}
