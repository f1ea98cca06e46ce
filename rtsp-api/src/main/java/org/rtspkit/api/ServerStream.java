package org.rtspkit.api;

import java.time.Instant;

/**
 * One source of media that any number of readers play. The application writes RTP and RTCP packets;
 * each packet is encoded once and delivered to every active reader of its media. Thread-safe.
 * Medias are the elements of {@link #description()}{@code .medias()}.
 */
public interface ServerStream extends AutoCloseable {
    /**
     * What the stream serves, as the last {@link #reloadDescription} left it.
     *
     * @return the description
     */
    SessionDescription description();

    /**
     * Delivers an RTP packet, timestamped with the server clock's current time for sender reports.
     * The packet's SSRC is replaced by the stream's SSRC for its format.
     *
     * @param media one of the stream's medias
     * @param packet the packet to deliver
     * @throws StreamClosedException after {@link #close()}
     * @throws IllegalArgumentException when the media is not part of this stream, the payload type is
     *         not one of its formats, or the packet exceeds the server's maximum packet size
     */
    void writePacketRtp(Media media, RtpPacket packet);

    /**
     * As {@link #writePacketRtp(Media, RtpPacket)}, with the wall-clock time the packet was sampled at.
     *
     * @param media one of the stream's medias
     * @param packet the packet to deliver
     * @param ntpTime when the packet's content was sampled
     */
    void writePacketRtp(Media media, RtpPacket packet, Instant ntpTime);

    /**
     * Delivers an RTCP packet to every active reader of the media.
     *
     * @param media one of the stream's medias
     * @param packet the packet
     */
    void writePacketRtcp(Media media, RtcpPacket packet);

    /**
     * The stream's counters.
     *
     * @return a snapshot of the counters
     */
    StreamStats stats();

    /**
     * Replaces format parameters (for example H264 SPS/PPS) shown to later DESCRIBE requests. The
     * updated description must have the same medias and payload types; current readers are unaffected.
     *
     * @param updated the new description
     */
    void reloadDescription(SessionDescription updated);

    /** Ends every reader session of this stream; later writes fail. Idempotent. */
    @Override
    void close();

    /**
     * Whether {@link #close()} was called, by the application or by the server closing.
     *
     * @return true once closed
     */
    boolean isClosed();
}
