package org.rtspkit.formats.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.Units;
import org.rtspkit.formats.nal.AnnexB;

/** What the depacketizer makes of RFC 6184 packets, good and bad. */
class H264DepacketizerTest {
    static final byte[] SPS = H264RoundTripTest.SPS;
    static final byte[] PPS = H264RoundTripTest.PPS;
    static final H264Format FORMAT = H264Format.of(96, null, null);

    /** Builds packets with consecutive sequence numbers unless told otherwise. */
    static final class Stream {
        final List<RtpPacket> packets = new ArrayList<>();
        int seq = 1000;

        Stream add(long ts, boolean marker, byte[] payload) {
            packets.add(RtpPacket.of(marker, 96, seq, ts, 5, payload));
            seq = (seq + 1) & 0xFFFF;
            return this;
        }

        Stream skip() {
            seq++;
            return this;
        }
    }

    static byte[] fu(int nalHeader, boolean start, boolean end, byte[] data) {
        byte[] b = new byte[2 + data.length];
        b[0] = (byte) ((nalHeader & 0xE0) | 28);
        b[1] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | (nalHeader & 0x1F));
        System.arraycopy(data, 0, b, 2, data.length);
        return b;
    }

    static byte[] stapA(byte[]... units) {
        byte[] b = {0x78};
        for (byte[] u : units) {
            b = Units.concat(b, new byte[] {(byte) (u.length >> 8), (byte) u.length}, u);
        }
        return b;
    }

    static List<AccessUnit> run(H264Depacketizer d, Stream s) {
        return Units.depacketize(d, s.packets);
    }

    @Test
    void stapAThenFuAMakeOneAnnexBUnit() {
        Stream s = new Stream()
                .add(3000, false, stapA(SPS, PPS))
                .add(3000, false, fu(0x65, true, false, new byte[] {1, 2}))
                .add(3000, false, fu(0x65, false, false, new byte[] {3}))
                .add(3000, true, fu(0x65, false, true, new byte[] {4, 5}));
        H264Depacketizer d = new H264Depacketizer(FORMAT);
        List<AccessUnit> units = run(d, s);
        assertEquals(1, units.size());
        assertArrayEquals(AnnexB.join(List.of(SPS, PPS, new byte[] {0x65, 1, 2, 3, 4, 5})), units.get(0).data());
        assertTrue(units.get(0).randomAccess());
        assertEquals(3000, units.get(0).rtpTimestamp());
        assertEquals(0, units.get(0).presentationTime());
        assertArrayEquals(SPS, d.format().sps(), "in-band parameter sets become the format's");
        assertEquals(new DepacketizerStats(4, 0, 0, 0, 1, 0, 0, 0), d.stats());
    }

    @Test
    void aUnitEndsAtTheMarkerOrAtAnotherTimestamp() {
        Stream s = new Stream()
                .add(0, false, new byte[] {0x65, 1})
                .add(3000, false, new byte[] {0x41, 2})
                .add(3000, true, new byte[] {0x41, 3});
        List<AccessUnit> units = run(new H264Depacketizer(FORMAT), s);
        assertEquals(2, units.size());
        assertArrayEquals(AnnexB.join(List.of(new byte[] {0x41, 2}, new byte[] {0x41, 3})), units.get(1).data());
        assertFalse(units.get(1).randomAccess());
        assertEquals(33_333_333, units.get(1).presentationTime());
    }

    @Test
    void unitsBeforeTheFirstIdrAreSkippedUnlessAskedNotTo() {
        Stream s = new Stream()
                .add(0, true, new byte[] {0x41, 1})
                .add(3000, true, new byte[] {0x65, 2})
                .add(6000, true, new byte[] {0x41, 3});
        H264Depacketizer d = new H264Depacketizer(FORMAT);
        assertEquals(2, run(d, s).size());
        assertEquals(1, d.stats().unitsSkipped());
        H264Depacketizer all = new H264Depacketizer(FORMAT, DepacketizerSettings.defaults().withWaitForRandomAccess(false));
        assertEquals(3, run(all, s).size());
    }

    @Test
    void aGapDropsTheBrokenUnitAndWaitsForTheNextIdr() {
        Stream s = new Stream()
                .add(0, true, new byte[] {0x65, 1})
                .add(3000, false, fu(0x41, true, false, new byte[] {1}))
                .skip()
                .add(3000, true, fu(0x41, false, true, new byte[] {3}))
                .add(6000, true, new byte[] {0x41, 4})
                .add(9000, true, new byte[] {0x65, 5})
                .add(12000, true, new byte[] {0x41, 6});
        H264Depacketizer d = new H264Depacketizer(FORMAT);
        List<AccessUnit> units = run(d, s);
        assertEquals(List.of(0L, 9000L, 12000L), units.stream().map(AccessUnit::rtpTimestamp).toList());
        DepacketizerStats stats = d.stats();
        assertEquals(1, stats.packetsLost());
        assertEquals(1, stats.unitsBroken());
        assertEquals(1, stats.unitsSkipped());
        assertEquals(0, stats.packetsMalformed());
    }

    @Test
    void afterAGapTheNextUnitIsKeptOnlyWhenADelimiterShowsItIsWhole() {
        byte[] aud = {0x09, (byte) 0xF0};
        DepacketizerSettings noWait = DepacketizerSettings.defaults().withWaitForRandomAccess(false);
        Stream withDelimiter = new Stream().add(0, true, new byte[] {0x65, 1}).skip()
                .add(6000, false, aud).add(6000, true, new byte[] {0x41, 2});
        assertEquals(2, run(new H264Depacketizer(FORMAT, noWait), withDelimiter).size());
        Stream without = new Stream().add(0, true, new byte[] {0x65, 1}).skip()
                .add(6000, true, new byte[] {0x41, 2});
        H264Depacketizer d = new H264Depacketizer(FORMAT, noWait);
        assertEquals(1, run(d, without).size());
        assertEquals(1, d.stats().unitsBroken());
    }

    @Test
    void badPacketsAreCountedAndDroppedAndTheNextUnitsComeThrough() {
        byte[] idr = {0x65, 9, 9};
        List<byte[]> bad = List.of(
                new byte[] {0x7C},                                          // truncated FU-A: indicator only
                new byte[] {0x7C, (byte) 0x85},                             // FU-A start without data
                fu(0x65, false, true, new byte[] {1}),                      // FU-A end without a start
                new byte[] {0x78, 0, 10, 0x67, 1},                          // STAP-A whose length overruns
                new byte[] {0x78, 0, 2, 0x67, 1, 0},                        // STAP-A with a truncated length
                new byte[] {0x78},                                          // STAP-A with no unit
                new byte[] {0x79, 0, 0, 0, 2, 0x67, 1},                     // STAP-B: interleaved mode
                new byte[] {0x7A, 1, 2, 3},                                 // MTAP16
                new byte[] {0x7D, (byte) 0x85, 0, 0, 1},                    // FU-B
                new byte[] {0x00, 1},                                       // type 0
                new byte[] {0x1E, 1},                                       // type 30
                new byte[] {});                                             // empty payload
        long ts = 0;
        Stream s = new Stream();
        for (byte[] payload : bad) {
            s.add(ts, true, idr);
            ts += 3000;
            s.add(ts, true, payload);
            ts += 3000;
        }
        s.add(ts, true, idr);
        H264Depacketizer d = new H264Depacketizer(FORMAT);
        List<AccessUnit> units = run(d, s);
        assertEquals(bad.size() + 1, units.size(), d.stats().toString());
        for (AccessUnit u : units) {
            assertArrayEquals(AnnexB.join(List.of(idr)), u.data());
        }
        assertEquals(bad.size(), d.stats().packetsMalformed());
        assertEquals(bad.size(), d.stats().unitsBroken());
    }

    @Test
    void aFragmentStartWithoutItsEndIsMalformedAndTheUnitDropped() {
        Stream s = new Stream()
                .add(0, false, fu(0x65, true, false, new byte[] {1}))
                .add(0, true, new byte[] {0x65, 2})
                .add(3000, false, fu(0x65, true, false, new byte[] {1}))
                .add(6000, true, new byte[] {0x65, 3});
        H264Depacketizer d = new H264Depacketizer(FORMAT);
        List<AccessUnit> units = run(d, s);
        assertEquals(1, units.size());
        assertEquals(6000, units.get(0).rtpTimestamp());
        assertEquals(2, d.stats().packetsMalformed());
        assertEquals(2, d.stats().unitsBroken());
    }

    @Test
    void latePacketsAndOtherPayloadTypesAreDropped() {
        H264Depacketizer d = new H264Depacketizer(FORMAT);
        List<AccessUnit> out = new ArrayList<>();
        d.push(RtpPacket.of(true, 96, 10, 0, 1, new byte[] {0x65, 1}), out::add);
        d.push(RtpPacket.of(true, 96, 10, 0, 1, new byte[] {0x65, 1}), out::add);
        d.push(RtpPacket.of(true, 96, 9, 0, 1, new byte[] {0x65, 1}), out::add);
        d.push(RtpPacket.of(true, 97, 11, 3000, 1, new byte[] {0x65, 1}), out::add);
        d.push(RtpPacket.of(true, 96, 12, 6000, 1, new byte[] {0x65, 1}), out::add);
        assertEquals(2, out.size());
        assertEquals(new DepacketizerStats(5, 0, 2, 1, 2, 0, 0, 0), d.stats());
    }

    @Test
    void unitsLargerThanTheLimitAreDropped() {
        H264Depacketizer d = new H264Depacketizer(FORMAT, DepacketizerSettings.defaults().withMaxAccessUnitSize(3000));
        H264Packetizer p = new H264Packetizer(FORMAT, new PacketizerSettings(1000, 1, 0, 0));
        List<RtpPacket> packets = new ArrayList<>();
        packets.addAll(p.packetize(AnnexB.join(List.of(H264RoundTripTest.nal(0x65, 2996, 1))), 0));
        packets.addAll(p.packetize(AnnexB.join(List.of(H264RoundTripTest.nal(0x65, 2997, 2))), 40_000_000));
        packets.addAll(p.packetize(AnnexB.join(List.of(H264RoundTripTest.nal(0x65, 10, 3))), 80_000_000));
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertEquals(2, units.size());
        assertEquals(3000, units.get(0).data().length);
        assertEquals(1, d.stats().unitsOversized());
    }

    @Test
    void rawPacketsWithCsrcsExtensionAndPaddingAreRead() {
        RtpPacket full = new RtpPacket(true, 96, 7, 1234, 5, new int[] {1, 2}, new RtpPacket.RtpExtension(0xBEDE,
                new byte[8]), new byte[] {0x65, 1, 2}, 3);
        byte[] raw = Units.concat(new byte[5], full.marshal());
        List<AccessUnit> out = new ArrayList<>();
        H264Depacketizer d = new H264Depacketizer(FORMAT);
        d.push(raw, 5, raw.length - 5, out::add);
        assertEquals(1, out.size());
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0x65, 1, 2}, out.get(0).data());
        // Broken headers: a version other than 2, padding longer than the packet, a truncated extension.
        byte[] v1 = full.marshal();
        v1[0] = (byte) (v1[0] & 0x3F | 0x40);
        byte[] padding = full.marshal();
        padding[padding.length - 1] = (byte) 200;
        byte[] extension = Units.concat(RtpPacket.of(false, 96, 8, 0, 5, new byte[0]).marshal(), new byte[0]);
        extension[0] |= 0x10;
        for (byte[] bad : List.of(v1, padding, extension, new byte[11])) {
            d.push(bad, 0, bad.length, out::add);
        }
        assertEquals(4, d.stats().packetsMalformed());
        assertEquals(1, out.size());
    }
}
