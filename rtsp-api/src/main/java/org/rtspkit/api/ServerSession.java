package org.rtspkit.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** An RTSP session: a reader (SETUP/PLAY) or a publisher (ANNOUNCE/SETUP/RECORD). Getters are thread-safe. */
public interface ServerSession {
    /** 32 lowercase hex characters. */
    String id();

    SessionState state();

    /** The stream a reader plays, once set up. */
    Optional<ServerStream> stream();

    String path();

    String query();

    /** What a publisher announced. */
    Optional<SessionDescription> announcedDescription();

    /** Medias set up so far, in SETUP order. */
    List<Media> setupMedias();

    /** Null before the first SETUP. */
    SessionTransport transport();

    SessionStats stats();

    void setUserData(Object data);

    Object userData();

    /** Receives a publisher's RTP packets of one format; register in {@code onRecord}. */
    void onPacketRtp(Media media, Format format, Consumer<RtpPacket> callback);

    /** Receives every RTP packet of a publisher. */
    void onPacketRtpAny(BiConsumer<Media, RtpPacket> callback);

    void onPacketRtcp(Media media, Consumer<RtcpPacket> callback);

    void onPacketRtcpAny(BiConsumer<Media, RtcpPacket> callback);

    /** Sends RTCP to the client (queued, delivered in order with other traffic). */
    void writePacketRtcp(Media media, RtcpPacket packet);

    /** The wall-clock time of a publisher's packet, derived from its sender reports; empty before the first one. */
    Optional<Instant> packetNtp(Media media, RtpPacket packet);

    /** Closes the session and its connections. Idempotent. */
    void close();
}
