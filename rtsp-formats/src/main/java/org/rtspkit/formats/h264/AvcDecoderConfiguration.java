package org.rtspkit.formats.h264;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The AVCDecoderConfigurationRecord ({@code avcC}, ISO/IEC 14496-15 §5.3.3.1) that MP4 and Matroska
 * keep beside length-prefixed H.264 samples ({@link org.rtspkit.formats.nal.Avcc}): the parameter sets
 * and the size of the NAL unit lengths. The extension fields of the High profiles are ignored when
 * reading and not written.
 *
 * @param profileIdc          {@code AVCProfileIndication}
 * @param profileCompatibility the constraint flags byte
 * @param levelIdc            {@code AVCLevelIndication}
 * @param lengthSize          bytes of each NAL unit length in samples: 1, 2 or 4
 * @param sps                 the sequence parameter set NAL units
 * @param pps                 the picture parameter set NAL units
 */
public record AvcDecoderConfiguration(int profileIdc, int profileCompatibility, int levelIdc, int lengthSize,
                                      List<byte[]> sps, List<byte[]> pps) {
    /**
     * Checks the fields and copies the lists (not the arrays).
     *
     * @param profileIdc profile, 0..255
     * @param profileCompatibility constraint flags, 0..255
     * @param levelIdc level, 0..255
     * @param lengthSize 1, 2 or 4
     * @param sps SPS NAL units, at most 31, each below 64 KiB
     * @param pps PPS NAL units, at most 255, each below 64 KiB
     */
    public AvcDecoderConfiguration {
        if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
            throw new IllegalArgumentException("NAL unit lengths are 1, 2 or 4 bytes, not " + lengthSize);
        }
        sps = List.copyOf(sps);
        pps = List.copyOf(pps);
        if (sps.size() > 31 || pps.size() > 255) {
            throw new IllegalArgumentException("avcC holds at most 31 SPS and 255 PPS");
        }
        for (byte[] set : sps) {
            checkSet(set);
        }
        for (byte[] set : pps) {
            checkSet(set);
        }
    }

    private static void checkSet(byte[] set) {
        Objects.requireNonNull(set, "parameter set");
        if (set.length == 0 || set.length > 0xFFFF) {
            throw new IllegalArgumentException("a parameter set of " + set.length + " bytes does not fit avcC");
        }
    }

    /**
     * The record for one SPS and one PPS, with 4-byte lengths, profile and level from the SPS.
     *
     * @param sps the SPS NAL unit
     * @param pps the PPS NAL unit
     * @return the record
     * @throws IllegalArgumentException when the SPS is shorter than 4 bytes
     */
    public static AvcDecoderConfiguration of(byte[] sps, byte[] pps) {
        if (sps.length < 4) {
            throw new IllegalArgumentException("an SPS of " + sps.length + " bytes has no profile and level");
        }
        return new AvcDecoderConfiguration(sps[1] & 0xFF, sps[2] & 0xFF, sps[3] & 0xFF, 4, List.of(sps), List.of(pps));
    }

    /**
     * Reads a record.
     *
     * @param bytes the {@code avcC} box's content
     * @return the record
     * @throws IllegalArgumentException when it is truncated or not version 1
     */
    public static AvcDecoderConfiguration parse(byte[] bytes) {
        if (bytes.length < 7 || bytes[0] != 1) {
            throw new IllegalArgumentException("not an AVCDecoderConfigurationRecord of version 1");
        }
        int lengthSize = (bytes[4] & 0x03) + 1;
        if (lengthSize == 3) {
            throw new IllegalArgumentException("avcC with 3-byte NAL unit lengths");
        }
        int[] cursor = {6};
        List<byte[]> sps = readSets(bytes, cursor, bytes[5] & 0x1F);
        if (cursor[0] >= bytes.length) {
            throw new IllegalArgumentException("avcC truncated before its PPS count");
        }
        int ppsCount = bytes[cursor[0]] & 0xFF;
        cursor[0]++;
        List<byte[]> pps = readSets(bytes, cursor, ppsCount);
        return new AvcDecoderConfiguration(bytes[1] & 0xFF, bytes[2] & 0xFF, bytes[3] & 0xFF, lengthSize, sps, pps);
    }

    /** Reads {@code count} length-prefixed sets from {@code cursor[0]} on, and leaves it after them. */
    private static List<byte[]> readSets(byte[] bytes, int[] cursor, int count) {
        int i = cursor[0];
        List<byte[]> sets = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            if (bytes.length - i < 2) {
                throw new IllegalArgumentException("avcC truncated at byte " + i);
            }
            int length = ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
            i += 2;
            if (length == 0 || length > bytes.length - i) {
                throw new IllegalArgumentException("avcC parameter set of " + length + " bytes at byte " + i
                        + " runs past the record");
            }
            byte[] set = new byte[length];
            System.arraycopy(bytes, i, set, 0, length);
            sets.add(set);
            i += length;
        }
        cursor[0] = i;
        return sets;
    }

    /**
     * The record as bytes, for an {@code avcC} box.
     *
     * @return the record
     */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(profileIdc);
        out.write(profileCompatibility);
        out.write(levelIdc);
        out.write(0xFC | (lengthSize - 1));
        out.write(0xE0 | sps.size());
        for (byte[] set : sps) {
            out.write(set.length >>> 8);
            out.write(set.length);
            out.writeBytes(set);
        }
        out.write(pps.size());
        for (byte[] set : pps) {
            out.write(set.length >>> 8);
            out.write(set.length);
            out.writeBytes(set);
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvcDecoderConfiguration c && profileIdc == c.profileIdc
                && profileCompatibility == c.profileCompatibility && levelIdc == c.levelIdc
                && lengthSize == c.lengthSize && sameSets(sps, c.sps) && sameSets(pps, c.pps);
    }

    private static boolean sameSets(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(profileIdc, profileCompatibility, levelIdc, lengthSize);
        for (byte[] set : sps) {
            h = 31 * h + Arrays.hashCode(set);
        }
        for (byte[] set : pps) {
            h = 31 * h + Arrays.hashCode(set);
        }
        return h;
    }

    @Override
    public String toString() {
        return "AvcDecoderConfiguration[profileIdc=" + profileIdc + ", levelIdc=" + levelIdc + ", lengthSize="
                + lengthSize + ", sps=" + sps.size() + ", pps=" + pps.size() + "]";
    }
}
