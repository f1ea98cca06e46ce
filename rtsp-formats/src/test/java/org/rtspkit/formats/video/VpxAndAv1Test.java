package org.rtspkit.formats.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.Units;
import org.rtspkit.formats.av1.Av1Depacketizer;
import org.rtspkit.formats.av1.Av1Packetizer;
import org.rtspkit.formats.vp8.Vp8Depacketizer;
import org.rtspkit.formats.vp8.Vp8Packetizer;
import org.rtspkit.formats.vp9.Vp9Depacketizer;
import org.rtspkit.formats.vp9.Vp9Packetizer;

/** VP8 (RFC 7741), VP9 (RFC 9628) and AV1 (AOMedia RTP payload format). */
class VpxAndAv1Test {
    static final PacketizerSettings SMALL = new PacketizerSettings(200, 1, 0, 0);

    /** A VP8 frame: its tag's first byte has P = 0 for a key frame. */
    static byte[] vp8Frame(boolean key, int size, long seed) {
        byte[] f = Units.random(seed, size);
        f[0] = (byte) (key ? f[0] & ~1 : f[0] | 1);
        return f;
    }

    @Test
    void vp8RoundTripAndDescriptors() {
        GenericFormat format = Vp8Packetizer.format(96);
        Vp8Packetizer p = new Vp8Packetizer(format, SMALL);
        List<RtpPacket> packets = new ArrayList<>();
        List<byte[]> frames = List.of(vp8Frame(true, 1000, 1), vp8Frame(false, 199, 2), vp8Frame(false, 5, 3));
        for (int i = 0; i < frames.size(); i++) {
            packets.addAll(p.packetize(frames.get(i), i * 33_333_333L));
        }
        assertEquals(0x10, packets.get(0).payload()[0], "S = 1, PID 0 on the first packet");
        assertEquals(0x00, packets.get(1).payload()[0]);
        List<AccessUnit> units = Units.depacketize(new Vp8Depacketizer(format), packets);
        assertEquals(3, units.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(frames.get(i), units.get(i).data());
        }
        assertTrue(units.get(0).randomAccess());
        assertFalse(units.get(1).randomAccess());
    }

    @Test
    void vp8ExtendedDescriptorsAreSkippedAndLossWaitsForAKeyFrame() {
        GenericFormat format = Vp8Packetizer.format(96);
        byte[] key = vp8Frame(true, 10, 4);
        // X, I with a 15-bit PictureID, L, T/K: 1 + 1 + 2 + 1 + 1 bytes of descriptor.
        byte[] descriptor = {(byte) 0x90, (byte) 0xF0, (byte) 0x81, 0x23, 5, 0x40};
        byte[] inter = vp8Frame(false, 10, 5);
        List<RtpPacket> packets = List.of(
                RtpPacket.of(true, 96, 1, 0, 1, Units.concat(descriptor, key)),
                RtpPacket.of(true, 96, 3, 3000, 1, Units.concat(descriptor, inter)),
                RtpPacket.of(true, 96, 4, 6000, 1, Units.concat(descriptor, key)),
                RtpPacket.of(true, 96, 5, 9000, 1, new byte[] {(byte) 0x90, (byte) 0x80}));
        Vp8Depacketizer d = new Vp8Depacketizer(format);
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertEquals(2, units.size());
        assertArrayEquals(key, units.get(1).data());
        assertEquals(1, d.stats().unitsSkipped());
        assertEquals(1, d.stats().packetsMalformed(), "a descriptor longer than its packet");
    }

    @Test
    void vp9RoundTripWithKeyFramesFoundInTheUncompressedHeader() {
        GenericFormat format = Vp9Packetizer.format(98);
        Vp9Packetizer p = new Vp9Packetizer(format, SMALL);
        // Frame marker 2, profile 0, show_existing 0, frame_type 0 (key) / 1.
        byte[] key = Units.concat(new byte[] {(byte) 0x80}, Units.random(6, 500));
        byte[] inter = Units.concat(new byte[] {(byte) 0x84}, Units.random(7, 50));
        List<RtpPacket> packets = new ArrayList<>(p.packetize(key, 0));
        packets.addAll(p.packetize(inter, 33_333_333));
        assertEquals(0x08, packets.get(0).payload()[0], "B on the first packet of a key frame, P clear");
        assertEquals(0x04, packets.get(2).payload()[0] & 0x0C, "E on the last");
        assertEquals(0x4C, packets.get(3).payload()[0], "P, B and E on a one-packet inter frame");
        List<AccessUnit> units = Units.depacketize(new Vp9Depacketizer(format), packets);
        assertEquals(2, units.size());
        assertArrayEquals(key, units.get(0).data());
        assertTrue(units.get(0).randomAccess());
        assertArrayEquals(inter, units.get(1).data());
        assertFalse(units.get(1).randomAccess());
    }

    @Test
    void vp9DescriptorFields() {
        GenericFormat format = Vp9Packetizer.format(98);
        byte[] key = {(byte) 0x80, 1, 2};
        // I (15-bit picture ID), L (non-flexible: layer byte and TL0PICIDX), V: a scalability structure with
        // one layer's size and a group of one picture with one reference.
        byte[] descriptor = {(byte) 0xAE, (byte) 0x80, 1, 0, 0, 0x18, 0x01, 0x40, 0x00, (byte) 0xF0, 1, 0x04, 1};
        Vp9Depacketizer d = new Vp9Depacketizer(format);
        List<AccessUnit> units = d.push(RtpPacket.of(true, 98, 1, 0, 1, Units.concat(descriptor, key)));
        assertEquals(1, units.size(), d.stats().toString());
        assertArrayEquals(key, units.get(0).data());
        d.push(RtpPacket.of(true, 98, 2, 3000, 1, Arrays.copyOf(descriptor, 9)));
        assertEquals(1, d.stats().packetsMalformed());
    }

    /** A temporal unit: delimiter, sequence header, frame, padding, each with its size. */
    static byte[] temporalUnit(int frameSize, boolean sequenceHeader) {
        byte[] frame = Units.random(frameSize, frameSize);
        List<byte[]> parts = new ArrayList<>(List.of(new byte[] {0x12, 0}));
        if (sequenceHeader) {
            parts.add(new byte[] {0x0A, 3, 1, 2, 3});
        }
        parts.add(Units.concat(new byte[] {0x32}, leb128(frameSize), frame));
        parts.add(new byte[] {0x7A, 1, 0});
        return Units.concat(parts.toArray(new byte[0][]));
    }

    static byte[] leb128(int v) {
        byte[] b = new byte[5];
        int n = 0;
        do {
            int low = v & 0x7F;
            v >>>= 7;
            b[n++] = (byte) (v != 0 ? low | 0x80 : low);
        } while (v != 0);
        return Arrays.copyOf(b, n);
    }

    /** The same unit as the depacketizer writes it: delimiter first, padding left out. */
    static byte[] withoutPadding(byte[] unit) {
        return Arrays.copyOf(unit, unit.length - 3);
    }

    @Test
    void av1RoundTripWithFragmentedObus() {
        GenericFormat format = Av1Packetizer.format(97);
        Av1Packetizer p = new Av1Packetizer(format, SMALL);
        List<RtpPacket> packets = new ArrayList<>();
        List<byte[]> units = List.of(temporalUnit(1000, true), temporalUnit(150, false), temporalUnit(20, false));
        for (int i = 0; i < units.size(); i++) {
            packets.addAll(p.packetize(units.get(i), i * 33_333_333L));
        }
        byte[] first = packets.get(0).payload();
        assertEquals(0x48, first[0] & 0xFF, "Y (the frame OBU goes on) and N (a sequence header); W = 0");
        assertEquals(4, first[1], "the sequence header's length");
        assertEquals(0x08, first[2], "OBU header without the size flag");
        assertEquals(0xC0, packets.get(1).payload()[0] & 0xC0, "Z and Y in the middle of the frame OBU");
        assertTrue(packets.stream().allMatch(x -> x.payload().length <= 200));
        Av1Depacketizer d = new Av1Depacketizer(format);
        List<AccessUnit> out = Units.depacketize(d, packets);
        assertEquals(3, out.size(), d.stats().toString());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(withoutPadding(units.get(i)), out.get(i).data(), "unit " + i);
        }
        assertTrue(out.get(0).randomAccess());
        assertFalse(out.get(1).randomAccess());
        assertThrows(IllegalArgumentException.class, () -> p.packetize(new byte[] {0x12, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> p.packetize(new byte[] {0x32, 10, 1}, 0));
    }

    @Test
    void av1ElementCountsAndBadPackets() {
        GenericFormat format = Av1Packetizer.format(97);
        // W = 2: the first element has a length, the second runs to the end.
        byte[] w2 = {0x28, 2, 0x08, 7, 0x30, 9, 9};
        Av1Depacketizer d = new Av1Depacketizer(format, DepacketizerSettings.defaults().withWaitForRandomAccess(false));
        List<AccessUnit> units = d.push(RtpPacket.of(true, 97, 1, 0, 1, w2));
        assertArrayEquals(new byte[] {0x12, 0, 0x0A, 1, 7, 0x32, 2, 9, 9}, units.get(0).data());
        // A length that overruns; fewer elements than W says; an empty element; a continuation without its
        // start; no element at all.
        int seq = 2;
        for (byte[] bad : List.of(new byte[] {0x00, 5, 1}, new byte[] {0x30, 1, 0x08}, new byte[] {0x00, 0},
                new byte[] {(byte) 0x80, 1, 0x08}, new byte[] {0x00})) {
            d.push(RtpPacket.of(true, 97, seq++, 3000, 1, bad));
        }
        assertEquals(5, d.stats().packetsMalformed(), d.stats().toString());
        assertEquals(1, d.push(RtpPacket.of(true, 97, seq, 6000, 1, w2)).size(), "and the next unit comes through");
    }
}
