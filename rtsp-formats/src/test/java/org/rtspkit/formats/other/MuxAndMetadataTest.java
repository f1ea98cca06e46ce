package org.rtspkit.formats.other;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.Units;
import org.rtspkit.formats.g722.G722Depacketizer;
import org.rtspkit.formats.g722.G722Packetizer;
import org.rtspkit.formats.klv.KlvDepacketizer;
import org.rtspkit.formats.klv.KlvPacketizer;
import org.rtspkit.formats.mpegts.MpegTsDepacketizer;
import org.rtspkit.formats.mpegts.MpegTsPacketizer;

/** MPEG-TS (RFC 2250), KLV (RFC 6597) and G.722. */
class MuxAndMetadataTest {
    static byte[] tsPackets(int count) {
        byte[] b = Units.random(count, 188 * count);
        for (int i = 0; i < count; i++) {
            b[188 * i] = 0x47;
        }
        return b;
    }

    @Test
    void mpegTsGoesInWholePackets() {
        GenericFormat format = MpegTsPacketizer.defaultFormat();
        MpegTsPacketizer p = new MpegTsPacketizer(format, PacketizerSettings.defaults());
        byte[] ts = tsPackets(10);
        List<RtpPacket> packets = p.packetize(ts, 0);
        assertEquals(List.of(7 * 188, 3 * 188), packets.stream().map(x -> x.payload().length).toList());
        assertEquals(33, packets.get(0).payloadType());
        assertFalse(packets.get(1).marker());
        MpegTsDepacketizer d = new MpegTsDepacketizer(format);
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertArrayEquals(ts, Units.concat(units.get(0).data(), units.get(1).data()));
        assertThrows(IllegalArgumentException.class, () -> p.packetize(new byte[187], 0));
        assertThrows(IllegalArgumentException.class, () -> p.packetize(new byte[188], 0));
        byte[] unsynced = tsPackets(2);
        unsynced[188] = 0;
        d.push(RtpPacket.of(false, 33, 2, 0, 1, unsynced));
        assertEquals(1, d.stats().packetsMalformed());
    }

    /** A KLV item with a universal label key and a value of {@code size} bytes (BER long form above 127). */
    static byte[] klvItem(int size) {
        byte[] key = {0x06, 0x0E, 0x2B, 0x34, 2, 0x0B, 1, 1, 0x0E, 1, 3, 1, 1, 0, 0, 0};
        byte[] length = size < 128 ? new byte[] {(byte) size} : new byte[] {(byte) 0x82, (byte) (size >> 8), (byte) size};
        return Units.concat(key, length, Units.random(size, size));
    }

    @Test
    void klvUnitsRoundTripAndMustBeWhole() {
        GenericFormat format = KlvPacketizer.format(100, 90000);
        assertEquals("SMPTE336M/90000", format.rtpMap());
        KlvPacketizer p = new KlvPacketizer(format, new PacketizerSettings(100, 1, 0, 0));
        byte[] unit = Units.concat(klvItem(20), klvItem(300));
        List<RtpPacket> packets = new ArrayList<>(p.packetize(unit, 0));
        assertEquals(4, packets.size());
        assertEquals(List.of(false, false, false, true), packets.stream().map(RtpPacket::marker).toList());
        packets.addAll(p.packetize(klvItem(5), 1_000_000_000));
        KlvDepacketizer d = new KlvDepacketizer(format);
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertEquals(2, units.size());
        assertArrayEquals(unit, units.get(0).data());
        assertThrows(IllegalArgumentException.class, () -> p.packetize(new byte[20], 0));
        assertThrows(IllegalArgumentException.class, () -> p.packetize(java.util.Arrays.copyOf(klvItem(10), 20), 0));
        // A unit whose length overruns what arrived, and packets that start no unit.
        byte[] item = klvItem(10);
        item[16] = 50;
        d.push(RtpPacket.of(true, 100, 5, 0, 1, item));
        d.push(RtpPacket.of(true, 100, 6, 0, 1, new byte[] {1, 2, 3}));
        assertEquals(2, d.stats().packetsMalformed());
        assertEquals(2, d.push(RtpPacket.of(true, 100, 7, 0, 1, Units.concat(klvItem(1), klvItem(2)))).get(0).data()[16]
                + 1);
    }

    @Test
    void g722TicksAtEightKilohertz() {
        GenericFormat format = G722Packetizer.defaultFormat();
        G722Packetizer p = new G722Packetizer(format, new PacketizerSettings(160, 1, 0, 0));
        List<RtpPacket> packets = p.packetize(Units.random(1, 320), 20_000_000);
        // 20 ms is 160 ticks at 8000 Hz and 160 bytes (320 samples at 16 kHz).
        assertEquals(List.of(160L, 320L), packets.stream().map(RtpPacket::timestamp).toList());
        assertEquals(9, packets.get(0).payloadType());
        List<AccessUnit> units = Units.depacketize(new G722Depacketizer(format), packets);
        assertEquals(2, units.size());
        assertEquals(20_000_000, units.get(1).presentationTime() - units.get(0).presentationTime());
    }
}
