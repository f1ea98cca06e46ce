package org.rtspkit.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.rtspkit.api.Format;
import org.rtspkit.api.RtpPacket;

/**
 * Rebuilds whole access units of one format from its RTP packets, given in the order they arrived.
 *
 * <p>What it emits is never half a unit: when a packet of a unit is lost (a gap in the sequence
 * numbers) or malformed, the unit is dropped and counted in {@link #stats()}; video depacketizers then
 * skip units until the next random-access point (see {@link DepacketizerSettings#waitForRandomAccess()}).
 * No input makes it throw: bad packets are counted and dropped, and the units after them come through.
 * Packets of another payload type than the format's are dropped as malformed. Not thread-safe.
 */
public sealed interface Depacketizer permits org.rtspkit.formats.h264.H264Depacketizer,
        org.rtspkit.formats.h265.H265Depacketizer, org.rtspkit.formats.mpeg4audio.Mpeg4AudioDepacketizer,
        org.rtspkit.formats.mpeg4audio.LatmDepacketizer, org.rtspkit.formats.opus.OpusDepacketizer,
        org.rtspkit.formats.g711.G711Depacketizer, org.rtspkit.formats.lpcm.LpcmDepacketizer,
        org.rtspkit.formats.mjpeg.MjpegDepacketizer, org.rtspkit.formats.vp8.Vp8Depacketizer,
        org.rtspkit.formats.vp9.Vp9Depacketizer, org.rtspkit.formats.av1.Av1Depacketizer,
        org.rtspkit.formats.mpegts.MpegTsDepacketizer, org.rtspkit.formats.klv.KlvDepacketizer,
        org.rtspkit.formats.g722.G722Depacketizer {

    /**
     * The format depacketized. Formats whose parameters travel in band (H264 and H265 parameter sets)
     * return a new value once an emitted unit carried new ones; otherwise the format it was made with.
     *
     * @return the format
     */
    Format format();

    /**
     * Takes one RTP packet as received (header, payload, padding).
     *
     * @param packet the buffer holding the packet; read during this call only
     * @param offset where the packet starts
     * @param length the packet's size in bytes
     * @param sink receives the access units this packet completes, during this call
     */
    void push(byte[] packet, int offset, int length, Consumer<AccessUnit> sink);

    /**
     * Takes one parsed RTP packet.
     *
     * @param packet the packet
     * @param sink receives the access units this packet completes, during this call
     */
    void push(RtpPacket packet, Consumer<AccessUnit> sink);

    /**
     * Takes one parsed RTP packet and returns the access units it completes.
     *
     * @param packet the packet
     * @return the units completed, in order; often none
     */
    default List<AccessUnit> push(RtpPacket packet) {
        List<AccessUnit> units = new ArrayList<>(1);
        push(packet, units::add);
        return units;
    }

    /**
     * What has been received and dropped so far.
     *
     * @return a snapshot of the counters
     */
    DepacketizerStats stats();
}
