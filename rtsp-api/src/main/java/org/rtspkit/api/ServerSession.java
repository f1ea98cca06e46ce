package org.rtspkit.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** An RTSP session: a reader (SETUP/PLAY) or a publisher (ANNOUNCE/SETUP/RECORD). Getters are thread-safe. */
public interface ServerSession {
    /**
     * 32 lowercase hex characters.
     *
     * @return the session id
     */
    String id();

    /**
     * Where the session is in the RTSP state machine.
     *
     * @return the state
     */
    SessionState state();

    /**
     * The stream a reader plays, once set up.
     *
     * @return the stream, or empty for a publisher or before SETUP
     */
    Optional<ServerStream> stream();

    /**
     * The path of the request URL that created the session, without the query.
     *
     * @return the path, for example {@code /mystream}
     */
    String path();

    /**
     * The query of the request URL that created the session.
     *
     * @return the query without {@code ?}, or an empty string
     */
    String query();

    /**
     * What a publisher announced.
     *
     * @return the description, or empty for a reader
     */
    Optional<SessionDescription> announcedDescription();

    /**
     * Medias set up so far, in SETUP order.
     *
     * @return the medias
     */
    List<Media> setupMedias();

    /**
     * The transport negotiated at the first SETUP.
     * Null before the first SETUP.
     *
     * @return the transport, or null
     */
    SessionTransport transport();

    /**
     * The session's counters.
     *
     * @return a snapshot of the counters
     */
    SessionStats stats();

    /**
     * Attaches an application object to the session.
     *
     * @param data the object, or null to remove it
     */
    void setUserData(Object data);

    /**
     * The object attached with {@link #setUserData(Object)}.
     *
     * @return the object, or null
     */
    Object userData();

    /**
     * Receives a publisher's RTP packets of one format; register in {@code onRecord}.
     *
     * @param media the announced media
     * @param format the format of that media whose packets to receive
     * @param callback called on a server thread with each packet
     */
    void onPacketRtp(Media media, Format format, Consumer<RtpPacket> callback);

    /**
     * Receives every RTP packet of a publisher.
     *
     * @param callback called on a server thread with each packet and its media
     */
    void onPacketRtpAny(BiConsumer<Media, RtpPacket> callback);

    /**
     * Receives the client's RTCP packets of one media.
     *
     * @param media a media set up in this session
     * @param callback called on a server thread with each packet
     */
    void onPacketRtcp(Media media, Consumer<RtcpPacket> callback);

    /**
     * Receives every RTCP packet of the client.
     *
     * @param callback called on a server thread with each packet and its media
     */
    void onPacketRtcpAny(BiConsumer<Media, RtcpPacket> callback);

    /**
     * Sends RTCP to the client (queued, delivered in order with other traffic).
     *
     * @param media a media set up in this session
     * @param packet the packet
     */
    void writePacketRtcp(Media media, RtcpPacket packet);

    /**
     * The wall-clock time of a publisher's packet, derived from its sender reports; empty before the first one.
     *
     * @param media the announced media the packet belongs to
     * @param packet a packet received from the publisher
     * @return when the packet was sampled, or empty
     */
    Optional<Instant> packetNtp(Media media, RtpPacket packet);

    /** Closes the session and its connections. Idempotent. */
    void close();
}
