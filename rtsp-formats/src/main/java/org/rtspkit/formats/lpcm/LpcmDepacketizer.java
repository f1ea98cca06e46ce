package org.rtspkit.formats.lpcm;

import java.util.function.Consumer;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.internal.DepacketizerCounters;
import org.rtspkit.formats.internal.RtpReceiver;
import org.rtspkit.formats.internal.SingleUnits;

/**
 * LPCM depacketizer (L8, L16, L24): every payload is emitted as a block of samples, as it was on the
 * wire. A payload that is empty or not a whole number of sample frames is malformed.
 */
public final class LpcmDepacketizer implements Depacketizer {
    private final GenericFormat format;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final SingleUnits units;

    /**
     * A depacketizer with the default settings.
     *
     * @param format an L8, L16 or L24 format
     * @throws IllegalArgumentException when the format is not LPCM
     */
    public LpcmDepacketizer(GenericFormat format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format an L8, L16 or L24 format
     * @param settings the largest access unit
     * @throws IllegalArgumentException when the format is not LPCM
     */
    public LpcmDepacketizer(GenericFormat format, DepacketizerSettings settings) {
        LpcmParameters parameters = LpcmParameters.fromFormat(format);
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.units = new SingleUnits(receiver, counters, parameters.frameSize(), settings.maxAccessUnitSize());
    }

    @Override
    public GenericFormat format() {
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
