package org.rtspkit.formats.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.Units;
import org.rtspkit.formats.nal.AnnexB;

/** RFC 6184 packet layouts written by the packetizer. */
class H264PacketizationTest {
    static final byte[] SPS = H264RoundTripTest.SPS;
    static final byte[] PPS = H264RoundTripTest.PPS;
    static final PacketizerSettings SETTINGS = new PacketizerSettings(1000, 0xAABBCCDDL, 100, 0);

    static byte[] nal(int header, int size) {
        return H264RoundTripTest.nal(header, size, size);
    }

    @Test
    void smallUnitsGoTogetherInOneStapA() {
        H264Packetizer p = new H264Packetizer(H264Format.of(96, null, null), SETTINGS);
        byte[] sei = nal(0x06, 20);
        byte[] slice = nal(0x65, 300);
        List<RtpPacket> packets = p.packetize(AnnexB.join(List.of(SPS, PPS, sei, slice)), 0);
        assertEquals(1, packets.size());
        RtpPacket stap = packets.get(0);
        assertTrue(stap.marker());
        assertEquals(0xAABBCCDDL, stap.ssrc());
        assertEquals(100, stap.sequenceNumber());
        byte[] b = stap.payload();
        // STAP-A: F=0, NRI the highest of the units (3 from the SPS and PPS), type 24 (RFC 6184 §5.7.1).
        assertEquals(0x78, b[0] & 0xFF);
        int at = 1;
        for (byte[] unit : List.of(SPS, PPS, sei, slice)) {
            assertEquals(unit.length, (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF));
            assertArrayEquals(unit, Arrays.copyOfRange(b, at + 2, at + 2 + unit.length));
            at += 2 + unit.length;
        }
        assertEquals(b.length, at);
    }

    @Test
    void aLargeUnitIsFragmentedIntoFuA() {
        H264Packetizer p = new H264Packetizer(H264Format.of(96, null, null), SETTINGS);
        byte[] slice = nal(0x41, 2500);
        List<RtpPacket> packets = p.packetize(AnnexB.join(List.of(slice)), 1_000_000_000L);
        // 2499 bytes after the header, 998 per fragment.
        assertEquals(3, packets.size());
        byte[] joined = new byte[] {slice[0]};
        for (int i = 0; i < 3; i++) {
            byte[] b = packets.get(i).payload();
            assertEquals(0x40 | 28, b[0] & 0xFF, "FU indicator: NRI of the unit, type 28");
            assertEquals((i == 0 ? 0x80 : 0) | (i == 2 ? 0x40 : 0) | 1, b[1] & 0xFF, "FU header of fragment " + i);
            assertEquals(i == 2, packets.get(i).marker());
            assertEquals(90000, packets.get(i).timestamp());
            assertTrue(b.length <= 1000);
            joined = Units.concat(joined, Arrays.copyOfRange(b, 2, b.length));
        }
        assertArrayEquals(slice, joined);
    }

    @Test
    void packetizationMode0SendsEveryUnitAloneAndRefusesLargeOnesBeforeSending() {
        H264Format mode0 = new H264Format(96, 0, null, null, null, Map.of());
        H264Packetizer p = new H264Packetizer(mode0, SETTINGS);
        List<RtpPacket> packets = p.packetize(AnnexB.join(List.of(SPS, PPS, nal(0x65, 900))), 0);
        assertEquals(3, packets.size());
        assertArrayEquals(SPS, packets.get(0).payload());
        assertArrayEquals(PPS, packets.get(1).payload());
        assertEquals(List.of(false, false, true), packets.stream().map(RtpPacket::marker).toList());
        int next = p.nextSequenceNumber();
        Units.Packets sent = new Units.Packets();
        assertThrows(IllegalArgumentException.class,
                () -> p.packetize(AnnexB.join(List.of(nal(0x41, 10), nal(0x41, 1001))), 0, sent));
        assertTrue(sent.list.isEmpty(), "nothing is sent of a unit that is refused");
        assertEquals(next, p.nextSequenceNumber());
    }

    @Test
    void interleavedModeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new H264Packetizer(new H264Format(96, 2, null, null, null, Map.of()), SETTINGS));
    }

    @Test
    void whatIsNotAnnexBOrCarriesRtpTypesIsRefused() {
        H264Packetizer p = new H264Packetizer(H264Format.of(96, null, null), SETTINGS);
        assertThrows(IllegalArgumentException.class, () -> p.packetize(nal(0x65, 50), 0));
        assertThrows(IllegalArgumentException.class, () -> p.packetize(new byte[] {0, 0, 0, 1}, 0));
        assertThrows(IllegalArgumentException.class, () -> p.packetize(AnnexB.join(List.of(nal(0x7C, 20))), 0));
        assertThrows(IllegalArgumentException.class, () -> p.packetize(AnnexB.join(List.of(new byte[] {0x65})), 0));
        assertThrows(IllegalArgumentException.class, () -> new H264Packetizer(H264Format.of(96, null, null),
                SETTINGS.withMaxPayloadSize(2)));
    }

    @Test
    void threeAndFourByteStartCodesAndTrailingZerosAreAllUnitBoundaries() {
        H264Packetizer p = new H264Packetizer(new H264Format(96, 0, null, null, null, Map.of()), SETTINGS);
        byte[] au = Units.concat(new byte[] {0, 0, 1}, SPS, new byte[] {0, 0, 0, 0, 1}, PPS, new byte[] {0, 0, 1},
                new byte[] {0x65, 1, 2, 3}, new byte[] {0, 0});
        List<RtpPacket> packets = p.packetize(au, 0);
        assertEquals(3, packets.size());
        assertArrayEquals(SPS, packets.get(0).payload());
        assertArrayEquals(PPS, packets.get(1).payload());
        assertArrayEquals(new byte[] {0x65, 1, 2, 3}, packets.get(2).payload());
    }

    @Test
    void parameterSetsAreRepeatedBeforeAnIdrThatLacksThem() {
        H264Packetizer p = new H264Packetizer(H264Format.of(96, SPS, PPS), new PacketizerSettings(1000, 1, 0, 0));
        byte[] aud = {0x09, (byte) 0xF0};
        byte[] idr = nal(0x65, 50);
        List<RtpPacket> packets = p.packetize(AnnexB.join(List.of(aud, idr)), 0);
        byte[] stap = packets.get(0).payload();
        assertEquals(1 + 4 * 2 + aud.length + SPS.length + PPS.length + idr.length, stap.length);
        assertArrayEquals(aud, Arrays.copyOfRange(stap, 3, 3 + aud.length), "the delimiter stays first");
        assertArrayEquals(SPS, Arrays.copyOfRange(stap, 5 + aud.length, 5 + aud.length + SPS.length));
        // Without the option, or for a non-IDR picture, the unit goes as it is.
        H264Packetizer plain = new H264Packetizer(H264Format.of(96, SPS, PPS), SETTINGS, false);
        assertArrayEquals(idr, plain.packetize(AnnexB.join(List.of(idr)), 0).get(0).payload());
        byte[] nonIdr = nal(0x41, 50);
        assertArrayEquals(nonIdr, p.packetize(AnnexB.join(List.of(nonIdr)), 0).get(0).payload());
    }

    @Test
    void inBandParameterSetsBecomeTheFormats() {
        H264Packetizer p = new H264Packetizer(H264Format.of(96, SPS, PPS), SETTINGS);
        H264Format before = p.format();
        p.packetize(AnnexB.join(List.of(SPS, PPS, nal(0x65, 40))), 0);
        assertSame(before, p.format(), "the same parameter sets change nothing");
        byte[] newSps = {0x67, 0x42, (byte) 0xC0, 0x28, 1, 2, 3};
        p.packetize(AnnexB.join(List.of(newSps, PPS, nal(0x65, 40))), 40_000_000);
        H264Format after = p.format();
        assertNotSame(before, after);
        assertArrayEquals(newSps, after.sps());
        assertArrayEquals(PPS, after.pps());
        assertEquals("42C028", after.profileLevelId());
        assertFalse(Arrays.equals(before.sps(), after.sps()));
    }

    @Test
    void timestampsFollowThePresentationTimeInTheClockRate() {
        H264Packetizer p = new H264Packetizer(H264Format.of(96, null, null),
                new PacketizerSettings(1000, 1, 0, 0xFFFF_FF00L));
        assertEquals(0xFFFF_FF00L, p.rtpTimestamp(0));
        assertEquals((0xFFFF_FF00L + 3003) & 0xFFFF_FFFFL, p.rtpTimestamp(33_366_667));
        assertEquals(0xFFFF_FF00L - 90000, p.rtpTimestamp(-1_000_000_000L));
    }
}
