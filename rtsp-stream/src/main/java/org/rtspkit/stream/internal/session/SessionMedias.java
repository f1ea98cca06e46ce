package org.rtspkit.stream.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.spi.PacketSink;

/**
 * The medias a session has set up, in SETUP order, and the application's callbacks for packets of any
 * of them. Thread-safe: SETUP adds, the application and the packet paths read.
 */
final class SessionMedias {
    private static final System.Logger LOG = System.getLogger(SessionMedias.class.getName());

    private final List<SetupMedia> setups = new ArrayList<>();
    private final List<BiConsumer<Media, RtpPacket>> rtpAnyCallbacks = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Media, RtcpPacket>> rtcpAnyCallbacks = new CopyOnWriteArrayList<>();

    synchronized void add(SetupMedia media) {
        setups.add(media);
    }

    synchronized List<SetupMedia> all() {
        return List.copyOf(setups);
    }

    synchronized int count() {
        return setups.size();
    }

    synchronized List<Media> medias() {
        return setups.stream().map(SetupMedia::media).toList();
    }

    /** Whether a media of this index of the stream or announcement is set up already. */
    synchronized boolean contains(int outputIndex) {
        return setups.stream().anyMatch(m -> m.outputIndex() == outputIndex);
    }

    /** The set-up media of one of the application's {@link Media} objects: identity first, then equality. */
    Optional<SetupMedia> of(Media media) {
        List<SetupMedia> all = all();
        for (SetupMedia m : all) {
            if (m.media() == media) {
                return Optional.of(m);
            }
        }
        return all.stream().filter(m -> m.media().equals(media)).findFirst();
    }

    /** The publisher's receiver of a media; fails for a media the session has not set up as a publisher. */
    PublisherMedia inbound(Media media) {
        return of(media).map(SetupMedia::inbound)
                .orElseThrow(() -> new IllegalArgumentException("the media has not been set up by this session"));
    }

    /** The index a media's packets travel under in the session's output. */
    int outputIndex(Media media) {
        return of(media).map(SetupMedia::outputIndex)
                .orElseThrow(() -> new IllegalArgumentException("the media has not been set up by this session"));
    }

    /** The sinks the session's output sends through: one per media index, null for a media not set up. */
    PacketSink[] sinks(int mediaCount) {
        PacketSink[] sinks = new PacketSink[mediaCount];
        for (SetupMedia m : all()) {
            sinks[m.outputIndex()] = m.binding().sink();
        }
        return sinks;
    }

    /** PLAY or RECORD: the transports accept the client's packets (and open firewalls for RECORD). */
    void startBindings() {
        all().forEach(m -> m.binding().start());
    }

    /** PAUSE: the transports stop accepting the client's packets. */
    void stopBindings() {
        all().forEach(m -> m.binding().stop());
    }

    /** The session ended: the transports release what they hold for it. */
    void closeBindings() {
        for (SetupMedia m : all()) {
            try {
                m.binding().close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing a media binding", e);
            }
        }
    }

    List<BiConsumer<Media, RtpPacket>> rtpAnyCallbacks() {
        return rtpAnyCallbacks;
    }

    List<BiConsumer<Media, RtcpPacket>> rtcpAnyCallbacks() {
        return rtcpAnyCallbacks;
    }
}
