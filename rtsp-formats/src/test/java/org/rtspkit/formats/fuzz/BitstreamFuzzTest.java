package org.rtspkit.formats.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.rtspkit.formats.h264.AvcDecoderConfiguration;
import org.rtspkit.formats.h264.H264Sps;
import org.rtspkit.formats.h265.H265Sps;
import org.rtspkit.formats.mjpeg.JpegImage;
import org.rtspkit.formats.mpeg4audio.Adts;
import org.rtspkit.formats.mpeg4audio.AdtsFrame;
import org.rtspkit.formats.mpeg4audio.AudioSpecificConfig;
import org.rtspkit.formats.mpeg4audio.LatmConfig;
import org.rtspkit.formats.nal.AnnexB;
import org.rtspkit.formats.nal.Avcc;

/**
 * The readers of what a publisher's SDP or a file brings (configurations, parameter sets, ADTS, JPEG,
 * Annex-B, avcC): only {@link IllegalArgumentException} escapes, and what they read writes back to
 * what reads the same.
 */
class BitstreamFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void configurations(byte[] data) {
        try {
            AudioSpecificConfig config = AudioSpecificConfig.parse(data);
            assertEquals(config, AudioSpecificConfig.parse(config.toBytes()));
        } catch (IllegalArgumentException expected) {
            // Not a configuration this module reads.
        }
        try {
            LatmConfig config = LatmConfig.parse(data);
            assertEquals(config, LatmConfig.parse(config.toBytes()));
        } catch (IllegalArgumentException expected) {
            // Not a configuration this module reads.
        }
        try {
            AvcDecoderConfiguration config = AvcDecoderConfiguration.parse(data);
            assertEquals(config, AvcDecoderConfiguration.parse(config.toBytes()));
        } catch (IllegalArgumentException expected) {
            // Not an avcC record.
        }
    }

    @FuzzTest(maxDuration = "60s")
    void parameterSets(byte[] data) {
        byte[] sps = data.clone();
        if (sps.length > 1) {
            sps[0] = 0x67;
        }
        try {
            H264Sps.parse(sps);
        } catch (IllegalArgumentException expected) {
            // Truncated or out of range.
        }
        byte[] hevc = data.clone();
        if (hevc.length > 2) {
            hevc[0] = 0x42;
        }
        try {
            H265Sps.parse(hevc);
        } catch (IllegalArgumentException expected) {
            // Truncated or out of range.
        }
    }

    @FuzzTest(maxDuration = "60s")
    void streams(byte[] data) {
        try {
            List<AdtsFrame> frames = Adts.split(data);
            for (AdtsFrame frame : frames) {
                assertEquals(frame.data().length, Adts.split(Adts.frame(frame.config(), frame.data())).get(0).data().length);
            }
        } catch (IllegalArgumentException expected) {
            // Not ADTS.
        }
        try {
            List<byte[]> units = AnnexB.split(data);
            assertEquals(units.size(), AnnexB.split(AnnexB.join(units)).size());
            byte[] sample = Avcc.join(units, 4);
            assertArrayEquals(AnnexB.join(units), Avcc.toAnnexB(sample, 4));
        } catch (IllegalArgumentException expected) {
            // Not Annex-B.
        }
        try {
            JpegImage image = JpegImage.parse(data);
            assertEquals(image, JpegImage.parse(image.toJfif()));
        } catch (IllegalArgumentException expected) {
            // Not a JPEG image RTP can carry.
        }
    }
}
