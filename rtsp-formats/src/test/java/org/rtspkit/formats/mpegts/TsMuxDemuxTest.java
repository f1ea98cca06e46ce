package org.rtspkit.formats.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rtspkit.formats.mpeg4audio.Adts;
import org.rtspkit.formats.mpeg4audio.AudioSpecificConfig;

/**
 * The muxer's output read back by the demuxer: every unit with its times, whatever the chunking; and
 * what the demuxer does with lost, duplicated and garbled packets.
 */
class TsMuxDemuxTest {
    static final TsTrack VIDEO = new TsTrack(0x100, TsCodec.H264, 0);
    static final TsTrack AAC = new TsTrack(0x101, TsCodec.AAC, 0);
    static final TsTrack OPUS = new TsTrack(0x102, TsCodec.OPUS, 2);

    record Written(TsTrack track, long pts, long dts, boolean randomAccess, byte[] data) {
    }

    /** An Annex-B picture of {@code size} bytes: an IDR slice or a non-IDR one, of made-up bytes. */
    static byte[] picture(int size, boolean idr, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[0] = 0;
        b[1] = 0;
        b[2] = 0;
        b[3] = 1;
        b[4] = (byte) (idr ? 0x65 : 0x41);
        for (int i = 5; i < size; i++) {
            if (b[i] == 0) {
                b[i] = 7; // no start code inside the slice
            }
        }
        return b;
    }

    static List<Written> stream() {
        List<Written> units = new ArrayList<>();
        AudioSpecificConfig config = AudioSpecificConfig.aacLc(48000, 2);
        for (int i = 0; i < 30; i++) {
            // B-frame order: PTS runs ahead of DTS; every 10th picture an IDR; one of 70 kB.
            long dts = i * 3600L;
            units.add(new Written(VIDEO, dts + 7200, dts, i % 10 == 0, picture(i == 5 ? 70_000 : 500 + i * 37, i % 10 == 0, i)));
            byte[] raw = new byte[100 + i];
            Arrays.fill(raw, (byte) i);
            units.add(new Written(AAC, i * 1920L, i * 1920L, true, Adts.frame(config, raw)));
            byte[] opus = new byte[260 + i];
            Arrays.fill(opus, (byte) (i + 1));
            opus[0] = (byte) 0xFC; // CELT 20 ms, one frame
            units.add(new Written(OPUS, i * 1800L, i * 1800L, true, opus));
        }
        return units;
    }

    static byte[] mux(List<Written> units) {
        TsMuxer muxer = new TsMuxer(List.of(VIDEO, AAC, OPUS));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Written w : units) {
            byte[] packets = muxer.write(w.track(), w.pts(), w.dts(), w.randomAccess(), w.data());
            assertEquals(0, packets.length % TsDemuxer.PACKET_SIZE, "whole packets only");
            for (int i = 0; i < packets.length; i += TsDemuxer.PACKET_SIZE) {
                assertEquals(0x47, packets[i] & 0xFF, "sync byte of packet at " + i);
            }
            out.writeBytes(packets);
        }
        return out.toByteArray();
    }

    @Test
    void unitsComeBackWithTheirTimesWhateverTheChunking() {
        List<Written> units = stream();
        byte[] ts = mux(units);
        for (int chunk : new int[] {ts.length, 188, 1, 7, 1000}) {
            List<TsUnit> read = new ArrayList<>();
            TsDemuxer demuxer = new TsDemuxer(read::add);
            for (int i = 0; i < ts.length; i += chunk) {
                demuxer.push(ts, i, Math.min(chunk, ts.length - i));
            }
            demuxer.flush();
            assertEquals(List.of(VIDEO, AAC, OPUS), demuxer.tracks());
            assertEquals(units.size(), read.size(), "units read with chunks of " + chunk);
            for (TsTrack track : demuxer.tracks()) {
                List<Written> in = units.stream().filter(u -> u.track().equals(track)).toList();
                List<TsUnit> out = read.stream().filter(u -> u.track().equals(track)).toList();
                assertEquals(in.size(), out.size());
                for (int i = 0; i < in.size(); i++) {
                    assertArrayEquals(in.get(i).data(), out.get(i).data(), track.codec() + " unit " + i);
                    assertEquals(in.get(i).pts() + TsMuxer.TIME_OFFSET, out.get(i).pts(), track.codec() + " pts " + i);
                    assertEquals(in.get(i).dts() + TsMuxer.TIME_OFFSET, out.get(i).dts(), track.codec() + " dts " + i);
                    assertEquals(in.get(i).randomAccess(), out.get(i).randomAccess(), track.codec() + " random access " + i);
                }
            }
            TsDemuxerStats stats = demuxer.stats();
            assertEquals(ts.length / 188, stats.packets());
            assertEquals(0, stats.continuityErrors() + stats.unitsDropped() + stats.malformedPackets() + stats.bytesSkipped());
        }
    }

    @Test
    void aLostPacketDropsItsUnitOnlyAndIsCounted() {
        List<Written> units = stream();
        byte[] ts = mux(units);
        // The big picture is the 6th video unit: drop one packet out of its middle.
        int victim = packetsOf(ts, VIDEO.pid()).get(60);
        byte[] broken = new byte[ts.length - 188];
        System.arraycopy(ts, 0, broken, 0, victim);
        System.arraycopy(ts, victim + 188, broken, victim, ts.length - victim - 188);
        List<TsUnit> read = new ArrayList<>();
        TsDemuxer demuxer = new TsDemuxer(read::add);
        demuxer.push(broken, 0, broken.length);
        demuxer.flush();
        List<TsUnit> video = read.stream().filter(u -> u.track().equals(VIDEO)).toList();
        assertEquals(29, video.size());
        assertFalse(video.stream().anyMatch(u -> u.data().length == 70_000), "the broken picture is not emitted");
        assertEquals(60, read.stream().filter(u -> !u.track().equals(VIDEO)).count(), "audio untouched");
        assertEquals(1, demuxer.stats().continuityErrors());
        assertEquals(1, demuxer.stats().unitsDropped());
    }

    @Test
    void duplicatesAreIgnoredAndGarbageSkipped() {
        List<Written> units = stream();
        byte[] ts = mux(units);
        int packet = packetsOf(ts, VIDEO.pid()).get(10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ts, 0, packet + 188);
        out.write(ts, packet, 188); // the same packet again, as 13818-1 allows once
        out.writeBytes(new byte[] {1, 2, 3, 0x11}); // garbage before the next sync byte
        out.write(ts, packet + 188, ts.length - packet - 188);
        byte[] stream = out.toByteArray();
        List<TsUnit> read = new ArrayList<>();
        TsDemuxer demuxer = new TsDemuxer(read::add);
        demuxer.push(stream, 0, stream.length);
        demuxer.flush();
        assertEquals(units.size(), read.size());
        assertEquals(0, demuxer.stats().continuityErrors());
        assertEquals(4, demuxer.stats().bytesSkipped());
    }

    @Test
    void aUnitOverTheLimitIsDroppedAndCounted() {
        byte[] ts = mux(stream());
        List<TsUnit> read = new ArrayList<>();
        TsDemuxer demuxer = new TsDemuxer(16 * 1024, read::add);
        demuxer.push(ts, 0, ts.length);
        demuxer.flush();
        assertEquals(89, read.size());
        assertEquals(1, demuxer.stats().unitsDropped());
        assertTrue(read.stream().allMatch(u -> u.data().length < 16 * 1024));
    }

    @Test
    void randomAccessIsReadFromTheNalUnits() {
        byte[] ts = mux(stream());
        List<TsUnit> read = new ArrayList<>();
        TsDemuxer demuxer = new TsDemuxer(read::add);
        demuxer.push(ts, 0, ts.length);
        assertEquals(3, read.stream().filter(u -> u.track().equals(VIDEO) && u.randomAccess()).count());
    }

    @Test
    void timesUnwrapAcross33Bits() {
        assertEquals(TsTime.MASK + 10, TsTime.unwrap(TsTime.MASK - 10, 9));
        assertEquals(5, TsTime.unwrap(20, 5));
        assertEquals(-1, TsTime.unwrap(3, TsTime.MASK));
        assertEquals(1_000_000_000L, TsTime.toNanos(90_000));
        assertEquals(90_000, TsTime.fromNanos(1_000_000_000L));
    }

    /** The offsets of the packets of a PID. */
    static List<Integer> packetsOf(byte[] ts, int pid) {
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < ts.length; i += 188) {
            if ((((ts[i + 1] & 0x1F) << 8) | (ts[i + 2] & 0xFF)) == pid) {
                offsets.add(i);
            }
        }
        return offsets;
    }
}
