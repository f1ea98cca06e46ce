package org.rtspkit.formats.h265;

import org.rtspkit.formats.internal.BitReader;
import org.rtspkit.formats.internal.Rbsp;

/**
 * What an H.265 sequence parameter set (ITU-T H.265 §7.3.2.2) tells about the pictures: profile, tier,
 * level and size after the conformance window.
 *
 * @param profileSpace     {@code general_profile_space}
 * @param highTier         {@code general_tier_flag}
 * @param profileIdc       {@code general_profile_idc} (1 Main, 2 Main 10...)
 * @param levelIdc         {@code general_level_idc}, thirty times the level (93 for 3.1)
 * @param chromaFormatIdc  0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param bitDepthLuma     bits per luma sample
 * @param width            pixels, conformance window applied
 * @param height           pixels, conformance window applied
 */
public record H265Sps(int profileSpace, boolean highTier, int profileIdc, int levelIdc, int chromaFormatIdc,
                      int bitDepthLuma, int width, int height) {
    private static final int NAL_SPS = 33;

    /**
     * Reads an SPS.
     *
     * @param nal the SPS NAL unit, its two-byte header included
     * @return what it describes
     * @throws IllegalArgumentException when it is not an SPS or is truncated or out of range
     */
    public static H265Sps parse(byte[] nal) {
        if (nal.length < 3 || ((nal[0] >>> 1) & 0x3F) != NAL_SPS) {
            throw new IllegalArgumentException("not an H265 SPS NAL unit");
        }
        BitReader r = new BitReader(Rbsp.unescape(nal, 2));
        r.skip(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.readInt(3);
        r.skip(1); // sps_temporal_id_nesting_flag
        int profileSpace = r.readInt(2);
        boolean tier = r.readFlag();
        int profile = r.readInt(5);
        r.skip(32); // general_profile_compatibility_flags
        r.skip(4 + 43 + 1); // progressive, interlaced, non-packed, frame-only; constraint and reserved bits
        int level = r.readInt(8);
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.readFlag();
            levelPresent[i] = r.readFlag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skip(2L * (8 - maxSubLayersMinus1));
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            r.skip((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
        }
        check(r.readUe(), 15, "sps_seq_parameter_set_id");
        int chroma = (int) check(r.readUe(), 3, "chroma_format_idc");
        boolean separateColourPlane = chroma == 3 && r.readFlag();
        long width = check(r.readUe(), 65535, "pic_width_in_luma_samples");
        long height = check(r.readUe(), 65535, "pic_height_in_luma_samples");
        int chromaArrayType = separateColourPlane ? 0 : chroma;
        int subWidth = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
        int subHeight = chromaArrayType == 1 ? 2 : 1;
        if (r.readFlag()) {
            long left = r.readUe();
            long right = r.readUe();
            long top = r.readUe();
            long bottom = r.readUe();
            width -= subWidth * (left + right);
            height -= subHeight * (top + bottom);
        }
        int bitDepth = 8 + (int) check(r.readUe(), 8, "bit_depth_luma_minus8");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("H265 SPS conformance window leaves no picture");
        }
        return new H265Sps(profileSpace, tier, profile, level, chroma, bitDepth, (int) width, (int) height);
    }

    private static long check(long value, long max, String field) {
        if (value > max) {
            throw new IllegalArgumentException("H265 SPS " + field + " out of range: " + value);
        }
        return value;
    }
}
