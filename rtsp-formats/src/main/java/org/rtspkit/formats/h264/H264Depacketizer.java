package org.rtspkit.formats.h264;

import java.util.function.Consumer;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.internal.DepacketizerCounters;
import org.rtspkit.formats.internal.NalDepacketizer;
import org.rtspkit.formats.internal.NalSyntax;
import org.rtspkit.formats.internal.RtpReceiver;

/**
 * H.264 depacketizer (RFC 6184, single NAL unit and non-interleaved modes: single NAL unit packets,
 * STAP-A, FU-A). Emits each access unit as Annex-B, every NAL unit after a 4-byte start code; a unit is
 * random-access when it holds an IDR slice. An access unit ends at the marker bit or at a packet with
 * another timestamp.
 *
 * <p>Dropped and counted as malformed: FU-A without data, a fragment without its start or a start
 * without its end, STAP-A whose lengths overrun the packet, the interleaved-mode types (STAP-B, MTAP,
 * FU-B) and the reserved ones; the access unit they were part of is dropped with them.
 */
public final class H264Depacketizer implements Depacketizer {
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final NalDepacketizer depacketizer;
    private H264Format format;
    private int formatVersion;

    /**
     * A depacketizer with the default settings.
     *
     * @param format the format of the packets
     */
    public H264Depacketizer(H264Format format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format the format of the packets
     * @param settings the largest access unit, and whether to wait for IDR pictures
     */
    public H264Depacketizer(H264Format format, DepacketizerSettings settings) {
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.depacketizer = new NalDepacketizer(NalSyntax.H264, receiver, counters, settings, false);
    }

    /**
     * The format, with the latest SPS and PPS an emitted access unit carried: a new value when they changed.
     *
     * @return the format
     */
    @Override
    public H264Format format() {
        if (formatVersion != depacketizer.parameterSetsVersion()) {
            formatVersion = depacketizer.parameterSetsVersion();
            byte[] sps = depacketizer.parameterSet(1);
            byte[] pps = depacketizer.parameterSet(2);
            format = format.withParameterSets(sps != null ? sps : format.sps(), pps != null ? pps : format.pps());
        }
        return format;
    }

    @Override
    public void push(byte[] packet, int offset, int length, Consumer<AccessUnit> sink) {
        if (receiver.accept(packet, offset, length)) {
            depacketizer.payload(packet, receiver.payloadOffset(), receiver.payloadLength(), sink);
        }
    }

    @Override
    public void push(RtpPacket packet, Consumer<AccessUnit> sink) {
        if (receiver.accept(packet)) {
            depacketizer.payload(packet.payload(), 0, packet.payload().length, sink);
        }
    }

    @Override
    public DepacketizerStats stats() {
        return counters.snapshot();
    }
}
