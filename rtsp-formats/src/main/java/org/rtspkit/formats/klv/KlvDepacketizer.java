package org.rtspkit.formats.klv;

import java.util.function.Consumer;
import org.rtspkit.api.Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.internal.DepacketizerCounters;
import org.rtspkit.formats.internal.FrameAssembler;
import org.rtspkit.formats.internal.RtpReceiver;

/**
 * KLV metadata depacketizer (RFC 6597): joins the packets of a KLV unit, from one that starts with a
 * universal label key to the marker bit, and emits it when it is whole KLV items. Malformed: a unit
 * whose items do not add up, a unit that does not start with a key.
 */
public final class KlvDepacketizer implements Depacketizer {
    private final Format format;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final FrameAssembler units;

    /**
     * A depacketizer with the default settings.
     *
     * @param format an {@code SMPTE336M/<rate>} format
     */
    public KlvDepacketizer(Format format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format an {@code SMPTE336M/<rate>} format
     * @param settings the largest unit
     */
    public KlvDepacketizer(Format format, DepacketizerSettings settings) {
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.units = new FrameAssembler(receiver, counters, settings.maxAccessUnitSize(), false);
    }

    @Override
    public Format format() {
        return format;
    }

    @Override
    public void push(byte[] packet, int offset, int length, Consumer<AccessUnit> sink) {
        if (receiver.accept(packet, offset, length)) {
            payload(packet, receiver.payloadOffset(), receiver.payloadLength(), sink);
        }
    }

    @Override
    public void push(RtpPacket packet, Consumer<AccessUnit> sink) {
        if (receiver.accept(packet)) {
            payload(packet.payload(), 0, packet.payload().length, sink);
        }
    }

    @Override
    public DepacketizerStats stats() {
        return counters.snapshot();
    }

    private void payload(byte[] b, int offset, int length, Consumer<AccessUnit> sink) {
        units.packet();
        if (!units.open()) {
            if (!KlvUnits.startsWithKey(b, offset, length)) {
                if (receiver.gap()) {
                    units.orphan();
                } else {
                    units.malformed();
                }
                return;
            }
            units.begin(true);
        }
        units.append(b, offset, length);
        if (receiver.marker()) {
            if (!units.broken() && !units.buffer().oversized()
                    && !KlvUnits.whole(units.buffer().array(), 0, units.buffer().size())) {
                units.malformed();
                return;
            }
            units.finish(sink);
        }
    }
}
