package org.rtspkit.formats.nal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Length-prefixed NAL units, the sample format of MP4 and Matroska (ISO/IEC 14496-15, "AVCC" for H.264
 * and the same for H.265): each NAL unit after its size in 1, 2 or 4 big-endian bytes, the length size
 * being given by the decoder configuration record ({@code lengthSizeMinusOne + 1}).
 */
public final class Avcc {
    private Avcc() {
    }

    /**
     * The NAL units of a sample, each a copy.
     *
     * @param sample length-prefixed NAL units
     * @param lengthSize bytes of each length: 1, 2 or 4
     * @return the NAL units, in order
     * @throws IllegalArgumentException when a length runs past the sample
     */
    public static List<byte[]> split(byte[] sample, int lengthSize) {
        checkLengthSize(lengthSize);
        List<byte[]> units = new ArrayList<>();
        int i = 0;
        while (i < sample.length) {
            if (sample.length - i < lengthSize) {
                throw new IllegalArgumentException("truncated NAL unit length at byte " + i);
            }
            long size = 0;
            for (int k = 0; k < lengthSize; k++) {
                size = (size << 8) | (sample[i + k] & 0xFF);
            }
            i += lengthSize;
            if (size > sample.length - i) {
                throw new IllegalArgumentException("NAL unit of " + size + " bytes at byte " + i + " runs past the sample of "
                        + sample.length + " bytes");
            }
            byte[] unit = new byte[(int) size];
            System.arraycopy(sample, i, unit, 0, unit.length);
            units.add(unit);
            i += unit.length;
        }
        return units;
    }

    /**
     * NAL units as a length-prefixed sample.
     *
     * @param nalUnits the units, in order
     * @param lengthSize bytes of each length: 1, 2 or 4
     * @return the sample
     * @throws IllegalArgumentException when a unit is too large for the length size
     */
    public static byte[] join(List<byte[]> nalUnits, int lengthSize) {
        checkLengthSize(lengthSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] unit : nalUnits) {
            if (lengthSize < 4 && unit.length >= 1 << (8 * lengthSize)) {
                throw new IllegalArgumentException("a NAL unit of " + unit.length + " bytes does not fit a " + lengthSize
                        + "-byte length");
            }
            for (int k = lengthSize - 1; k >= 0; k--) {
                out.write(unit.length >>> (8 * k));
            }
            out.writeBytes(unit);
        }
        return out.toByteArray();
    }

    /**
     * A length-prefixed sample as Annex-B with 4-byte start codes.
     *
     * @param sample length-prefixed NAL units
     * @param lengthSize bytes of each length: 1, 2 or 4
     * @return the Annex-B stream
     * @throws IllegalArgumentException when a length runs past the sample
     */
    public static byte[] toAnnexB(byte[] sample, int lengthSize) {
        return AnnexB.join(split(sample, lengthSize));
    }

    /**
     * An Annex-B stream as a length-prefixed sample.
     *
     * @param stream Annex-B bytes
     * @param lengthSize bytes of each length: 1, 2 or 4
     * @return the sample
     * @throws IllegalArgumentException when the bytes are not Annex-B, or a unit is too large for the length size
     */
    public static byte[] fromAnnexB(byte[] stream, int lengthSize) {
        return join(AnnexB.split(stream), lengthSize);
    }

    private static void checkLengthSize(int lengthSize) {
        if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
            throw new IllegalArgumentException("NAL unit lengths are 1, 2 or 4 bytes, not " + lengthSize);
        }
    }
}
