package org.rtspkit.formats.mpegts;

import java.util.Arrays;
import java.util.function.Consumer;
import org.rtspkit.api.Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.internal.DepacketizerCounters;
import org.rtspkit.formats.internal.RtpReceiver;

/**
 * MPEG-2 transport stream depacketizer (RFC 2250 §2): every payload is emitted as the TS packets it
 * holds (a unit is a run of 188-byte packets, not a picture; demultiplexing is the reader's job).
 * Malformed: a payload that is not whole TS packets each starting with the sync byte 0x47.
 */
public final class MpegTsDepacketizer implements Depacketizer {
    private final Format format;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final int maxUnitSize;

    /**
     * A depacketizer with the default settings.
     *
     * @param format an {@code MP2T/90000} format
     */
    public MpegTsDepacketizer(Format format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format an {@code MP2T/90000} format
     * @param settings the largest unit
     */
    public MpegTsDepacketizer(Format format, DepacketizerSettings settings) {
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.maxUnitSize = settings.maxAccessUnitSize();
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
        boolean whole = length > 0 && length % MpegTsPacketizer.TS_PACKET_SIZE == 0;
        for (int i = offset; whole && i < offset + length; i += MpegTsPacketizer.TS_PACKET_SIZE) {
            whole = (b[i] & 0xFF) == MpegTsPacketizer.SYNC_BYTE;
        }
        if (!whole) {
            counters.packetsMalformed++;
            counters.unitsBroken++;
            return;
        }
        if (length > maxUnitSize) {
            counters.unitsOversized++;
            return;
        }
        long ts = receiver.timestamp();
        counters.accessUnits++;
        sink.accept(new AccessUnit(ts, receiver.presentationTime(ts), true, Arrays.copyOfRange(b, offset, offset + length)));
    }
}
