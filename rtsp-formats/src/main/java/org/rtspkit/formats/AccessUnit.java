package org.rtspkit.formats;

import java.util.Arrays;
import java.util.Objects;

/**
 * One access unit rebuilt by a {@link Depacketizer}: a picture, an audio frame, a block of samples,
 * in the form its depacketizer documents (Annex-B for H264 and H265, a raw AAC frame, a JFIF image...).
 *
 * @param rtpTimestamp      the RTP timestamp of the unit, unsigned 32-bit, in the format's clock rate
 * @param presentationTime  nanoseconds since the first packet the depacketizer received (negative for a
 *                          picture shown before it), from the RTP timestamps, unwrapped past 2^32
 * @param randomAccess      whether decoding can start here: an IDR or IRAP picture, a key frame, a JPEG
 *                          image; true for every audio unit
 * @param data              the unit's bytes; the array is not copied (the depacketizer keeps no reference)
 */
public record AccessUnit(long rtpTimestamp, long presentationTime, boolean randomAccess, byte[] data) {
    /**
     * Checks the timestamp range.
     *
     * @param rtpTimestamp the RTP timestamp, unsigned 32-bit
     * @param presentationTime nanoseconds since the first packet received
     * @param randomAccess whether decoding can start here
     * @param data the unit's bytes; not copied
     */
    public AccessUnit {
        if (rtpTimestamp < 0 || rtpTimestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("RTP timestamp must be an unsigned 32-bit value: " + rtpTimestamp);
        }
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessUnit u
                && rtpTimestamp == u.rtpTimestamp
                && presentationTime == u.presentationTime
                && randomAccess == u.randomAccess
                && Arrays.equals(data, u.data);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(rtpTimestamp, presentationTime, randomAccess) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AccessUnit[rtpTimestamp=" + rtpTimestamp + ", presentationTime=" + presentationTime
                + ", randomAccess=" + randomAccess + ", data=" + data.length + " bytes]";
    }
}
