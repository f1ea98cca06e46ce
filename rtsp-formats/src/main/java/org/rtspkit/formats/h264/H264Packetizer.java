package org.rtspkit.formats.h264;

import org.rtspkit.api.H264Format;
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
 * H.264 packetizer (RFC 6184). An access unit is Annex-B: its NAL units each after a 3- or 4-byte start
 * code, in decoding order, as encoders write them. With packetization-mode 1 a NAL unit that fits the
 * payload goes alone or aggregated with the small ones after it (STAP-A), a larger one in fragments
 * (FU-A); with packetization-mode 0 every NAL unit goes alone and must fit. The last packet of each
 * access unit carries the marker bit. Packetization-mode 2 (interleaved) is not supported.
 *
 * <p>Parameter sets travel in band: an SPS or PPS in an access unit is sent as it is, and becomes the
 * one {@link #format()} describes. By default an IDR access unit that comes without them gets the
 * latest ones (from the format, or seen in band) inserted before its first slice, so that readers can
 * start there. Allocates nothing per packet.
 */
public final class H264Packetizer implements Packetizer {
    /** The smallest {@code maxPayloadSize}: an FU indicator, an FU header and a byte of data. */
    public static final int MIN_PAYLOAD_SIZE = 3;

    private final RtpPacketWriter writer;
    private final NalPacketizer packetizer;
    private final NalUnitList nals = new NalUnitList();
    private final ParameterSets parameterSets;
    private final boolean repeatParameterSets;
    private H264Format format;
    private int formatVersion;

    /**
     * A packetizer that repeats the parameter sets before IDR pictures that lack them.
     *
     * @param format the format: payload type, packetization mode and the parameter sets known so far
     * @param settings the largest payload and the first header values
     * @throws IllegalArgumentException for packetization-mode 2, or a payload too small
     */
    public H264Packetizer(H264Format format, PacketizerSettings settings) {
        this(format, settings, true);
    }

    /**
     * A packetizer.
     *
     * @param format the format: payload type, packetization mode and the parameter sets known so far
     * @param settings the largest payload and the first header values
     * @param repeatParameterSets whether an IDR access unit without an SPS or a PPS gets the latest ones
     * @throws IllegalArgumentException for packetization-mode 2, or a payload too small
     */
    public H264Packetizer(H264Format format, PacketizerSettings settings, boolean repeatParameterSets) {
        if (format.packetizationMode() == 2) {
            throw new IllegalArgumentException("H264 packetization-mode 2 (interleaved) is not supported");
        }
        this.format = format;
        this.writer = new RtpPacketWriter(format, settings, MIN_PAYLOAD_SIZE);
        this.packetizer = new NalPacketizer(NalSyntax.H264, writer, format.packetizationMode() == 0);
        this.parameterSets = new ParameterSets(NalSyntax.H264, null, format.sps(), format.pps());
        this.formatVersion = parameterSets.version();
        this.repeatParameterSets = repeatParameterSets;
    }

    /**
     * The format, with the latest parameter sets seen in band: a new value after an access unit
     * carried a new SPS or PPS.
     *
     * @return the format
     */
    @Override
    public H264Format format() {
        if (formatVersion != parameterSets.version()) {
            formatVersion = parameterSets.version();
            format = format.withParameterSets(parameterSets.get(1), parameterSets.get(2));
        }
        return format;
    }

    /**
     * Packetizes one Annex-B access unit.
     *
     * @throws IllegalArgumentException when the bytes are not Annex-B, hold no NAL unit, hold a unit of a
     *         type reserved for RTP (0, 24..31), or, in packetization-mode 0, a unit larger than the payload
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(unit, offset, length);
        nals.clear();
        try {
            if (!nals.addAnnexB(unit, offset, length)) {
                throw new IllegalArgumentException("an H264 access unit must be Annex-B: no start code at its head");
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
