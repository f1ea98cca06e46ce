package org.rtspkit.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Format;
import org.rtspkit.api.RtpPacket;

class ReordererTest {
    private static RtpPacket p(int seq) {
        return RtpPacket.of(false, 96, seq & 0xFFFF, 0, 1, new byte[] {1});
    }

    private static List<Integer> seqs(List<RtpPacket> packets) {
        List<Integer> out = new ArrayList<>();
        for (RtpPacket x : packets) {
            out.add(x.sequenceNumber());
        }
        return out;
    }

    @Test
    void latePacketsAreDeliveredInOrder() {
        Reorderer r = new Reorderer(8);
        assertEquals(List.of(10), seqs(r.process(p(10))));
        assertEquals(List.of(), seqs(r.process(p(12))));
        assertEquals(List.of(), seqs(r.process(p(13))));
        assertEquals(List.of(11, 12, 13), seqs(r.process(p(11))));
        assertEquals(0, r.takeLost());
    }

    @Test
    void duplicatesAndOldPacketsAreDropped() {
        Reorderer r = new Reorderer(8);
        r.process(p(1));
        r.process(p(2));
        assertEquals(List.of(), seqs(r.process(p(2))));
        assertEquals(List.of(), seqs(r.process(p(1))));
        r.process(p(4));
        assertEquals(List.of(), seqs(r.process(p(4))));
        assertEquals(3, r.dropped());
    }

    @Test
    void aGapThatOutlivesTheWindowIsCountedLost() {
        Reorderer r = new Reorderer(4);
        r.process(p(100));
        assertEquals(List.of(), seqs(r.process(p(102))));
        assertEquals(List.of(), seqs(r.process(p(103))));
        // 105 is 4 past the expected 101: the window releases 102 and 103; 101 and 104 are lost
        assertEquals(List.of(102, 103, 105), seqs(r.process(p(105))));
        assertEquals(2, r.takeLost());
        assertEquals(List.of(106), seqs(r.process(p(106))));
    }

    @Test
    void sequenceNumbersWrap() {
        Reorderer r = new Reorderer(8);
        r.process(p(65534));
        assertEquals(List.of(), seqs(r.process(p(0))));
        assertEquals(List.of(65535, 0), seqs(r.process(p(65535))));
        assertEquals(List.of(1), seqs(r.process(p(1))));
    }

    @Test
    void aSenderThatRestartsFarBehindIsFollowed() {
        Reorderer r = new Reorderer(4);
        r.process(p(5000));
        List<Integer> got = new ArrayList<>();
        for (int s = 100; s < 110; s++) {
            got.addAll(seqs(r.process(p(s))));
        }
        // after more old packets than the window holds, the order starts again from there
        assertEquals(List.of(104, 105, 106, 107, 108, 109), got);
    }

    @Test
    void tcpLossIsTheGapInSequenceNumbers() {
        FormatReceiver tcp = new FormatReceiver(Format.fromSdp(96, "H264/90000", Map.of()), 0);
        tcp.process(p(30), 0);
        FormatReceiver.Outcome o = tcp.process(p(100), 0);
        assertEquals(69, o.lost());
        FormatReceiver udp = new FormatReceiver(Format.fromSdp(96, "H264/90000", Map.of()), 64);
        udp.process(p(30), 0);
        assertEquals(69, udp.process(p(100), 0).lost());
    }

    @Test
    void receptionReportsCountExtendedSequenceAndLoss() {
        FormatReceiver r = new FormatReceiver(Format.fromSdp(96, "H264/90000", Map.of()), 0);
        r.process(p(65534), 0);
        r.process(p(65535), 0);
        r.process(p(2), 0);
        var block = r.report(0);
        assertEquals(0x10002, block.lastSequenceNumber());
        assertEquals(2, block.totalLost());
        assertEquals(2 * 256 / 5, block.fractionLost());
    }
}
