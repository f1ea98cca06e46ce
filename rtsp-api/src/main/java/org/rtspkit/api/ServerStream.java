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
     * Delivers an RTP packet already marshalled in a buffer (as a packetizer writes it), timestamped
     * with the server clock's current time for sender reports. The bytes are copied into the stream's
     * own packet before this returns, so the caller may reuse the buffer at once; nothing is allocated
     * per packet. The packet's SSRC is replaced by the stream's SSRC for its format.
     *
     * @param media one of the stream's medias
     * @param packet the buffer holding the packet: the RTP header, its CSRCs and extension, the payload
     *        and any padding
     * @param offset where the packet starts
     * @param length the packet's size in bytes
     * @throws StreamClosedException after {@link #close()}
     * @throws MalformedDataException when the bytes are not an RTP version 2 packet (too short for its
     *         header, or padding longer than what follows the header)
     * @throws IllegalArgumentException when the media is not part of this stream, the payload type is
     *         not one of its formats, or the packet exceeds the server's maximum packet size
     */
    void writePacketRtp(Media media, byte[] packet, int offset, int length);

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

    /**
     * Replaces one format of one media (for example H264 with new SPS/PPS seen in band) in what later
     * DESCRIBE requests are shown, keeping every other media and format as the last reload left them.
     * Current readers are unaffected. Safe to call from several writers of one stream at once.
     *
     * @param media one of the stream's medias
     * @param updated the new format; its payload type must be one of the media's
     * @throws IllegalArgumentException when the media is not part of this stream or has no format with
     *         that payload type
     */
    void reloadFormat(Media media, Format updated);

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
