package org.rtspkit.formats.h265;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.H265Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.Units;
import org.rtspkit.formats.nal.AnnexB;

/** RFC 7798 packets: aggregation packets, fragmentation units, decoding order numbers. */
class H265PacketizationTest {
    static final H265Format FORMAT = H265Format.of(96, null, null, null);

    /** A NAL unit of the type, layer 0, TID 1 (header {@code type << 1, 0x01}). */
    static byte[] nal(int type, int size, long seed) {
        byte[] n = Units.random(seed, size);
        n[0] = (byte) (type << 1);
        n[1] = 1;
        return n;
    }

    @Test
    void roundTripAcrossTheMaxPayload() {
        H265Packetizer p = new H265Packetizer(FORMAT, new PacketizerSettings(500, 1, 65500, 0));
        H265Depacketizer d = new H265Depacketizer(FORMAT);
        List<byte[]> sent = new ArrayList<>();
        List<RtpPacket> packets = new ArrayList<>();
        int[] sizes = {3, 499, 500, 501, 997, 998, 999, 70_000};
        for (int i = 0; i < sizes.length; i++) {
            byte[] au = i == 0
                    ? AnnexB.join(List.of(nal(32, 20, 1), nal(33, 30, 2), nal(34, 10, 3), nal(19, sizes[i], 4)))
                    : AnnexB.join(List.of(nal(35, 3, 5), nal(1, sizes[i], i)));
            sent.add(au);
            packets.addAll(p.packetize(au, i * 40_000_000L));
        }
        assertTrue(packets.stream().allMatch(pk -> pk.payload().length <= 500));
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertEquals(sent.size(), units.size(), d.stats().toString());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), units.get(i).data(), "unit " + i);
        }
        assertTrue(units.get(0).randomAccess());
        assertArrayEquals(nal(33, 30, 2), d.format().sps());
    }

    @Test
    void aggregationAndFragmentationHeaders() {
        H265Packetizer p = new H265Packetizer(FORMAT, new PacketizerSettings(100, 1, 0, 0));
        byte[] vps = nal(32, 10, 1);
        byte[] slice = nal(19, 250, 2);
        slice[1] = 0x0A; // layer 1, TID 2
        List<RtpPacket> packets = p.packetize(AnnexB.join(List.of(vps, nal(33, 10, 3), slice)), 0);
        byte[] ap = packets.get(0).payload();
        // AP: type 48; LayerId and TID the lowest of the units (RFC 7798 §4.4.2).
        assertEquals(48 << 1, ap[0] & 0xFF);
        assertEquals(0x01, ap[1]);
        assertEquals(10, (ap[2] & 0xFF) << 8 | ap[3] & 0xFF);
        assertArrayEquals(vps, Arrays.copyOfRange(ap, 4, 14));
        byte[] fu = packets.get(1).payload();
        // FU: payload header of type 49 with the unit's layer and TID, FU header S | type 19.
        assertEquals(49 << 1, fu[0] & 0xFF);
        assertEquals(0x0A, fu[1]);
        assertEquals(0x80 | 19, fu[2] & 0xFF);
        byte[] last = packets.get(packets.size() - 1).payload();
        assertEquals(0x40 | 19, last[2] & 0xFF);
        assertTrue(packets.get(packets.size() - 1).marker());
    }

    @Test
    void decodingOrderNumbersAreSkipped() {
        H265Format withDon = new H265Format(96, null, null, null, 2, Map.of());
        assertThrows(IllegalArgumentException.class, () -> new H265Packetizer(withDon, PacketizerSettings.defaults()));
        byte[] vps = nal(32, 6, 1);
        byte[] sps = nal(33, 7, 2);
        byte[] idr = nal(19, 9, 3);
        // AP: header, DONL, size, VPS, DOND, size, SPS; then a single NAL unit packet with DONL; then an FU
        // whose first fragment carries a DONL.
        byte[] ap = Units.concat(new byte[] {(byte) (48 << 1), 1, 0, 5, 0, 6}, vps, new byte[] {0, 0, 7}, sps);
        byte[] single = Units.concat(new byte[] {idr[0], idr[1], 0, 6}, Arrays.copyOfRange(idr, 2, idr.length));
        byte[] fuStart = Units.concat(new byte[] {(byte) (49 << 1), 1, (byte) (0x80 | 1), 0, 7}, new byte[] {1, 2});
        byte[] fuEnd = Units.concat(new byte[] {(byte) (49 << 1), 1, (byte) (0x40 | 1)}, new byte[] {3});
        H265Depacketizer d = new H265Depacketizer(withDon,
                DepacketizerSettings.defaults().withWaitForRandomAccess(false));
        List<AccessUnit> units = Units.depacketize(d, List.of(
                RtpPacket.of(false, 96, 1, 0, 1, ap), RtpPacket.of(true, 96, 2, 0, 1, single),
                RtpPacket.of(false, 96, 3, 3000, 1, fuStart), RtpPacket.of(true, 96, 4, 3000, 1, fuEnd)));
        assertEquals(2, units.size(), d.stats().toString());
        assertArrayEquals(AnnexB.join(List.of(vps, sps, idr)), units.get(0).data());
        assertArrayEquals(AnnexB.join(List.of(new byte[] {2, 1, 1, 2, 3})), units.get(1).data());
    }

    @Test
    void badPacketsAreCountedAndDropped() {
        byte[] idr = nal(19, 5, 9);
        List<byte[]> bad = List.of(
                new byte[] {(byte) (49 << 1), 1},                 // FU without its FU header
                new byte[] {(byte) (49 << 1), 1, (byte) 0x93},    // FU start without data
                new byte[] {(byte) (48 << 1), 1, 0, 40, 2, 1},    // AP whose length overruns
                new byte[] {(byte) (48 << 1), 1, 0, 1, 2},        // AP unit shorter than a NAL header
                new byte[] {(byte) (50 << 1), 1, 0, 0},           // PACI
                new byte[] {(byte) (55 << 1), 1, 0},              // unspecified type
                new byte[] {2});                                  // shorter than a payload header
        List<RtpPacket> packets = new ArrayList<>();
        int seq = 0;
        for (byte[] payload : bad) {
            packets.add(RtpPacket.of(true, 96, seq++, seq * 3000L, 1, idr));
            packets.add(RtpPacket.of(true, 96, seq++, seq * 3000L, 1, payload));
        }
        packets.add(RtpPacket.of(true, 96, seq++, seq * 3000L, 1, idr));
        H265Depacketizer d = new H265Depacketizer(FORMAT);
        assertEquals(bad.size() + 1, Units.depacketize(d, packets).size());
        assertEquals(bad.size(), d.stats().packetsMalformed());
        assertEquals(bad.size(), d.stats().unitsBroken());
    }
}
