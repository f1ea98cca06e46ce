package org.rtspkit.formats.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.OpusFormat;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.Units;
import org.rtspkit.formats.g711.G711Depacketizer;
import org.rtspkit.formats.g711.G711Packetizer;
import org.rtspkit.formats.lpcm.LpcmDepacketizer;
import org.rtspkit.formats.lpcm.LpcmPacketizer;
import org.rtspkit.formats.lpcm.LpcmParameters;
import org.rtspkit.formats.opus.OpusDepacketizer;
import org.rtspkit.formats.opus.OpusPacketizer;

/** Opus, G.711 and LPCM: one unit per payload, blocks of samples cut on sample frames. */
class SampleFormatsTest {
    @Test
    void g711BlocksAreCutIntoPacketsWithAdvancingTimestamps() {
        G711Format stereo = new G711Format(98, false, 8000, 2);
        G711Packetizer p = new G711Packetizer(stereo, new PacketizerSettings(101, 1, 0, 1000));
        List<RtpPacket> packets = p.packetize(Units.random(1, 500), 0);
        // 100 bytes (50 frames of two channels) per packet at most.
        assertEquals(List.of(100, 100, 100, 100, 100), packets.stream().map(x -> x.payload().length).toList());
        assertEquals(List.of(1000L, 1050L, 1100L, 1150L, 1200L), packets.stream().map(RtpPacket::timestamp).toList());
        packets.forEach(x -> assertFalse(x.marker(), "no talkspurts: the marker bit stays 0 (RFC 3551 §4.1)"));
        assertThrows(IllegalArgumentException.class, () -> p.packetize(new byte[3], 0));
        G711Depacketizer d = new G711Depacketizer(stereo);
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertEquals(5, units.size());
        assertEquals(1100, units.get(2).rtpTimestamp());
        d.push(RtpPacket.of(false, 98, 5, 0, 1, new byte[3]));
        assertEquals(1, d.stats().packetsMalformed());
    }

    @Test
    void lpcmParametersAndFrames() {
        GenericFormat l24 = new LpcmParameters(24, 48000, 2).toFormat(99);
        assertEquals("L24/48000/2", l24.rtpMap());
        assertEquals(new LpcmParameters(24, 48000, 2), LpcmParameters.fromFormat(l24));
        assertEquals(new LpcmParameters(16, 44100, 2), LpcmParameters.fromFormat(new GenericFormat(10, 44100, null,
                java.util.Map.of())));
        assertEquals(new LpcmParameters(8, 8000, 1), LpcmParameters.fromFormat(new GenericFormat(96, 8000, "l8/8000",
                java.util.Map.of())));
        assertThrows(IllegalArgumentException.class, () -> LpcmParameters.fromFormat(new GenericFormat(96, 8000,
                "L12/8000", java.util.Map.of())));
        LpcmPacketizer p = new LpcmPacketizer(l24, new PacketizerSettings(1000, 1, 0, 0));
        List<RtpPacket> packets = p.packetize(Units.random(2, 6 * 400), 0);
        assertEquals(List.of(996, 996, 408), packets.stream().map(x -> x.payload().length).toList());
        assertEquals(List.of(0L, 166L, 332L), packets.stream().map(RtpPacket::timestamp).toList());
        assertThrows(IllegalArgumentException.class, () -> p.packetize(new byte[7], 0));
        LpcmDepacketizer d = new LpcmDepacketizer(l24);
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertArrayEquals(Units.random(2, 6 * 400), Units.concat(units.get(0).data(), units.get(1).data(),
                units.get(2).data()));
        d.push(RtpPacket.of(false, 99, 3, 0, 1, new byte[5]));
        d.push(RtpPacket.of(false, 99, 4, 0, 1, new byte[0]));
        assertEquals(2, d.stats().packetsMalformed());
    }

    @Test
    void opusIsOnePacketPerPayloadAndNeverFragmented() {
        OpusFormat format = OpusFormat.of(111, true);
        OpusPacketizer p = new OpusPacketizer(format, new PacketizerSettings(100, 1, 0, 0));
        List<RtpPacket> packets = p.packetize(Units.random(3, 100), 20_000_000);
        assertEquals(1, packets.size());
        assertEquals(960, packets.get(0).timestamp(), "20 ms at 48 kHz");
        assertThrows(IllegalArgumentException.class, () -> p.packetize(new byte[101], 0));
        assertThrows(IllegalArgumentException.class, () -> p.packetize(new byte[0], 0));
        OpusDepacketizer d = new OpusDepacketizer(format);
        assertArrayEquals(Units.random(3, 100), Units.depacketize(d, packets).get(0).data());
        d.push(RtpPacket.of(false, 111, 1, 0, 1, new byte[0]));
        assertEquals(1, d.stats().packetsMalformed());
    }
}
