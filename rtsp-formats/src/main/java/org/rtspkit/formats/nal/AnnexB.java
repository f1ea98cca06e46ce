package org.rtspkit.formats.nal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.NalUnitList;

/**
 * The Annex-B byte stream of H.264 and H.265 (ITU-T H.264 / H.265 Annex B): NAL units each after a
 * {@code 00 00 01} start code, often {@code 00 00 00 01}. Splitting leaves out the zero bytes before a
 * start code (the fourth byte of a 4-byte start code, trailing zeros) and empty units; joining writes
 * 4-byte start codes, as RTP depacketizers (rtspkit's and FFmpeg's) do.
 */
public final class AnnexB {
    private AnnexB() {
    }

    /**
     * The NAL units of an Annex-B stream, each a copy.
     *
     * @param stream Annex-B bytes
     * @return the NAL units, in order
     * @throws IllegalArgumentException when the bytes do not begin with zero bytes and a start code
     */
    public static List<byte[]> split(byte[] stream) {
        return split(stream, 0, stream.length);
    }

    /**
     * The NAL units of part of an array holding an Annex-B stream, each a copy.
     *
     * @param stream the buffer
     * @param offset where the Annex-B bytes start
     * @param length their size
     * @return the NAL units, in order
     * @throws IllegalArgumentException when the bytes do not begin with zero bytes and a start code
     */
    public static List<byte[]> split(byte[] stream, int offset, int length) {
        Bytes.checkRange(stream, offset, length);
        NalUnitList nals = new NalUnitList();
        if (!nals.addAnnexB(stream, offset, length)) {
            throw new IllegalArgumentException("not an Annex-B stream: no start code at its head");
        }
        List<byte[]> units = new ArrayList<>(nals.count());
        for (int i = 0; i < nals.count(); i++) {
            byte[] unit = new byte[nals.length(i)];
            System.arraycopy(nals.array(i), nals.offset(i), unit, 0, unit.length);
            units.add(unit);
        }
        return units;
    }

    /**
     * NAL units as an Annex-B stream, each after a 4-byte start code.
     *
     * @param nalUnits the units, in order
     * @return the stream
     */
    public static byte[] join(List<byte[]> nalUnits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] unit : nalUnits) {
            out.write(0);
            out.write(0);
            out.write(0);
            out.write(1);
            out.writeBytes(unit);
        }
        return out.toByteArray();
    }

    /**
     * The same stream with every start code written with 4 bytes and nothing else between units, as
     * needed to compare streams that different writers produced.
     *
     * @param stream Annex-B bytes
     * @return the stream, written again
     * @throws IllegalArgumentException when the bytes do not begin with zero bytes and a start code
     */
    public static byte[] normalize(byte[] stream) {
        return join(split(stream));
    }

    /**
     * Where the next {@code 00 00 01} start code prefix begins.
     *
     * @param stream the buffer
     * @param from the first index searched
     * @param end the index after the last byte searched
     * @return the index of its first byte, or -1 when there is none in {@code [from, end)}
     */
    public static int findStartCode(byte[] stream, int from, int end) {
        return NalUnitList.findStartCode(stream, from, end);
    }
}
