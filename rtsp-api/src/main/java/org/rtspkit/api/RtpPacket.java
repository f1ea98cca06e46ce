package org.rtspkit.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * An RTP packet (RFC 3550 §5.1). Unsigned 32-bit fields are held in {@code long}s; CSRCs are the raw
 * 32-bit identifiers in {@code int}s.
 *
 * <p>Arrays are neither copied in nor out (this is a per-packet value): do not change an array after
 * handing it to a packet.
 *
 * @param marker         the M bit
 * @param payloadType    0..127
 * @param sequenceNumber 0..65535
 * @param timestamp      0..2^32-1
 * @param ssrc           0..2^32-1
 * @param csrcs          at most 15 contributing sources; null is taken as none
 * @param extension      the header extension, or null
 * @param payload        the payload, without padding; null is taken as empty
 * @param paddingSize    padding bytes after the payload including the count byte, 0..255; 0 for none
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                        int[] csrcs, RtpExtension extension, byte[] payload, int paddingSize) {
    /** Fixed header size. */
    public static final int HEADER_SIZE = 12;

    /**
     * Checks that every header field fits its width on the wire; null arrays become empty ones.
     *
     * @param marker the M bit
     * @param payloadType 0..127
     * @param sequenceNumber 0..65535
     * @param timestamp 0..2^32-1
     * @param ssrc 0..2^32-1
     * @param csrcs at most 15 contributing sources; null is taken as none
     * @param extension the header extension, or null
     * @param payload the payload, without padding; null is taken as empty
     * @param paddingSize padding bytes after the payload including the count byte, 0..255; 0 for none
     */
    public RtpPacket {
        Wire.checkPayloadType(payloadType);
        Wire.checkRange(sequenceNumber, 0, 0xFFFF, "sequence number");
        Wire.checkU32(timestamp, "timestamp");
        Wire.checkU32(ssrc, "ssrc");
        csrcs = csrcs == null ? Wire.NO_INTS : csrcs;
        if (csrcs.length > 15) {
            throw new IllegalArgumentException("an RTP packet holds at most 15 CSRCs, not " + csrcs.length);
        }
        payload = payload == null ? Wire.NO_BYTES : payload;
        Wire.checkRange(paddingSize, 0, 255, "padding size");
    }

    /**
     * The most common packet: no CSRC, no extension, no padding.
     *
     * @param marker the marker bit (the last packet of a video picture)
     * @param payloadType RTP payload type, 0..127
     * @param sequenceNumber 0..65535
     * @param timestamp RTP timestamp in the format's clock rate, unsigned 32-bit
     * @param ssrc the synchronization source, unsigned 32-bit
     * @param payload the payload; the array is not copied
     * @return the packet
     */
    public static RtpPacket of(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc, byte[] payload) {
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, Wire.NO_INTS, null, payload, 0);
    }

    /**
     * A copy with another SSRC (arrays shared).
     *
     * @param newSsrc the new synchronization source, unsigned 32-bit
     * @return a new packet
     */
    public RtpPacket withSsrc(long newSsrc) {
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, newSsrc, csrcs, extension, payload,
                paddingSize);
    }

    /**
     * Bytes {@link #marshalTo} writes.
     *
     * @return the packet's size on the wire, in bytes
     */
    public int marshalSize() {
        int size = HEADER_SIZE + 4 * csrcs.length + payload.length + paddingSize;
        if (extension != null) {
            size += 4 + extension.data.length;
        }
        return size;
    }

    /**
     * Writes the packet at {@code offset}; returns the number of bytes written. Allocates nothing.
     *
     * @param dst the buffer to write to
     * @param offset where in {@code dst} the packet starts
     * @return the number of bytes written
     * @throws IndexOutOfBoundsException when the packet does not fit; nothing is written then
     */
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        Wire.checkRoom(dst, offset, size);
        int i = offset;
        dst[i++] = (byte) (0x80 | (paddingSize > 0 ? 0x20 : 0) | (extension != null ? 0x10 : 0) | csrcs.length);
        dst[i++] = (byte) ((marker ? 0x80 : 0) | payloadType);
        Wire.put16(dst, i, sequenceNumber);
        Wire.put32(dst, i + 2, timestamp);
        Wire.put32(dst, i + 6, ssrc);
        i += 10;
        for (int csrc : csrcs) {
            Wire.put32(dst, i, csrc);
            i += 4;
        }
        if (extension != null) {
            Wire.put16(dst, i, extension.profile);
            Wire.put16(dst, i + 2, extension.data.length / 4);
            System.arraycopy(extension.data, 0, dst, i + 4, extension.data.length);
            i += 4 + extension.data.length;
        }
        System.arraycopy(payload, 0, dst, i, payload.length);
        i += payload.length;
        if (paddingSize > 0) {
            Arrays.fill(dst, i, i + paddingSize - 1, (byte) 0);
            i += paddingSize;
            dst[i - 1] = (byte) paddingSize;
        }
        return i - offset;
    }

    /**
     * The packet as sent on the wire.
     *
     * @return a new array of {@link #marshalSize()} bytes
     */
    public byte[] marshal() {
        byte[] b = new byte[marshalSize()];
        marshalTo(b, 0);
        return b;
    }

    /**
     * Parses one packet occupying exactly {@code length} bytes.
     *
     * @param buf the buffer that holds the packet
     * @param offset where the packet starts
     * @param length its length in bytes
     * @return the packet; its arrays are copies
     * @throws MalformedDataException when the bytes are not a valid RTP packet
     * @throws IndexOutOfBoundsException when the range lies outside {@code buf}
     */
    public static RtpPacket unmarshal(byte[] buf, int offset, int length) {
        Wire.checkSlice(buf, offset, length);
        if (length < 4) {
            throw new MalformedDataException("RTP header size insufficient: " + length + " < 4");
        }
        int b0 = Wire.u8(buf, offset);
        int version = b0 >>> 6;
        if (version != 2) {
            throw new MalformedDataException("RTP version must be 2, got " + version);
        }
        int csrcCount = b0 & 0x0F;
        int header = HEADER_SIZE + 4 * csrcCount;
        if (length < header) {
            throw new MalformedDataException("RTP header size insufficient: " + length + " < " + header
                    + (csrcCount > 0 ? " (" + csrcCount + " CSRCs)" : ""));
        }
        int b1 = Wire.u8(buf, offset + 1);
        int[] csrcs = csrcCount == 0 ? Wire.NO_INTS : new int[csrcCount];
        for (int c = 0; c < csrcCount; c++) {
            csrcs[c] = Wire.s32(buf, offset + HEADER_SIZE + 4 * c);
        }
        RtpExtension extension = null;
        if ((b0 & 0x10) != 0) {
            if (length < header + 4) {
                throw new MalformedDataException("RTP header size insufficient for the extension header: "
                        + length + " < " + (header + 4));
            }
            int profile = Wire.u16(buf, offset + header);
            int dataLength = 4 * Wire.u16(buf, offset + header + 2);
            int dataStart = header + 4;
            if (length < dataStart + dataLength) {
                throw new MalformedDataException("RTP header extension of " + dataLength + " bytes exceeds the packet: "
                        + length + " < " + (dataStart + dataLength));
            }
            extension = new RtpExtension(profile,
                    Arrays.copyOfRange(buf, offset + dataStart, offset + dataStart + dataLength));
            header = dataStart + dataLength;
        }
        int padding = 0;
        if ((b0 & 0x20) != 0) {
            padding = Wire.u8(buf, offset + length - 1);
            if (padding == 0) {
                throw new MalformedDataException("RTP padding bit set but the padding count is 0");
            }
            if (padding > length - header) {
                throw new MalformedDataException("RTP padding of " + padding + " bytes exceeds the "
                        + (length - header) + " bytes after the header");
            }
        }
        byte[] payload = Arrays.copyOfRange(buf, offset + header, offset + length - padding);
        return new RtpPacket((b1 & 0x80) != 0, b1 & 0x7F, Wire.u16(buf, offset + 2), Wire.u32(buf, offset + 4),
                Wire.u32(buf, offset + 8), csrcs, extension, payload, padding);
    }

    /**
     * Parses one packet that fills the whole array.
     *
     * @param buf the packet
     * @return the packet; its arrays are copies
     * @throws MalformedDataException when the bytes are not a valid RTP packet
     */
    public static RtpPacket unmarshal(byte[] buf) {
        return unmarshal(buf, 0, buf.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p
                && marker == p.marker
                && payloadType == p.payloadType
                && sequenceNumber == p.sequenceNumber
                && timestamp == p.timestamp
                && ssrc == p.ssrc
                && paddingSize == p.paddingSize
                && Arrays.equals(csrcs, p.csrcs)
                && Objects.equals(extension, p.extension)
                && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(marker, payloadType, sequenceNumber, timestamp, ssrc, paddingSize, extension);
        h = 31 * h + Arrays.hashCode(csrcs);
        return 31 * h + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[marker=" + marker + ", payloadType=" + payloadType + ", sequenceNumber=" + sequenceNumber
                + ", timestamp=" + timestamp + ", ssrc=" + ssrc + ", csrcs=" + Arrays.toString(csrcs)
                + ", extension=" + extension + ", payload=" + Wire.describe(payload)
                + ", paddingSize=" + paddingSize + "]";
    }

    /**
     * Header extension (RFC 3550 §5.3.1): profile-defined id and data, whose length is a multiple of 4
     * (it is sent in 32-bit words). The array is not copied.
     *
     * @param profile the profile-defined identifier, 0 to 65535
     * @param data    the extension's data; empty when null
     */
    public record RtpExtension(int profile, byte[] data) {
        /**
         * Checks the profile and that the data is a whole number of 32-bit words.
         *
         * @param profile the profile-defined identifier, 0 to 65535
         * @param data the extension's data; empty when null
         */
        public RtpExtension {
            Wire.checkRange(profile, 0, 0xFFFF, "extension profile");
            data = data == null ? Wire.NO_BYTES : data;
            if (data.length % 4 != 0 || data.length / 4 > 0xFFFF) {
                throw new IllegalArgumentException("extension data must be a multiple of 4 bytes, at most 262140: "
                        + data.length);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RtpExtension e && profile == e.profile && Arrays.equals(data, e.data);
        }

        @Override
        public int hashCode() {
            return 31 * profile + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "RtpExtension[profile=" + profile + ", data=" + Wire.describe(data) + "]";
        }
    }
}
