package org.rtspkit.formats.mjpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.Units;

/** RFC 2435 packets as the demo stream sends them, and JFIF images rebuilt from them. */
class MjpegTest {
    static final GenericFormat FORMAT = MjpegPacketizer.defaultFormat();
    /** The demo's largest packet (1472 bytes) less the RTP header. */
    static final int MAX = 1460;

    static JpegImage image(int width, int height, int scanSize, int restartInterval) {
        byte[] tables = Units.random(7, 128);
        for (int i = 0; i < tables.length; i++) {
            tables[i] = (byte) (1 + (tables[i] & 0x7F));
        }
        return new JpegImage(1, width, height, 0, tables, restartInterval, Units.random(scanSize, scanSize));
    }

    /** The same checks as the demo packetizer's test (examples, JpegRtpPacketizerTest): the wire does not change. */
    @Test
    void everyPacketCarriesTheMainHeaderAndTheFirstTheTables() {
        JpegImage frame = image(640, 360, 20_000, 0);
        List<RtpPacket> packets = new ArrayList<>();
        MjpegPacketizer p = new MjpegPacketizer(FORMAT, new PacketizerSettings(MAX, 0, 65534, 0xFFFF_FFF0L));
        p.packetize(frame, 0, (b, o, l) -> packets.add(RtpPacket.unmarshal(b, o, l)));
        assertTrue(packets.size() > 2);
        ByteArrayOutputStream scan = new ByteArrayOutputStream();
        for (int i = 0; i < packets.size(); i++) {
            RtpPacket pk = packets.get(i);
            byte[] payload = pk.payload();
            assertEquals(26, pk.payloadType());
            assertEquals((65534 + i) & 0xFFFF, pk.sequenceNumber());
            assertEquals(0xFFFF_FFF0L, pk.timestamp());
            assertEquals(i == packets.size() - 1, pk.marker());
            assertEquals(0, payload[0], "type-specific");
            assertEquals(scan.size(), (payload[1] & 0xFF) << 16 | (payload[2] & 0xFF) << 8 | payload[3] & 0xFF);
            assertEquals(1, payload[4], "type 1: 4:2:0");
            assertEquals(255, payload[5] & 0xFF, "Q 255: tables in band");
            assertEquals(80, payload[6] & 0xFF, "width / 8");
            assertEquals(45, payload[7] & 0xFF, "height / 8");
            int headers = 8;
            if (i == 0) {
                assertEquals(0, payload[8], "MBZ");
                assertEquals(0, payload[9], "precision: 8-bit tables");
                assertEquals(128, (payload[10] & 0xFF) << 8 | payload[11] & 0xFF);
                assertArrayEquals(frame.qTables(), Arrays.copyOfRange(payload, 12, 140));
                headers = 140;
            }
            if (i < packets.size() - 1) {
                assertEquals(MAX, payload.length, "all but the last packet are full");
            }
            scan.write(payload, headers, payload.length - headers);
        }
        assertArrayEquals(frame.scan(), scan.toByteArray());
    }

    @Test
    void aScanThatFitsIsOnePacketAndTooSmallPayloadsAreRefused() {
        JpegImage tiny = new JpegImage(1, 16, 16, 0, new byte[128], 0, new byte[] {1, 2, 3});
        List<RtpPacket> one = new ArrayList<>();
        new MjpegPacketizer(FORMAT, new PacketizerSettings(MAX, 0, 0, 0)).packetize(tiny, 0,
                (b, o, l) -> one.add(RtpPacket.unmarshal(b, o, l)));
        assertEquals(1, one.size());
        assertEquals(8 + 4 + 128 + 3, one.get(0).payload().length);
        assertThrows(IllegalArgumentException.class, () -> new MjpegPacketizer(FORMAT, new PacketizerSettings(140, 0, 0, 0)));
        List<RtpPacket> two = new ArrayList<>();
        new MjpegPacketizer(FORMAT, new PacketizerSettings(141, 0, 0, 0)).packetize(tiny, 0,
                (b, o, l) -> two.add(RtpPacket.unmarshal(b, o, l)));
        assertEquals(2, two.size());
    }

    @Test
    void imagesComeBackAsJfifWithTheirTables() {
        MjpegPacketizer p = new MjpegPacketizer(FORMAT, new PacketizerSettings(500, 0, 0, 0));
        MjpegDepacketizer d = new MjpegDepacketizer(FORMAT);
        List<RtpPacket> packets = new ArrayList<>();
        JpegImage plain = image(320, 240, 5000, 0);
        JpegImage restarts = image(64, 48, 700, 4);
        packets.addAll(p.packetize(plain.toJfif(), 0));
        packets.addAll(p.packetize(restarts.toJfif(), 100_000_000));
        assertEquals(65, packets.get(packets.size() - 1).payload()[4], "type 65: 4:2:0 with restart markers");
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertEquals(2, units.size(), d.stats().toString());
        assertEquals(plain, JpegImage.parse(units.get(0).data()));
        assertEquals(restarts, JpegImage.parse(units.get(1).data()));
        assertArrayEquals(plain.toJfif(), units.get(0).data());
        assertEquals(9000, units.get(1).rtpTimestamp());
        assertTrue(units.get(1).randomAccess());
    }

    @Test
    void aQFactorStandsForTheScaledAnnexKTables() {
        byte[] payload = Units.concat(new byte[] {0, 0, 0, 0, 0, 50, 2, 2}, new byte[] {1, 2, 3});
        List<AccessUnit> units = new MjpegDepacketizer(FORMAT).push(RtpPacket.of(true, 26, 1, 0, 0, payload));
        JpegImage image = JpegImage.parse(units.get(0).data());
        // Q 50 is the tables of Annex K unscaled, in zig-zag order.
        assertArrayEquals(new byte[] {16, 11, 12, 14, 12, 10, 16, 14}, Arrays.copyOf(image.qTables(), 8));
        assertArrayEquals(new byte[] {17, 18, 18, 24, 21, 24, 47, 26}, Arrays.copyOfRange(image.qTables(), 64, 72));
        assertEquals(0, image.type());
        assertEquals(16, image.width());
        // Q 10: five times coarser (factor 500), clamped to 255.
        byte[] q10 = Units.concat(new byte[] {0, 0, 0, 0, 0, 10, 2, 2}, new byte[] {1});
        JpegImage coarse = JpegImage.parse(new MjpegDepacketizer(FORMAT).push(RtpPacket.of(true, 26, 1, 0, 0, q10))
                .get(0).data());
        assertEquals(80, coarse.qTables()[0]);
        assertEquals((byte) 255, coarse.qTables()[127]);
    }

    @Test
    void aSingleTableServesBothComponents() {
        byte[] table = new byte[64];
        Arrays.fill(table, (byte) 3);
        byte[] payload = Units.concat(new byte[] {0, 0, 0, 0, 1, (byte) 255, 2, 2, 0, 0, 0, 64}, table, new byte[] {9});
        JpegImage image = JpegImage.parse(new MjpegDepacketizer(FORMAT).push(RtpPacket.of(true, 26, 1, 0, 0, payload))
                .get(0).data());
        assertArrayEquals(Units.concat(table, table), image.qTables());
    }

    @Test
    void badPacketsAreCountedAndTheNextImagesComeThrough() {
        MjpegPacketizer p = new MjpegPacketizer(FORMAT, new PacketizerSettings(300, 0, 0, 0));
        List<RtpPacket> good = p.packetize(image(32, 32, 500, 0).toJfif(), 0);
        List<byte[]> bad = List.of(
                new byte[] {0, 0, 0, 0, 1},                                  // truncated main header
                new byte[] {0, 0, 0, 0, 2, (byte) 255, 2, 2, 0, 0, 0, (byte) 128}, // type 2
                new byte[] {1, 0, 0, 0, 1, 50, 2, 2, 1},                     // interlaced
                new byte[] {0, 0, 0, 0, 1, (byte) 255, 2, 2, 0, 0, 0, 100, 1}, // tables of a bad length
                new byte[] {0, 0, 0, 0, 1, (byte) 255, 0, 2, 0, 0, 0, 0},    // width 0
                new byte[] {0, 0, 0, 0, 1, 120, 2, 2, 1});                   // reserved Q
        List<RtpPacket> packets = new ArrayList<>();
        int seq = 0;
        long ts = 0;
        for (byte[] b : bad) {
            for (RtpPacket g : good) {
                packets.add(RtpPacket.of(g.marker(), 26, seq++, ts, 0, g.payload()));
            }
            ts += 3000;
            packets.add(RtpPacket.of(true, 26, seq++, ts, 0, b));
            ts += 3000;
        }
        // An image whose second fragment is not where the first ended.
        byte[] second = good.get(1).payload().clone();
        second[3] += 1;
        packets.add(RtpPacket.of(false, 26, seq++, ts, 0, good.get(0).payload()));
        packets.add(RtpPacket.of(true, 26, seq++, ts, 0, second));
        ts += 3000;
        for (RtpPacket g : good) {
            packets.add(RtpPacket.of(g.marker(), 26, seq++, ts, 0, g.payload()));
        }
        MjpegDepacketizer d = new MjpegDepacketizer(FORMAT);
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertEquals(bad.size() + 1, units.size(), d.stats().toString());
        assertEquals(bad.size() + 1, d.stats().packetsMalformed());
        assertEquals(1, d.stats().unitsBroken());
    }

    @Test
    void whatRfc2435CannotCarryIsNamed() {
        byte[] jfif = image(16, 16, 10, 0).toJfif();
        byte[] progressive = jfif.clone();
        int sof = indexOf(progressive, 0xC0);
        progressive[sof + 1] = (byte) 0xC2;
        assertThrows(IllegalArgumentException.class, () -> JpegImage.parse(progressive));
        byte[] optimized = jfif.clone();
        optimized[indexOf(optimized, 0xC4) + 5] ^= 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JpegImage.parse(optimized));
        assertTrue(e.getMessage().contains("Huffman"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JpegImage(1, 2048, 16, 0, new byte[128], 0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> JpegImage.parse(new byte[] {1, 2, 3, 4}));
    }

    private static int indexOf(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("no marker " + marker);
    }
}
