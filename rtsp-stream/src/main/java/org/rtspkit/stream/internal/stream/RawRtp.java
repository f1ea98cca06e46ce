package org.rtspkit.stream.internal.stream;

import org.rtspkit.api.MalformedDataException;

/**
 * Reads the fields the fan-out needs from an RTP packet still in the writer's buffer, without parsing
 * it into a value: a marshalled packet costs a copy into the stream's pooled buffer and nothing else.
 */
final class RawRtp {
    private static final int FIXED_HEADER = 12;

    private RawRtp() {
    }

    /** The size of the header with its CSRCs and extension, checked against the packet's length. */
    static int headerSize(byte[] buf, int offset, int length) {
        if (length < FIXED_HEADER) {
            throw new MalformedDataException("an RTP packet needs at least " + FIXED_HEADER + " bytes, got " + length);
        }
        int b0 = buf[offset] & 0xFF;
        if (b0 >>> 6 != 2) {
            throw new MalformedDataException("RTP version must be 2, got " + (b0 >>> 6));
        }
        int header = FIXED_HEADER + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) {
            if (length < header + 4) {
                throw new MalformedDataException("RTP packet of " + length + " bytes too short for its extension header");
            }
            header += 4 + 4 * (((buf[offset + header + 2] & 0xFF) << 8) | (buf[offset + header + 3] & 0xFF));
        }
        if (length < header) {
            throw new MalformedDataException("RTP packet of " + length + " bytes too short for its " + header
                    + "-byte header");
        }
        return header;
    }

    /** The padding at the packet's end (its last byte when the P bit is set), checked against what follows the header. */
    static int paddingSize(byte[] buf, int offset, int length, int header) {
        if ((buf[offset] & 0x20) == 0) {
            return 0;
        }
        int padding = buf[offset + length - 1] & 0xFF;
        if (padding == 0 || padding > length - header) {
            throw new MalformedDataException("RTP padding of " + padding + " bytes does not fit the "
                    + (length - header) + " bytes after the header");
        }
        return padding;
    }

    static int sequenceNumber(byte[] buf, int offset) {
        return ((buf[offset + 2] & 0xFF) << 8) | (buf[offset + 3] & 0xFF);
    }

    static long timestamp(byte[] buf, int offset) {
        return ((buf[offset + 4] & 0xFFL) << 24) | ((buf[offset + 5] & 0xFF) << 16) | ((buf[offset + 6] & 0xFF) << 8)
                | (buf[offset + 7] & 0xFF);
    }
}
