package org.rtspkit.formats.g722;

import java.util.function.Consumer;
import org.rtspkit.api.Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.internal.DepacketizerCounters;
import org.rtspkit.formats.internal.RtpReceiver;
import org.rtspkit.formats.internal.SingleUnits;

/**
 * G.722 depacketizer: every payload is emitted as a block of codewords. A payload that is empty or not
 * a whole number of sample frames (a byte per channel) is malformed.
 */
public final class G722Depacketizer implements Depacketizer {
    private final Format format;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final SingleUnits units;

    /**
     * A depacketizer with the default settings.
     *
     * @param format a {@code G722/8000} format
     */
    public G722Depacketizer(Format format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format a {@code G722/8000} format
     * @param settings the largest access unit
     */
    public G722Depacketizer(Format format, DepacketizerSettings settings) {
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.units = new SingleUnits(receiver, counters, channels(format), settings.maxAccessUnitSize());
    }

    /** Channels from the rtpmap ({@code G722/8000/2}); 1 without. */
    static int channels(Format format) {
        String rtpMap = format.rtpMap();
        String[] parts = rtpMap == null ? new String[0] : rtpMap.split("/");
        if (parts.length > 2) {
            try {
                return Math.max(1, Integer.parseInt(parts[2].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("G.722 rtpmap with a bad channel count: " + rtpMap, e);
            }
        }
        return 1;
    }

    @Override
    public Format format() {
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
