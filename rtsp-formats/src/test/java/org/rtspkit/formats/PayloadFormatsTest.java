package org.rtspkit.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Format;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.H265Format;
import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.api.OpusFormat;
import org.rtspkit.formats.mpeg4audio.AudioSpecificConfig;
import org.rtspkit.formats.mpeg4audio.LatmConfig;

/** Every format of the module is found by its record, its encoding name or its static payload type. */
class PayloadFormatsTest {
    private static void found(Format format, String packetizer, String depacketizer) {
        PacketizerSettings settings = PacketizerSettings.defaults();
        assertEquals(packetizer, PayloadFormats.packetizer(format, settings).orElseThrow().getClass().getSimpleName());
        assertEquals(depacketizer, PayloadFormats.depacketizer(format, DepacketizerSettings.defaults()).orElseThrow()
                .getClass().getSimpleName());
        assertEquals(format.payloadType(), PayloadFormats.packetizer(format, settings).orElseThrow().format().payloadType());
    }

    @Test
    void everyFormatIsFound() {
        found(H264Format.of(96, null, null), "H264Packetizer", "H264Depacketizer");
        found(H265Format.of(96, null, null, null), "H265Packetizer", "H265Depacketizer");
        found(Mpeg4AudioFormat.aacHbr(97, 48000, 2, null), "Mpeg4AudioPacketizer", "Mpeg4AudioDepacketizer");
        found(OpusFormat.of(111, true), "OpusPacketizer", "OpusDepacketizer");
        found(G711Format.pcma(), "G711Packetizer", "G711Depacketizer");
        found(new GenericFormat(26, 90000, null, Map.of()), "MjpegPacketizer", "MjpegDepacketizer");
        found(new GenericFormat(96, 48000, "l16/48000/2", Map.of()), "LpcmPacketizer", "LpcmDepacketizer");
        found(new GenericFormat(11, 44100, null, Map.of()), "LpcmPacketizer", "LpcmDepacketizer");
        found(LatmConfig.of(AudioSpecificConfig.aacLc(48000, 2)).toFormat(98), "LatmPacketizer", "LatmDepacketizer");
        found(new GenericFormat(100, 90000, "VP8/90000", Map.of()), "Vp8Packetizer", "Vp8Depacketizer");
        found(new GenericFormat(101, 90000, "VP9/90000", Map.of()), "Vp9Packetizer", "Vp9Depacketizer");
        found(new GenericFormat(102, 90000, "AV1/90000", Map.of()), "Av1Packetizer", "Av1Depacketizer");
        found(new GenericFormat(33, 90000, null, Map.of()), "MpegTsPacketizer", "MpegTsDepacketizer");
        found(new GenericFormat(103, 90000, "SMPTE336M/90000", Map.of()), "KlvPacketizer", "KlvDepacketizer");
        found(new GenericFormat(9, 8000, "G722/8000", Map.of()), "G722Packetizer", "G722Depacketizer");
        found(new GenericFormat(104, 16000, "PCMU/16000/2", Map.of()), "G711Packetizer", "G711Depacketizer");
    }

    @Test
    void unknownEncodingsAreEmptyAndUnsupportedParametersRefused() {
        GenericFormat unknown = new GenericFormat(96, 90000, "THEORA/90000", Map.of());
        assertTrue(PayloadFormats.packetizer(unknown, PacketizerSettings.defaults()).isEmpty());
        assertTrue(PayloadFormats.depacketizer(new GenericFormat(96, 0, null, Map.of()), DepacketizerSettings.defaults())
                .isEmpty());
        assertThrows(IllegalArgumentException.class, () -> PayloadFormats.packetizer(
                new H264Format(96, 2, null, null, null, Map.of()), PacketizerSettings.defaults()));
        assertThrows(IllegalArgumentException.class, () -> PayloadFormats.depacketizer(
                new GenericFormat(96, 44100, "MP4A-LATM/44100/2", Map.of()), DepacketizerSettings.defaults()));
    }
}
