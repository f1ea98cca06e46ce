package org.rtspkit.formats.h265;

import java.util.function.Consumer;
import org.rtspkit.api.H265Format;
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
 * H.265 depacketizer (RFC 7798: single NAL unit packets, AP, FU; with the DONL and DOND fields when the
 * format's {@code sprop-max-don-diff} is above 0, packets being taken in transmission order). Emits each
 * access unit as Annex-B, every NAL unit after a 4-byte start code; a unit is random-access when it
 * holds an IRAP picture (BLA, IDR, CRA). An access unit ends at the marker bit or at a packet with
 * another timestamp.
 *
 * <p>Dropped and counted as malformed: FU without data, a fragment without its start or a start without
 * its end, AP whose lengths overrun the packet, PACI packets and the unspecified types; the access unit
 * they were part of is dropped with them.
 */
public final class H265Depacketizer implements Depacketizer {
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final NalDepacketizer depacketizer;
    private H265Format format;
    private int formatVersion;

    /**
     * A depacketizer with the default settings.
     *
     * @param format the format of the packets
     */
    public H265Depacketizer(H265Format format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format the format of the packets
     * @param settings the largest access unit, and whether to wait for IRAP pictures
     */
    public H265Depacketizer(H265Format format, DepacketizerSettings settings) {
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.depacketizer = new NalDepacketizer(NalSyntax.H265, receiver, counters, settings, format.maxDonDiff() > 0);
    }

    /**
     * The format, with the latest VPS, SPS and PPS an emitted access unit carried: a new value when they
     * changed.
     *
     * @return the format
     */
    @Override
    public H265Format format() {
        if (formatVersion != depacketizer.parameterSetsVersion()) {
            formatVersion = depacketizer.parameterSetsVersion();
            format = format.withParameterSets(or(depacketizer.parameterSet(0), format.vps()),
                    or(depacketizer.parameterSet(1), format.sps()), or(depacketizer.parameterSet(2), format.pps()));
        }
        return format;
    }

    private static byte[] or(byte[] a, byte[] b) {
        return a != null ? a : b;
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
