package org.rtspkit.formats.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.rtspkit.formats.mpegts.TsDemuxer;
import org.rtspkit.formats.mpegts.TsDemuxerStats;
import org.rtspkit.formats.mpegts.TsMuxer;
import org.rtspkit.formats.mpegts.TsTrack;
import org.rtspkit.formats.mpegts.TsUnit;

/**
 * The transport stream demuxer on any bytes, in chunks the input chooses: nothing escapes it, every
 * byte is a packet, a skipped byte or the start of a packet still incomplete, no unit exceeds the
 * limit, and what it emits, written again by the muxer, reads back the same.
 */
class TsDemuxerFuzzTest {
    /** Small, so that the fuzzer reaches it. */
    static final int LIMIT = 16 * 1024;

    @FuzzTest(maxDuration = "60s")
    void demux(byte[] input) {
        if (input.length < 1) {
            return;
        }
        // The first byte chooses the chunk size, so that packets split across pushes are reached too.
        int chunk = 1 + (input[0] & 0xFF) * 3;
        List<TsUnit> units = new ArrayList<>();
        TsDemuxer demuxer = new TsDemuxer(LIMIT, units::add);
        for (int i = 1; i < input.length; i += chunk) {
            demuxer.push(input, i, Math.min(chunk, input.length - i));
        }
        demuxer.flush();
        TsDemuxerStats stats = demuxer.stats();
        long read = stats.packets() * TsDemuxer.PACKET_SIZE + stats.bytesSkipped();
        assertTrue(read <= input.length - 1 && input.length - 1 - read < TsDemuxer.PACKET_SIZE,
                "every byte but an incomplete last packet is read or skipped: " + stats + " of " + (input.length - 1));
        assertEquals(units.size(), stats.units());
        for (TsUnit u : units) {
            assertTrue(u.data().length <= LIMIT, "unit within the limit: " + u);
        }
        List<TsTrack> tracks = demuxer.tracks();
        List<TsUnit> writable = units.stream().filter(u -> tracks.contains(u.track())
                && (!u.track().codec().video() || u.dts() <= u.pts())).toList();
        if (writable.isEmpty()) {
            return;
        }
        TsMuxer muxer = new TsMuxer(tracks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TsUnit u : writable) {
            boolean video = u.track().codec().video();
            out.writeBytes(muxer.write(u.track(), u.pts(), video ? u.dts() : u.pts(), u.randomAccess(), u.data()));
        }
        List<TsUnit> again = new ArrayList<>();
        TsDemuxer second = new TsDemuxer(LIMIT + 1024, again::add);
        byte[] bytes = out.toByteArray();
        second.push(bytes, 0, bytes.length);
        second.flush();
        assertEquals(0, second.stats().continuityErrors() + second.stats().malformedPackets(), second.stats().toString());
        // Audio units are whole frames only when the PES held well-formed ones, which it did: they were emitted.
        assertEquals(writable.size(), again.size(), "units after writing them again");
        for (int i = 0; i < writable.size(); i++) {
            assertArrayEquals(writable.get(i).data(), again.get(i).data(), "unit " + i + " after writing it again");
        }
    }
}
