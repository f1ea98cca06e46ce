package org.rtspkit.formats.mpeg4audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.Units;
import org.rtspkit.formats.internal.BitWriter;

/** RFC 3640 (AAC-hbr, AAC-lbr), RFC 6416 (LATM), AudioSpecificConfig and ADTS. */
class Mpeg4AudioTest {
    static final AudioSpecificConfig LC_48K_STEREO = AudioSpecificConfig.aacLc(48000, 2);
    static final Mpeg4AudioFormat HBR = Mpeg4AudioFormat.aacHbr(97, 48000, 2, LC_48K_STEREO.toBytes());

    @Test
    void audioSpecificConfigBits() {
        // AAC LC (2), 48 kHz (index 3), stereo: 00010 0011 0010 000 = 0x11 0x90.
        assertArrayEquals(new byte[] {0x11, (byte) 0x90}, LC_48K_STEREO.toBytes());
        // 44.1 kHz (index 4): 0x12 0x10.
        assertEquals(AudioSpecificConfig.aacLc(44100, 2), AudioSpecificConfig.parse(new byte[] {0x12, 0x10}));
        // FFmpeg's config for 48 kHz stereo carries a trailing SBR sync extension, which is ignored.
        assertEquals(LC_48K_STEREO, AudioSpecificConfig.parse(HexFormat.of().parseHex("119056E500")));
        AudioSpecificConfig he = new AudioSpecificConfig(2, 24000, 2, false, 5, 48000);
        assertEquals(he, AudioSpecificConfig.parse(he.toBytes()));
        assertEquals(48000, he.outputSampleRate());
        assertEquals(2048, he.frameDuration(48000));
        AudioSpecificConfig odd = new AudioSpecificConfig(2, 50000, 1, true, 0, 0);
        assertEquals(odd, AudioSpecificConfig.parse(odd.toBytes()), "an explicit 24-bit rate");
        assertEquals(960, odd.samplesPerFrame());
        assertThrows(IllegalArgumentException.class, () -> AudioSpecificConfig.parse(new byte[] {0x11}));
        assertThrows(IllegalArgumentException.class, () -> AudioSpecificConfig.parse(new byte[] {0x11, (byte) 0x80}),
                "channel configuration 0 needs a program config element");
    }

    @Test
    void adtsBothWays() {
        byte[] frame = Units.random(1, 300);
        byte[] adts = Adts.frame(LC_48K_STEREO, frame);
        // Sync word, MPEG-4, no CRC; profile 1 (LC), index 3, channels 2; length 307; fullness 0x7FF.
        assertArrayEquals(HexFormat.of().parseHex("FFF14C80267FFC"), java.util.Arrays.copyOf(adts, 7));
        List<AdtsFrame> frames = Adts.split(Units.concat(adts, Adts.frame(LC_48K_STEREO, new byte[] {1})));
        assertEquals(2, frames.size());
        assertEquals(new AdtsFrame(LC_48K_STEREO, frame), frames.get(0));
        assertThrows(IllegalArgumentException.class, () -> Adts.split(java.util.Arrays.copyOf(adts, 100)));
        assertThrows(IllegalArgumentException.class, () -> Adts.header(new AudioSpecificConfig(2, 50000, 1, false, 0, 0), 1));
    }

    @Test
    void hbrOneFramePerPacketAndFragmentsWithTheWholeSize() {
        Mpeg4AudioPacketizer p = new Mpeg4AudioPacketizer(HBR, new PacketizerSettings(500, 1, 0, 0));
        byte[] small = Units.random(2, 200);
        List<RtpPacket> one = p.packetize(small, 0);
        assertEquals(1, one.size());
        // AU-headers-length 16 bits, AU-size 200 in 13 bits, AU-index 0 in 3 bits (RFC 3640 §3.3.6).
        assertArrayEquals(new byte[] {0, 16, (byte) (200 >> 5), (byte) (200 << 3)},
                java.util.Arrays.copyOf(one.get(0).payload(), 4));
        assertTrue(one.get(0).marker());
        byte[] large = Units.random(3, 1200);
        List<RtpPacket> fragments = p.packetize(large, 1024 * 1_000_000_000L / 48000);
        assertEquals(3, fragments.size());
        for (int i = 0; i < 3; i++) {
            byte[] b = fragments.get(i).payload();
            assertEquals(1200, ((b[2] & 0xFF) << 5) | ((b[3] & 0xFF) >> 3), "every fragment gives the whole size");
            assertEquals(i == 2, fragments.get(i).marker());
            assertEquals(1024, fragments.get(i).timestamp());
        }
        Mpeg4AudioDepacketizer d = new Mpeg4AudioDepacketizer(HBR);
        List<RtpPacket> all = new ArrayList<>(one);
        all.addAll(fragments);
        List<AccessUnit> units = Units.depacketize(d, all);
        assertEquals(2, units.size());
        assertArrayEquals(small, units.get(0).data());
        assertArrayEquals(large, units.get(1).data());
        assertEquals(1024, units.get(1).rtpTimestamp());
        assertEquals(21_333_333, units.get(1).presentationTime());
    }

    /** Several AUs in one packet, as FFmpeg sends them; interleaving shows in the index deltas. */
    @Test
    void severalFramesInOnePacketGetTheirOwnTimestamps() {
        byte[][] frames = {Units.random(4, 10), Units.random(5, 20), Units.random(6, 30)};
        BitWriter headers = new BitWriter();
        headers.writeBits(3 * 16, 16);
        headers.writeBits(10, 13);
        headers.writeBits(0, 3);
        headers.writeBits(20, 13);
        headers.writeBits(0, 3);
        headers.writeBits(30, 13);
        headers.writeBits(1, 3); // index delta 1: one frame left out between
        byte[] payload = Units.concat(headers.toByteArray(), frames[0], frames[1], frames[2]);
        Mpeg4AudioDepacketizer d = new Mpeg4AudioDepacketizer(HBR);
        List<AccessUnit> units = d.push(RtpPacket.of(true, 97, 1, 5000, 1, payload));
        assertEquals(3, units.size());
        assertEquals(List.of(5000L, 6024L, 8072L), units.stream().map(AccessUnit::rtpTimestamp).toList());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(frames[i], units.get(i).data());
        }
    }

    @Test
    void lowBitRateModeAndOptionalFields() {
        // AAC-lbr: 6-bit sizes, 2-bit indexes; with a 1-bit RAP flag and a 2-bit CTS delta (flag first).
        Mpeg4AudioFormat lbr = new Mpeg4AudioFormat(97, 8000, 1, null, 6, 2, 2,
                Map.of("mode", "AAC-lbr", "randomaccessindication", "1", "ctsdeltalength", "2"));
        BitWriter w = new BitWriter();
        w.writeBits(2 * (6 + 2 + 1 + 1) + 2, 16);
        w.writeBits(3, 6);
        w.writeBits(0, 2);
        w.writeBits(0, 1); // CTS flag
        w.writeBits(1, 1); // RAP
        w.writeBits(2, 6);
        w.writeBits(0, 2);
        w.writeBits(1, 1); // CTS flag set, 2-bit delta follows
        w.writeBits(3, 2);
        w.writeBits(0, 1);
        byte[] payload = Units.concat(w.toByteArray(), new byte[] {1, 2, 3, 4, 5});
        List<AccessUnit> units = new Mpeg4AudioDepacketizer(lbr).push(RtpPacket.of(true, 97, 1, 0, 1, payload));
        assertEquals(2, units.size());
        assertArrayEquals(new byte[] {1, 2, 3}, units.get(0).data());
        assertArrayEquals(new byte[] {4, 5}, units.get(1).data());
    }

    @Test
    void badPacketsAreCountedAndTheNextFramesComeThrough() {
        byte[] good = {0, 16, 0, 0x18, 7, 8, 9}; // one AU of 3 bytes
        List<byte[]> bad = List.of(
                new byte[] {0},                          // no AU-headers-length
                new byte[] {0, 40, 0, 0},                // headers longer than the packet
                new byte[] {0, 16, 0, 0x50, 1, 2},       // AU of 10 bytes, fragment start without its end (marker set)
                new byte[] {0, 12, 0, 0x18, 1, 2, 3},    // headers not a whole number of AU headers
                new byte[] {0, 32, 0, 0x18, 0, 0x18, 1}, // two AUs of 3 bytes, 1 byte of data
                new byte[] {0, 16, 0, 0, 1});            // an AU of size 0
        List<RtpPacket> packets = new ArrayList<>();
        int seq = 0;
        for (byte[] b : bad) {
            packets.add(RtpPacket.of(true, 97, seq++, seq * 1024L, 1, good));
            packets.add(RtpPacket.of(true, 97, seq++, seq * 1024L, 1, b));
        }
        packets.add(RtpPacket.of(true, 97, seq++, seq * 1024L, 1, good));
        Mpeg4AudioDepacketizer d = new Mpeg4AudioDepacketizer(HBR);
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertEquals(bad.size() + 1, units.size(), d.stats().toString());
        assertEquals(bad.size(), d.stats().packetsMalformed());
        for (AccessUnit u : units) {
            assertArrayEquals(new byte[] {7, 8, 9}, u.data());
        }
    }

    @Test
    void aLostFragmentDropsTheFrame() {
        Mpeg4AudioPacketizer p = new Mpeg4AudioPacketizer(HBR, new PacketizerSettings(100, 1, 0, 0));
        List<RtpPacket> packets = new ArrayList<>(p.packetize(Units.random(1, 250), 0));
        packets.remove(1);
        packets.addAll(p.packetize(Units.random(2, 50), 21_333_333));
        Mpeg4AudioDepacketizer d = new Mpeg4AudioDepacketizer(HBR);
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertEquals(1, units.size());
        assertEquals(50, units.get(0).data().length);
        assertEquals(1, d.stats().unitsBroken());
        assertEquals(1, d.stats().packetsLost());
        assertEquals(0, d.stats().packetsMalformed());
        Mpeg4AudioDepacketizer small = new Mpeg4AudioDepacketizer(HBR,
                DepacketizerSettings.defaults().withMaxAccessUnitSize(100));
        Units.depacketize(small, p.packetize(Units.random(1, 250), 0));
        assertEquals(1, small.stats().unitsOversized());
    }

    @Test
    void latmConfigIsWhatFfmpegWrites() {
        // FFmpeg's config for AAC LC 44.1 kHz stereo: 40 00 24 20 3F C0.
        LatmConfig config = LatmConfig.of(AudioSpecificConfig.aacLc(44100, 2));
        assertArrayEquals(HexFormat.of().parseHex("400024203FC0"), config.toBytes());
        assertEquals(config, LatmConfig.parse(config.toBytes()));
        GenericFormat format = config.toFormat(96);
        assertEquals("MP4A-LATM/44100/2", format.rtpMap());
        assertEquals("400024203fc0", format.fmtp().get("config"));
        assertEquals(config, LatmConfig.fromFormat(format));
        LatmConfig more = new LatmConfig(2, AudioSpecificConfig.aacLc(48000, 1), 300, true);
        assertEquals(more, LatmConfig.parse(more.toBytes()));
        assertThrows(IllegalArgumentException.class, () -> LatmConfig.fromFormat(new GenericFormat(96, 44100,
                "MP4A-LATM/44100/2", Map.of("config", "400024203FC0"))), "cpresent defaults to 1");
    }

    @Test
    void latmRoundTripWithLengthsAbove255AndFragments() {
        GenericFormat format = LatmConfig.of(LC_48K_STEREO).toFormat(96);
        LatmPacketizer p = new LatmPacketizer(format, new PacketizerSettings(400, 1, 0, 0));
        List<RtpPacket> packets = new ArrayList<>();
        int[] sizes = {1, 254, 255, 256, 510, 1000};
        for (int i = 0; i < sizes.length; i++) {
            packets.addAll(p.packetize(Units.random(i, sizes[i]), i * 21_333_333L));
        }
        byte[] first = packets.get(2).payload();
        assertEquals(255, first[0] & 0xFF, "PayloadLengthInfo of 255: 255 then 0");
        assertEquals(0, first[1]);
        LatmDepacketizer d = new LatmDepacketizer(format);
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertEquals(sizes.length, units.size(), d.stats().toString());
        for (int i = 0; i < sizes.length; i++) {
            assertArrayEquals(Units.random(i, sizes[i]), units.get(i).data());
            assertEquals(i * 1024L, units.get(i).rtpTimestamp());
        }
        // Lengths that overrun the element, and an element that does not end where its payload does.
        int seq = p.nextSequenceNumber();
        for (byte[] bad : List.of(new byte[] {10, 1, 2}, new byte[] {2, 1, 2, 3}, new byte[] {(byte) 255})) {
            d.push(RtpPacket.of(true, 96, seq++, 0, 1, bad));
        }
        assertEquals(3, d.stats().packetsMalformed());
    }
}
