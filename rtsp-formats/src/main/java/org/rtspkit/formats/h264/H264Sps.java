package org.rtspkit.formats.h264;

import org.rtspkit.formats.internal.BitReader;
import org.rtspkit.formats.internal.Rbsp;

/**
 * What an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) tells about the pictures: profile,
 * level and size after cropping.
 *
 * @param profileIdc       {@code profile_idc} (66 Baseline, 77 Main, 100 High...)
 * @param constraintFlags  the byte of {@code constraint_set0..5_flag} and reserved bits
 * @param levelIdc         {@code level_idc}, ten times the level (31 for 3.1)
 * @param chromaFormatIdc  0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param bitDepthLuma     bits per luma sample
 * @param frameMbsOnly     whether every picture is a frame (no field coding)
 * @param width            pixels, cropping applied
 * @param height           pixels, cropping applied
 */
public record H264Sps(int profileIdc, int constraintFlags, int levelIdc, int chromaFormatIdc, int bitDepthLuma,
                      boolean frameMbsOnly, int width, int height) {
    private static final int NAL_SPS = 7;

    /**
     * Reads an SPS.
     *
     * @param nal the SPS NAL unit, header included
     * @return what it describes
     * @throws IllegalArgumentException when it is not an SPS or is truncated or out of range
     */
    public static H264Sps parse(byte[] nal) {
        if (nal.length < 4 || (nal[0] & 0x1F) != NAL_SPS) {
            throw new IllegalArgumentException("not an H264 SPS NAL unit");
        }
        BitReader r = new BitReader(Rbsp.unescape(nal, 1));
        int profile = r.readInt(8);
        int constraints = r.readInt(8);
        int level = r.readInt(8);
        check(r.readUe(), 31, "seq_parameter_set_id");
        int chroma = 1;
        boolean separateColourPlane = false;
        int bitDepthLuma = 8;
        if (hasChromaInfo(profile)) {
            chroma = (int) check(r.readUe(), 3, "chroma_format_idc");
            if (chroma == 3) {
                separateColourPlane = r.readFlag();
            }
            bitDepthLuma = 8 + (int) check(r.readUe(), 6, "bit_depth_luma_minus8");
            check(r.readUe(), 6, "bit_depth_chroma_minus8");
            r.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (r.readFlag()) {
                int lists = chroma != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.readFlag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        check(r.readUe(), 12, "log2_max_frame_num_minus4");
        long pocType = check(r.readUe(), 2, "pic_order_cnt_type");
        if (pocType == 0) {
            check(r.readUe(), 12, "log2_max_pic_order_cnt_lsb_minus4");
        } else if (pocType == 1) {
            r.skip(1); // delta_pic_order_always_zero_flag
            r.readSe();
            r.readSe();
            long cycle = check(r.readUe(), 255, "num_ref_frames_in_pic_order_cnt_cycle");
            for (long i = 0; i < cycle; i++) {
                r.readSe();
            }
        }
        r.readUe(); // max_num_ref_frames
        r.skip(1); // gaps_in_frame_num_value_allowed_flag
        long widthMbs = check(r.readUe(), 1023, "pic_width_in_mbs_minus1") + 1;
        long heightMapUnits = check(r.readUe(), 1023, "pic_height_in_map_units_minus1") + 1;
        boolean frameMbsOnly = r.readFlag();
        if (!frameMbsOnly) {
            r.skip(1); // mb_adaptive_frame_field_flag
        }
        r.skip(1); // direct_8x8_inference_flag
        long cropLeft = 0;
        long cropRight = 0;
        long cropTop = 0;
        long cropBottom = 0;
        if (r.readFlag()) {
            cropLeft = r.readUe();
            cropRight = r.readUe();
            cropTop = r.readUe();
            cropBottom = r.readUe();
        }
        int chromaArrayType = separateColourPlane ? 0 : chroma;
        int subWidth = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
        int subHeight = chromaArrayType == 1 ? 2 : 1;
        int fieldFactor = frameMbsOnly ? 1 : 2;
        long cropUnitX = chromaArrayType == 0 ? 1 : subWidth;
        long cropUnitY = (chromaArrayType == 0 ? 1 : subHeight) * fieldFactor;
        long width = widthMbs * 16 - cropUnitX * (cropLeft + cropRight);
        long height = fieldFactor * heightMapUnits * 16 - cropUnitY * (cropTop + cropBottom);
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("H264 SPS cropping leaves no picture");
        }
        return new H264Sps(profile, constraints, level, chroma, bitDepthLuma, frameMbsOnly, (int) width, (int) height);
    }

    private static boolean hasChromaInfo(int profile) {
        return switch (profile) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingList(BitReader r, int size) {
        long last = 8;
        long next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                long delta = r.readSe();
                next = Math.floorMod(last + delta + 256, 256);
            }
            last = next == 0 ? last : next;
        }
    }

    private static long check(long value, long max, String field) {
        if (value > max) {
            throw new IllegalArgumentException("H264 SPS " + field + " out of range: " + value);
        }
        return value;
    }

    /**
     * The {@code profile-level-id} of SDP (RFC 6184 §8.1): profile, constraints and level in six hex digits.
     *
     * @return for example {@code 64001F}
     */
    public String profileLevelId() {
        return String.format("%02X%02X%02X", profileIdc, constraintFlags, levelIdc);
    }
}
