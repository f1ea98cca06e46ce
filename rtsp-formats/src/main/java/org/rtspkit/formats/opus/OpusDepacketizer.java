package org.rtspkit.formats.opus;

import java.util.function.Consumer;
import org.rtspkit.api.OpusFormat;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.internal.DepacketizerCounters;
import org.rtspkit.formats.internal.RtpReceiver;
import org.rtspkit.formats.internal.SingleUnits;

/**
 * Opus depacketizer (RFC 7587): every payload is one Opus packet, emitted as an access unit. An empty
 * payload is malformed.
 */
public final class OpusDepacketizer implements Depacketizer {
    private final OpusFormat format;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final SingleUnits units;

    /**
     * A depacketizer with the default settings.
     *
     * @param format the format
     */
    public OpusDepacketizer(OpusFormat format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format the format
     * @param settings the largest access unit
     */
    public OpusDepacketizer(OpusFormat format, DepacketizerSettings settings) {
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.units = new SingleUnits(receiver, counters, 1, settings.maxAccessUnitSize());
    }

    @Override
    public OpusFormat format() {
        return format;
    }

    @Override
    public void push(byte[] packet, int offset, int length, Consumer<AccessUnit> sink) {
        if (receiver.accept(packet, offset, length)) {
            units.payload(packet, receiver.payloadOffset(), receiver.payloadLength(), sink);
        }
    }

    @Override
    public void push(RtpPacket packet, Consumer<AccessUnit> sink) {
        if (receiver.accept(packet)) {
            units.payload(packet.payload(), 0, packet.payload().length, sink);
        }
    }

    @Override
    public DepacketizerStats stats() {
        return counters.snapshot();
    }
}
