package org.rtspkit.formats.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.Units;
import org.rtspkit.formats.nal.AnnexB;

class H264RoundTripTest {
    static final byte[] SPS = {0x67, 0x64, 0x00, 0x1F, (byte) 0xAC, (byte) 0xD9, 0x40, 0x50};
    static final byte[] PPS = {0x68, (byte) 0xEB, (byte) 0xE3, (byte) 0xCB};

    static byte[] nal(int header, int size, long seed) {
        byte[] n = Units.random(seed, size);
        n[0] = (byte) header;
        return n;
    }

    @Test
    void unitsCrossingTheMaxPayloadComeBackWhole() {
        int max = 1000;
        H264Format format = H264Format.of(96, null, null);
        H264Packetizer p = new H264Packetizer(format, new PacketizerSettings(max, 1234, 65530, 4_000_000_000L));
        H264Depacketizer d = new H264Depacketizer(format);
        List<byte[]> sent = new ArrayList<>();
        List<RtpPacket> packets = new ArrayList<>();
        int[] sizes = {1, 2, max - 1, max, max + 1, 2 * max - 2, 2 * max - 1, 65_000, 150_000};
        for (int i = 0; i < sizes.length; i++) {
            List<byte[]> nals = new ArrayList<>();
            if (i % 3 == 0) {
                nals.add(SPS);
                nals.add(PPS);
                nals.add(nal(0x65, Math.max(2, sizes[i]), i));
            } else {
                nals.add(nal(0x41, Math.max(2, sizes[i]), i));
                nals.add(nal(0x41, 40, 100 + i));
            }
            byte[] au = AnnexB.join(nals);
            sent.add(au);
            packets.addAll(p.packetize(au, i * 40_000_000L));
        }
        int seq = 65530;
        for (RtpPacket packet : packets) {
            assertEquals(seq, packet.sequenceNumber());
            seq = (seq + 1) & 0xFFFF;
            assertTrue(packet.payload().length <= max, "payload " + packet.payload().length);
        }
        List<AccessUnit> units = Units.depacketize(d, packets);
        assertEquals(sent.size(), units.size(), d.stats().toString());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), units.get(i).data(), "unit " + i);
            assertEquals((4_000_000_000L + i * 3600L) & 0xFFFF_FFFFL, units.get(i).rtpTimestamp());
            assertEquals(i * 40_000_000L, units.get(i).presentationTime());
        }
    }
}
