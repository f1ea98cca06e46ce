package org.rtspkit.formats.vp9;

/** What the uncompressed header of a VP9 frame (VP9 bitstream specification §6.2) says about it. */
final class Vp9Frames {
    private Vp9Frames() {
    }

    /**
     * Whether the frame is a key frame: frame marker 2, then the profile bits (and a reserved bit for
     * profile 3), show_existing_frame 0 and frame_type 0.
     */
    static boolean isKeyFrame(byte[] b, int offset, int length) {
        if (length < 1) {
            return false;
        }
        int bits = b[offset] & 0xFF;
        if (bits >>> 6 != 2) {
            return false;
        }
        int profile = ((bits >>> 4) & 1) << 1 | ((bits >>> 5) & 1);
        int next = profile == 3 ? 2 : 3;
        boolean showExisting = ((bits >>> next) & 1) == 1;
        int frameType = (bits >>> (next - 1)) & 1;
        return !showExisting && frameType == 0;
    }
}
