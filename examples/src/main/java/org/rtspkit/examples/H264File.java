package org.rtspkit.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rtspkit.api.H264Format;
import org.rtspkit.formats.nal.AnnexB;

/**
 * An H264 elementary stream (Annex B: NAL units after {@code 00 00 01} start codes), as
 * {@code ffmpeg ... -c:v libx264 -bf 0 -f h264 video.h264} writes it, split into pictures: the access
 * units a {@link org.rtspkit.formats.FrameWriter} takes, one per picture, in file order.
 *
 * @param pictures the access units in file order, each its NAL units after 4-byte start codes
 * @param sps      the first sequence parameter set, for the SDP
 * @param pps      the first picture parameter set
 */
public record H264File(List<byte[]> pictures, byte[] sps, byte[] pps) {
    private static final int SPS = 7;
    private static final int PPS = 8;

    /** Reads the whole file; it must hold an SPS, a PPS and at least one picture. */
    public static H264File read(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<byte[]> pictures = new ArrayList<>();
        List<byte[]> picture = new ArrayList<>();
        boolean pictureHasSlice = false;
        byte[] sps = null;
        byte[] pps = null;
        List<byte[]> nalUnits;
        try {
            nalUnits = AnnexB.split(data);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not an H264 Annex B stream: " + e.getMessage(), e);
        }
        for (byte[] nal : nalUnits) {
            int type = nal[0] & 0x1F;
            boolean slice = type >= 1 && type <= 5;
            // A picture ends before the next non-slice NAL unit, or before a slice whose
            // first_mb_in_slice is 0 (its first bit is 1: ue(v) of 0 is the single bit 1).
            if (pictureHasSlice && (!slice || (nal.length > 1 && (nal[1] & 0x80) != 0))) {
                pictures.add(AnnexB.join(picture));
                picture = new ArrayList<>();
                pictureHasSlice = false;
            }
            picture.add(nal);
            pictureHasSlice |= slice;
            if (type == SPS && sps == null) {
                sps = nal;
            } else if (type == PPS && pps == null) {
                pps = nal;
            }
        }
        if (pictureHasSlice) {
            pictures.add(AnnexB.join(picture));
        }
        if (sps == null || pps == null || pictures.isEmpty()) {
            throw new IOException(file + " is not an H264 Annex B stream with parameter sets and pictures");
        }
        return new H264File(List.copyOf(pictures), sps, pps);
    }

    /** The format to announce: packetization-mode 1, the parameter sets in {@code sprop-parameter-sets}. */
    public H264Format format(int payloadType) {
        return H264Format.of(payloadType, sps, pps);
    }
}
