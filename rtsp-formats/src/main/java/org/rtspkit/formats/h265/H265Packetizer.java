package org.rtspkit.formats.h265;

import org.rtspkit.api.H265Format;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.NalPacketizer;
import org.rtspkit.formats.internal.NalSyntax;
import org.rtspkit.formats.internal.NalUnitList;
import org.rtspkit.formats.internal.ParameterSets;
import org.rtspkit.formats.internal.RtpPacketWriter;

/**
 * H.265 packetizer (RFC 7798). An access unit is Annex-B: its NAL units each after a 3- or 4-byte start
 * code, in decoding order. A NAL unit that fits the payload goes alone or aggregated with the small
 * ones after it (AP), a larger one in fragments (FU); the last packet of each access unit carries the
 * marker bit. Decoding order numbers are not sent, so the format's {@code sprop-max-don-diff} must be 0.
 *
 * <p>Parameter sets travel in band: a VPS, SPS or PPS in an access unit is sent as it is, and becomes
 * the one {@link #format()} describes. By default an IRAP access unit that comes without them gets the
 * latest ones inserted before its first slice. Allocates nothing per packet.
 */
public final class H265Packetizer implements Packetizer {
    /** The smallest {@code maxPayloadSize}: a payload header, an FU header and a byte of data. */
    public static final int MIN_PAYLOAD_SIZE = 4;

    private final RtpPacketWriter writer;
    private final NalPacketizer packetizer;
    private final NalUnitList nals = new NalUnitList();
    private final ParameterSets parameterSets;
    private final boolean repeatParameterSets;
    private H265Format format;
    private int formatVersion;

    /**
     * A packetizer that repeats the parameter sets before IRAP pictures that lack them.
     *
     * @param format the format: payload type and the parameter sets known so far
     * @param settings the largest payload and the first header values
     * @throws IllegalArgumentException when the format asks for decoding order numbers, or the payload is too small
     */
    public H265Packetizer(H265Format format, PacketizerSettings settings) {
        this(format, settings, true);
    }

    /**
     * A packetizer.
     *
     * @param format the format: payload type and the parameter sets known so far
     * @param settings the largest payload and the first header values
     * @param repeatParameterSets whether an IRAP access unit without a VPS, SPS or PPS gets the latest ones
     * @throws IllegalArgumentException when the format asks for decoding order numbers, or the payload is too small
     */
    public H265Packetizer(H265Format format, PacketizerSettings settings, boolean repeatParameterSets) {
        if (format.maxDonDiff() != 0) {
            throw new IllegalArgumentException("sending decoding order numbers (sprop-max-don-diff "
                    + format.maxDonDiff() + ") is not supported");
        }
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, MIN_PAYLOAD_SIZE);
        this.packetizer = new NalPacketizer(NalSyntax.H265, writer, false);
        this.parameterSets = new ParameterSets(NalSyntax.H265, format.vps(), format.sps(), format.pps());
        this.formatVersion = parameterSets.version();
        this.repeatParameterSets = repeatParameterSets;
    }

    /**
     * The format, with the latest parameter sets seen in band: a new value after an access unit
     * carried a new VPS, SPS or PPS.
     *
     * @return the format
     */
    @Override
    public H265Format format() {
        if (formatVersion != parameterSets.version()) {
            formatVersion = parameterSets.version();
            format = format.withParameterSets(parameterSets.get(0), parameterSets.get(1), parameterSets.get(2));
        }
        return format;
    }

    /**
     * Packetizes one Annex-B access unit.
     *
     * @throws IllegalArgumentException when the bytes are not Annex-B, hold no NAL unit, or hold a unit of
     *         a type reserved for RTP (48..63) or with nothing after its header
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(unit, offset, length);
        nals.clear();
        try {
            if (!nals.addAnnexB(unit, offset, length)) {
                throw new IllegalArgumentException("an H265 access unit must be Annex-B: no start code at its head");
            }
            packetizer.check(nals);
            parameterSets.update(nals);
            if (repeatParameterSets) {
                parameterSets.insertMissing(nals);
                packetizer.check(nals);
            }
            return packetizer.send(nals, writer.timestamp(presentationTime), sink);
        } finally {
            nals.clear();
        }
    }

    @Override
    public long rtpTimestamp(long presentationTime) {
        return writer.timestamp(presentationTime);
    }

    @Override
    public int nextSequenceNumber() {
        return writer.nextSequenceNumber();
    }
}
