package org.rtspkit.formats;

import java.util.Objects;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.ServerStream;

/**
 * Writes access units (pictures, audio frames) of one format of one media into a {@link ServerStream},
 * so that an application never builds an RTP packet: each unit is packetized by the format's
 * {@link Packetizer} and every packet goes to the stream from the packetizer's buffer
 * ({@link ServerStream#writePacketRtp(Media, byte[], int, int)}), which copies it into the stream's
 * pooled packet. Nothing is allocated per packet.
 *
 * <p>When the units carry new in-band parameters (an H264 or H265 SPS or PPS that differs from the
 * description's), the stream's description follows ({@link ServerStream#reloadFormat}), so later
 * DESCRIBE requests show them.
 *
 * <p>Thread-safe: writes of one writer are serialized. Use one writer per format of a media.
 */
public final class FrameWriter {
    private final ServerStream stream;
    private final Media media;
    private final Packetizer packetizer;
    private final RtpPacketSink toStream;
    private Format described;

    private FrameWriter(ServerStream stream, Media media, Packetizer packetizer) {
        this.stream = stream;
        this.media = media;
        this.packetizer = packetizer;
        this.described = packetizer.format();
        this.toStream = (buffer, offset, length) -> stream.writePacketRtp(media, buffer, offset, length);
    }

    /**
     * A writer with {@link PacketizerSettings#defaults()}: payloads of at most
     * {@value PacketizerSettings#DEFAULT_MAX_PAYLOAD_SIZE} bytes, which fit the server's default largest
     * packet.
     *
     * @param stream the stream
     * @param media one of the stream's medias
     * @param format the format of {@code media} the units are in
     * @return the writer
     * @throws IllegalArgumentException when {@code format} is not one of the media's, or this module has
     *         no packetizer for it
     */
    public static FrameWriter create(ServerStream stream, Media media, Format format) {
        return create(stream, media, format, PacketizerSettings.defaults());
    }

    /**
     * A writer.
     *
     * @param stream the stream
     * @param media one of the stream's medias
     * @param format the format of {@code media} the units are in
     * @param settings the largest payload (keep header and payload within the server's
     *        {@code maxPacketSize}) and the first sequence number and timestamp; the stream sets the SSRC
     * @return the writer
     * @throws IllegalArgumentException when {@code format} is not one of the media's, or this module has
     *         no packetizer for it
     */
    public static FrameWriter create(ServerStream stream, Media media, Format format, PacketizerSettings settings) {
        Objects.requireNonNull(stream, "stream");
        if (media.format(format.payloadType()) == null) {
            throw new IllegalArgumentException("payload type " + format.payloadType() + " is not a format of the media "
                    + media.formats());
        }
        Packetizer packetizer = PayloadFormats.packetizer(format, settings).orElseThrow(
                () -> new IllegalArgumentException("no packetizer for " + format.rtpMap() + " (payload type "
                        + format.payloadType() + ")"));
        return new FrameWriter(stream, media, packetizer);
    }

    /**
     * Writes one access unit, in the form the format's packetizer documents (Annex-B for H264 and H265,
     * a raw AAC frame, a JFIF picture...).
     *
     * @param unit the buffer holding the unit; read during this call only
     * @param offset where the unit starts
     * @param length the unit's size in bytes
     * @param presentationTime the unit's presentation time in nanoseconds, on the caller's own scale
     *        (time 0 maps to the packetizer's first timestamp)
     * @return the number of RTP packets written
     * @throws IllegalArgumentException when the unit cannot be sent in this format; nothing is sent then
     * @throws org.rtspkit.api.StreamClosedException when the stream is closed
     */
    public synchronized int write(byte[] unit, int offset, int length, long presentationTime) {
        int packets = packetizer.packetize(unit, offset, length, presentationTime, toStream);
        Format now = packetizer.format();
        if (now != described) {
            // New parameter sets in band: later readers must get them in the SDP too.
            stream.reloadFormat(media, now);
            described = now;
        }
        return packets;
    }

    /**
     * Writes one access unit that fills its array.
     *
     * @param unit the unit
     * @param presentationTime its presentation time in nanoseconds
     * @return the number of RTP packets written
     * @throws IllegalArgumentException when the unit cannot be sent in this format; nothing is sent then
     */
    public int write(byte[] unit, long presentationTime) {
        return write(unit, 0, unit.length, presentationTime);
    }

    /**
     * The format as the stream describes it now: with the latest in-band parameters.
     *
     * @return the format
     */
    public synchronized Format format() {
        return described;
    }

    /**
     * The media written to.
     *
     * @return the media
     */
    public Media media() {
        return media;
    }
}
