package org.rtspkit.formats.nal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.formats.h264.AvcDecoderConfiguration;
import org.rtspkit.formats.h264.H264Sps;
import org.rtspkit.formats.h265.H265Sps;

/** Annex-B, length-prefixed samples, avcC, and the SPS readers on parameter sets x264 and x265 wrote. */
class NalHelpersTest {
    static final byte[] A = {0x67, 1, 2};
    static final byte[] B = {0x68, 3};
    static final byte[] C = {0x65, 0, 0, 3, 0, 4};

    @Test
    void annexBSplitsOnThreeAndFourByteStartCodes() {
        byte[] stream = {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 0, 1, 0x65, 0, 0, 3, 0, 4, 0, 0};
        List<byte[]> units = AnnexB.split(stream);
        assertEquals(3, units.size());
        assertArrayEquals(A, units.get(0));
        assertArrayEquals(B, units.get(1));
        assertArrayEquals(C, units.get(2));
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 0, 0, 3, 0, 4},
                AnnexB.normalize(stream));
        assertEquals(7, AnnexB.findStartCode(stream, 4, stream.length));
        assertThrows(IllegalArgumentException.class, () -> AnnexB.split(new byte[] {0x67, 0, 0, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> AnnexB.split(new byte[] {0, 0, 2}));
    }

    @Test
    void lengthPrefixedSamplesConvertBothWays() {
        byte[] avcc = Avcc.join(List.of(A, B, C), 4);
        assertArrayEquals(new byte[] {0, 0, 0, 3, 0x67, 1, 2, 0, 0, 0, 2, 0x68, 3, 0, 0, 0, 6, 0x65, 0, 0, 3, 0, 4}, avcc);
        assertArrayEquals(AnnexB.join(List.of(A, B, C)), Avcc.toAnnexB(avcc, 4));
        assertArrayEquals(avcc, Avcc.fromAnnexB(Avcc.toAnnexB(avcc, 4), 4));
        byte[] two = Avcc.join(List.of(A, B), 2);
        assertEquals(2, Avcc.split(two, 2).size());
        assertThrows(IllegalArgumentException.class, () -> Avcc.split(new byte[] {0, 0, 0, 9, 1}, 4));
        assertThrows(IllegalArgumentException.class, () -> Avcc.join(List.of(new byte[256]), 1));
        assertThrows(IllegalArgumentException.class, () -> Avcc.split(avcc, 3));
    }

    @Test
    void avcDecoderConfigurationRoundTrip() {
        byte[] sps = Base64.getDecoder().decode("Z2QAHqzZQKAv+XARAAADAAEAAAMAMg8WLZY=");
        byte[] pps = {0x68, (byte) 0xEB, (byte) 0xE3, (byte) 0xCB, 0x22, (byte) 0xC0};
        AvcDecoderConfiguration c = AvcDecoderConfiguration.of(sps, pps);
        byte[] bytes = c.toBytes();
        assertEquals(1, bytes[0]);
        assertEquals(0x64, bytes[1]);
        assertEquals(0x1E, bytes[3]);
        assertEquals((byte) 0xFF, bytes[4], "reserved bits and lengthSizeMinusOne = 3");
        assertEquals((byte) 0xE1, bytes[5], "reserved bits and one SPS");
        assertEquals(c, AvcDecoderConfiguration.parse(bytes));
        assertThrows(IllegalArgumentException.class,
                () -> AvcDecoderConfiguration.parse(java.util.Arrays.copyOf(bytes, bytes.length - 2)));
    }

    @Test
    void h264SpsOfX264() {
        H264Sps high = H264Sps.parse(Base64.getDecoder().decode("Z2QAHqzZQKAv+XARAAADAAEAAAMAMg8WLZY="));
        assertEquals(new H264Sps(100, 0, 30, 1, 8, true, 640, 360), high);
        assertEquals("64001E", high.profileLevelId());
        H264Sps baseline = H264Sps.parse(Base64.getDecoder().decode("Z0LAH9kAUAW7ARAAAAMAEAAAAwMg8YMkgA=="));
        assertEquals(66, baseline.profileIdc());
        assertEquals(31, baseline.levelIdc());
        assertEquals(1280, baseline.width());
        assertEquals(720, baseline.height());
        assertThrows(IllegalArgumentException.class, () -> H264Sps.parse(new byte[] {0x67, 0x64, 0, 0x1E}));
        assertThrows(IllegalArgumentException.class, () -> H264Sps.parse(B));
    }

    @Test
    void h265SpsOfX265() {
        H265Sps small = H265Sps.parse(Base64.getDecoder().decode("QgEBAWAAAAMAkAAAAwAAAwA8oAoIDxZZWaSTK8BaAgAAAwACAAADADIQ"));
        assertEquals(new H265Sps(0, false, 1, 60, 1, 8, 320, 240), small);
        H265Sps full = H265Sps.parse(Base64.getDecoder().decode("QgEBAWAAAAMAkAAAAwAAAwB4oAPAgBDlllZpJMrwFoCAAAADAIAAAAyE"));
        assertEquals(1920, full.width());
        assertEquals(1080, full.height());
        assertEquals(120, full.levelIdc());
        assertThrows(IllegalArgumentException.class, () -> H265Sps.parse(new byte[] {0x42, 1, 1}));
    }
}
