package org.rtspkit.formats.mpeg4audio;

import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.RtpPacketWriter;

/**
 * AAC packetizer for {@code MPEG4-GENERIC} (RFC 3640, modes AAC-hbr and AAC-lbr). An access unit is one
 * raw AAC frame (no ADTS header: see {@link Adts}). Each goes in its own packet, after an AU header
 * section of one AU header ({@code sizelength} bits of size, {@code indexlength} bits of index 0); a
 * frame larger than the payload is fragmented, every fragment carrying the same AU header with the
 * whole frame's size (RFC 3640 §3.2.3). The marker bit is set on every packet that ends a frame.
 * Allocates nothing per packet.
 */
public final class Mpeg4AudioPacketizer implements Packetizer {
    private final Mpeg4AudioFormat format;
    private final RtpPacketWriter writer;
    private final int sizeLength;
    private final int headerSize;
    private final int maxUnitSize;
    private final byte[] header;

    /**
     * A packetizer.
     *
     * @param format the format; its AU headers must have a size field, and no CTS, DTS, RAP, stream-state or
     *        auxiliary fields
     * @param settings the largest payload and the first header values
     * @throws IllegalArgumentException for AU headers this packetizer does not write, or a payload too small
     */
    public Mpeg4AudioPacketizer(Mpeg4AudioFormat format, PacketizerSettings settings) {
        if (format.sizeLength() == 0) {
            throw new IllegalArgumentException("MPEG4-GENERIC without sizelength is not supported");
        }
        for (String unsupported : new String[] {"ctsdeltalength", "dtsdeltalength", "randomaccessindication",
            "streamstateindication", "auxiliarydatasizelength"}) {
            if (Mpeg4AudioFields.parameter(format.parameters(), unsupported) != 0) {
                throw new IllegalArgumentException("MPEG4-GENERIC AU headers with " + unsupported + " are not supported");
            }
        }
        this.format = format;
        this.sizeLength = format.sizeLength();
        int headerBits = sizeLength + format.indexLength();
        this.headerSize = 2 + (headerBits + 7) / 8;
        this.writer = new RtpPacketWriter(format, settings, headerSize + 1);
        this.maxUnitSize = sizeLength >= 31 ? Integer.MAX_VALUE : (1 << sizeLength) - 1;
        this.header = new byte[headerSize];
        Bytes.put16(header, 0, headerBits);
    }

    @Override
    public Mpeg4AudioFormat format() {
        return format;
    }

    /**
     * Packetizes one raw AAC frame.
     *
     * @throws IllegalArgumentException when the frame is empty or larger than {@code sizelength} can express
     */
    @Override
    public int packetize(byte[] unit, int offset, int length, long presentationTime, RtpPacketSink sink) {
        Bytes.checkRange(unit, offset, length);
        if (length == 0 || length > maxUnitSize) {
            throw new IllegalArgumentException("an AAC frame of " + length + " bytes cannot be sent with sizelength="
                    + sizeLength);
        }
        // AU-size in the first sizeLength bits after AU-headers-length; the index (0) and padding follow.
        for (int i = 2; i < headerSize; i++) {
            header[i] = 0;
        }
        long shifted = (long) length << (8 * (headerSize - 2) - sizeLength);
        for (int i = headerSize - 1; i >= 2; i--) {
            header[i] = (byte) shifted;
            shifted >>>= 8;
        }
        byte[] buf = writer.buffer();
        long timestamp = writer.timestamp(presentationTime);
        int chunkMax = writer.maxPayloadSize() - headerSize;
        int packets = 0;
        for (int done = 0; done < length; ) {
            int chunk = Math.min(chunkMax, length - done);
            System.arraycopy(header, 0, buf, RtpPacketWriter.PAYLOAD_OFFSET, headerSize);
            System.arraycopy(unit, offset + done, buf, RtpPacketWriter.PAYLOAD_OFFSET + headerSize, chunk);
            done += chunk;
            writer.send(headerSize + chunk, done == length, timestamp, sink);
            packets++;
        }
        return packets;
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
