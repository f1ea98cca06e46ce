package org.rtspkit.formats.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.H265Format;
import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.api.OpusFormat;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.av1.Av1Depacketizer;
import org.rtspkit.formats.av1.Av1Packetizer;
import org.rtspkit.formats.g711.G711Depacketizer;
import org.rtspkit.formats.g722.G722Depacketizer;
import org.rtspkit.formats.g722.G722Packetizer;
import org.rtspkit.formats.h264.H264Depacketizer;
import org.rtspkit.formats.h265.H265Depacketizer;
import org.rtspkit.formats.klv.KlvDepacketizer;
import org.rtspkit.formats.klv.KlvPacketizer;
import org.rtspkit.formats.lpcm.LpcmDepacketizer;
import org.rtspkit.formats.lpcm.LpcmParameters;
import org.rtspkit.formats.mjpeg.JpegImage;
import org.rtspkit.formats.mjpeg.MjpegDepacketizer;
import org.rtspkit.formats.mjpeg.MjpegPacketizer;
import org.rtspkit.formats.mpeg4audio.AudioSpecificConfig;
import org.rtspkit.formats.mpeg4audio.LatmConfig;
import org.rtspkit.formats.mpeg4audio.LatmDepacketizer;
import org.rtspkit.formats.mpeg4audio.Mpeg4AudioDepacketizer;
import org.rtspkit.formats.mpegts.MpegTsDepacketizer;
import org.rtspkit.formats.mpegts.MpegTsPacketizer;
import org.rtspkit.formats.opus.OpusDepacketizer;
import org.rtspkit.formats.vp8.Vp8Depacketizer;
import org.rtspkit.formats.vp8.Vp8Packetizer;
import org.rtspkit.formats.vp9.Vp9Depacketizer;
import org.rtspkit.formats.vp9.Vp9Packetizer;

/**
 * Every depacketizer, fed scripts of packets ({@link PacketScript}): nothing escapes it, every packet is
 * counted, every unit it emits is within the size limit and well formed for its format, and the counts
 * add up.
 */
class DepacketizerFuzzTest {
    /** Small, so that the fuzzer reaches it. */
    static final int LIMIT = 16 * 1024;
    static final DepacketizerSettings SETTINGS = new DepacketizerSettings(LIMIT, true);

    static final H264Format H264 = H264Format.of(96, null, null);
    static final H265Format H265 = H265Format.of(96, null, null, null);
    static final H265Format H265_DON = new H265Format(96, null, null, null, 100, Map.of());
    static final Mpeg4AudioFormat AAC_HBR = Mpeg4AudioFormat.aacHbr(97, 48000, 2,
            AudioSpecificConfig.aacLc(48000, 2).toBytes());
    static final Mpeg4AudioFormat AAC_FIELDS = new Mpeg4AudioFormat(97, 8000, 1, null, 6, 2, 2, Map.of("mode", "AAC-lbr",
            "ctsdeltalength", "3", "dtsdeltalength", "4", "randomaccessindication", "1", "streamstateindication", "2",
            "auxiliarydatasizelength", "5"));

    @FuzzTest(maxDuration = "60s")
    void h264(byte[] script) {
        run(script, new H264Depacketizer(H264, SETTINGS), DepacketizerFuzzTest::annexB);
    }

    @FuzzTest(maxDuration = "60s")
    void h265(byte[] script) {
        run(script, new H265Depacketizer(H265, SETTINGS), DepacketizerFuzzTest::annexB);
        run(script, new H265Depacketizer(H265_DON, SETTINGS), DepacketizerFuzzTest::annexB);
    }

    @FuzzTest(maxDuration = "60s")
    void aac(byte[] script) {
        run(script, new Mpeg4AudioDepacketizer(AAC_HBR, SETTINGS), DepacketizerFuzzTest::notEmpty);
        run(script, new Mpeg4AudioDepacketizer(AAC_FIELDS, SETTINGS), DepacketizerFuzzTest::notEmpty);
    }

    @FuzzTest(maxDuration = "60s")
    void latm(byte[] script) {
        run(script, new LatmDepacketizer(LatmConfig.of(AudioSpecificConfig.aacLc(48000, 2)).toFormat(96), SETTINGS),
                DepacketizerFuzzTest::notEmpty);
        run(script, new LatmDepacketizer(new LatmConfig(2, AudioSpecificConfig.aacLc(48000, 2), 12, false).toFormat(96),
                SETTINGS), DepacketizerFuzzTest::notEmpty);
    }

    @FuzzTest(maxDuration = "60s")
    void sampleFormats(byte[] script) {
        run(script, new OpusDepacketizer(OpusFormat.of(96, true), SETTINGS), DepacketizerFuzzTest::notEmpty);
        run(script, new G711Depacketizer(new G711Format(96, true, 8000, 2), SETTINGS), u -> frames(u, 2));
        run(script, new LpcmDepacketizer(new LpcmParameters(24, 48000, 2).toFormat(96), SETTINGS), u -> frames(u, 6));
    }

    @FuzzTest(maxDuration = "60s")
    void mjpeg(byte[] script) {
        run(script, new MjpegDepacketizer(MjpegPacketizer.defaultFormat(), SETTINGS), unit -> {
            // What is emitted is a JFIF image that reads back as it was written.
            JpegImage image = JpegImage.parse(unit.data());
            assertArrayEquals(unit.data(), image.toJfif());
        });
    }

    @FuzzTest(maxDuration = "60s")
    void vpx(byte[] script) {
        run(script, new Vp8Depacketizer(Vp8Packetizer.format(96), SETTINGS), DepacketizerFuzzTest::notEmpty);
        run(script, new Vp9Depacketizer(Vp9Packetizer.format(96), SETTINGS), DepacketizerFuzzTest::notEmpty);
    }

    @FuzzTest(maxDuration = "60s")
    void av1(byte[] script) {
        run(script, new Av1Depacketizer(Av1Packetizer.format(96), SETTINGS), unit -> {
            // A temporal delimiter, then OBUs with their sizes, which the packetizer reads back.
            assertTrue(unit.data().length >= 2 && unit.data()[0] == 0x12 && unit.data()[1] == 0);
            new Av1Packetizer(Av1Packetizer.format(96), PacketizerSettings.defaults()).packetize(unit.data(), 0,
                    (b, o, l) -> { });
        });
    }

    @FuzzTest(maxDuration = "60s")
    void muxedAndMetadata(byte[] script) {
        run(script, new MpegTsDepacketizer(MpegTsPacketizer.defaultFormat(), SETTINGS),
                u -> frames(u, 188));
        run(script, new KlvDepacketizer(KlvPacketizer.format(96, 90000), SETTINGS), DepacketizerFuzzTest::notEmpty);
        run(script, new G722Depacketizer(G722Packetizer.defaultFormat(), SETTINGS),
                DepacketizerFuzzTest::notEmpty);
    }

    private static void run(byte[] script, Depacketizer depacketizer, Consumer<AccessUnit> check) {
        List<AccessUnit> units = new ArrayList<>();
        int pushed = PacketScript.play(script, depacketizer, units::add);
        DepacketizerStats stats = depacketizer.stats();
        assertEquals(pushed, stats.packets(), stats::toString);
        assertEquals(units.size(), stats.accessUnits(), stats::toString);
        assertTrue(stats.packetsLost() >= 0 && stats.packetsLate() >= 0 && stats.packetsMalformed() >= 0
                && stats.unitsBroken() >= 0 && stats.unitsOversized() >= 0 && stats.unitsSkipped() >= 0);
        assertTrue(stats.packetsLate() + stats.packetsMalformed() <= stats.packets(), stats::toString);
        for (AccessUnit unit : units) {
            assertTrue(unit.data().length <= LIMIT || depacketizer instanceof MjpegDepacketizer,
                    "unit of " + unit.data().length + " bytes");
            check.accept(unit);
        }
    }

    /**
     * Annex-B with 4-byte start codes. (What the NAL units hold is the sender's: a unit of zeros, or
     * with a start code inside, is passed on as it came.)
     */
    private static void annexB(AccessUnit unit) {
        byte[] data = unit.data();
        assertTrue(data.length > 5);
        assertArrayEquals(new byte[] {0, 0, 0, 1}, Arrays.copyOf(data, 4));
    }

    private static void notEmpty(AccessUnit unit) {
        assertTrue(unit.data().length > 0);
    }

    private static void frames(AccessUnit unit, int frameSize) {
        assertTrue(unit.data().length > 0 && unit.data().length % frameSize == 0);
    }
}
