package org.rtspkit.formats.g711;

import java.util.function.Consumer;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.internal.DepacketizerCounters;
import org.rtspkit.formats.internal.RtpReceiver;
import org.rtspkit.formats.internal.SingleUnits;

/**
 * G.711 depacketizer (PCMU and PCMA): every payload is emitted as a block of samples. A payload that
 * is empty or not a whole number of sample frames (a byte per channel) is malformed.
 */
public final class G711Depacketizer implements Depacketizer {
    private final G711Format format;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final SingleUnits units;

    /**
     * A depacketizer with the default settings.
     *
     * @param format the format
     */
    public G711Depacketizer(G711Format format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format the format
     * @param settings the largest access unit
     */
    public G711Depacketizer(G711Format format, DepacketizerSettings settings) {
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.units = new SingleUnits(receiver, counters, format.channelCount(), settings.maxAccessUnitSize());
    }

    @Override
    public G711Format format() {
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
