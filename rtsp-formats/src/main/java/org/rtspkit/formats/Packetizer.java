package org.rtspkit.formats;

import java.util.List;
import org.rtspkit.api.Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.internal.PacketCollector;

/**
 * Turns access units of one format, with their presentation times, into RTP packets: each packet's
 * payload within {@link PacketizerSettings#maxPayloadSize()}, sequence numbers continuing from call to
 * call, timestamps in the format's clock rate. What an access unit is (Annex-B bytes, a raw AAC frame,
 * a JFIF image...) each packetizer documents.
 *
 * <p>Packetizing writes every packet into one buffer the packetizer reuses and hands it to an
 * {@link RtpPacketSink}; it allocates nothing per packet. {@link #packetize(byte[], long)} returns
 * {@link RtpPacket} values instead, for tests and simple callers. A unit that cannot be sent is refused
 * with {@link IllegalArgumentException} before any of its packets is written.
 *
 * <p>Presentation times are nanoseconds on any scale the caller keeps (since the stream started, for
 * example); time 0 is {@link PacketizerSettings#initialTimestamp()} and every RTP timestamp is
 * {@code initialTimestamp + round(time × clockRate / 10^9)}, modulo 2^32. Not thread-safe.
 */
public sealed interface Packetizer permits org.rtspkit.formats.h264.H264Packetizer,
        org.rtspkit.formats.h265.H265Packetizer, org.rtspkit.formats.mpeg4audio.Mpeg4AudioPacketizer,
        org.rtspkit.formats.mpeg4audio.LatmPacketizer, org.rtspkit.formats.opus.OpusPacketizer,
        org.rtspkit.formats.g711.G711Packetizer, org.rtspkit.formats.lpcm.LpcmPacketizer,
        org.rtspkit.formats.mjpeg.MjpegPacketizer, org.rtspkit.formats.vp8.Vp8Packetizer,
        org.rtspkit.formats.vp9.Vp9Packetizer, org.rtspkit.formats.av1.Av1Packetizer,
        org.rtspkit.formats.mpegts.MpegTsPacketizer, org.rtspkit.formats.klv.KlvPacketizer,
        org.rtspkit.formats.g722.G722Packetizer {

    /**
     * The format the packets are of. Formats whose parameters travel in band (H264 and H265 parameter
     * sets) return a new value once the access units carry new ones, so that a stream's description
     * can follow; otherwise the format the packetizer was made with.
     *
     * @return the format
     */
    Format format();

    /**
     * Packetizes one access unit.
     *
     * @param unit the buffer holding the access unit
     * @param offset where the unit starts
     * @param length the unit's size in bytes
     * @param presentationTime the unit's presentation time in nanoseconds
     * @param sink receives each packet, in order, during this call
     * @return the number of packets written
     * @throws IllegalArgumentException when the unit cannot be sent in this format; nothing is sent then
     */
    int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink);

    /**
     * Packetizes one access unit that fills its array.
     *
     * @param unit the access unit
     * @param presentationTime the unit's presentation time in nanoseconds
     * @param sink receives each packet, in order, during this call
     * @return the number of packets written
     * @throws IllegalArgumentException when the unit cannot be sent in this format; nothing is sent then
     */
    default int packetize(byte[] unit, long presentationTime, RtpPacketSink sink) {
        return packetize(unit, 0, unit.length, presentationTime, sink);
    }

    /**
     * Packetizes one access unit into packet values (which allocates: use the sink form on a hot path).
     *
     * @param unit the access unit
     * @param presentationTime the unit's presentation time in nanoseconds
     * @return the packets, in order
     * @throws IllegalArgumentException when the unit cannot be sent in this format
     */
    default List<RtpPacket> packetize(byte[] unit, long presentationTime) {
        PacketCollector collector = new PacketCollector();
        packetize(unit, 0, unit.length, presentationTime, collector);
        return collector.packets();
    }

    /**
     * The RTP timestamp a presentation time maps to.
     *
     * @param presentationTime nanoseconds
     * @return the RTP timestamp, unsigned 32-bit
     */
    long rtpTimestamp(long presentationTime);

    /**
     * The sequence number the next packet will have.
     *
     * @return 0..65535
     */
    int nextSequenceNumber();
}
