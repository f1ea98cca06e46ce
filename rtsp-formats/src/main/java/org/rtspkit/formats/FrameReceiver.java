package org.rtspkit.formats;

import java.util.Objects;
import java.util.function.Consumer;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.ServerSession;

/**
 * Hands an application the whole access units a publisher sends in one format of one media, rebuilt
 * from its RTP packets by the format's {@link Depacketizer}: what is lost or malformed is dropped and
 * counted in {@link #stats()}, never delivered half.
 *
 * <p>Attach it in {@code ServerHandler.onRecord} (where {@code ServerSession.onPacketRtp} is
 * registered). Units reach the consumer on a server thread, in the order their packets arrived
 * (decoding order for video).
 */
public final class FrameReceiver {
    private final Depacketizer depacketizer;
    private final Consumer<AccessUnit> units;

    private FrameReceiver(Depacketizer depacketizer, Consumer<AccessUnit> units) {
        this.depacketizer = depacketizer;
        this.units = units;
    }

    /**
     * Receives the units of a publisher's format with {@link DepacketizerSettings#defaults()}.
     *
     * @param publisher the publishing session
     * @param media one of its announced medias
     * @param format the format of {@code media} to receive
     * @param units called with each whole unit, on a server thread
     * @return the receiver, for its counters and format
     * @throws IllegalArgumentException when this module has no depacketizer for the format
     */
    public static FrameReceiver attach(ServerSession publisher, Media media, Format format, Consumer<AccessUnit> units) {
        return attach(publisher, media, format, DepacketizerSettings.defaults(), units);
    }

    /**
     * Receives the units of a publisher's format.
     *
     * @param publisher the publishing session
     * @param media one of its announced medias
     * @param format the format of {@code media} to receive
     * @param settings the largest unit assembled, and whether video waits for a random-access point
     * @param units called with each whole unit, on a server thread
     * @return the receiver, for its counters and format
     * @throws IllegalArgumentException when this module has no depacketizer for the format
     */
    public static FrameReceiver attach(ServerSession publisher, Media media, Format format,
                                       DepacketizerSettings settings, Consumer<AccessUnit> units) {
        Objects.requireNonNull(units, "units");
        Depacketizer depacketizer = PayloadFormats.depacketizer(format, settings).orElseThrow(
                () -> new IllegalArgumentException("no depacketizer for " + format.rtpMap() + " (payload type "
                        + format.payloadType() + ")"));
        FrameReceiver receiver = new FrameReceiver(depacketizer, units);
        publisher.onPacketRtp(media, format, receiver::push);
        return receiver;
    }

    // A transport delivers a media's packets on one thread, but nothing promises which: the lock keeps
    // the depacketizer, which is not thread-safe, consistent if that thread changes.
    private synchronized void push(RtpPacket packet) {
        depacketizer.push(packet, units);
    }

    /**
     * The format received, with the latest parameter sets the units carried in band (H264, H265).
     *
     * @return the format
     */
    public synchronized Format format() {
        return depacketizer.format();
    }

    /**
     * What was received and dropped so far.
     *
     * @return a snapshot of the counters
     */
    public synchronized DepacketizerStats stats() {
        return depacketizer.stats();
    }
}
