package org.rtspkit.formats.mpegts;

import java.util.Arrays;
import java.util.Objects;

/**
 * One access unit out of a transport stream: a picture (Annex-B, as the PES carried it), one ADTS frame
 * (header included) or one Opus packet (control header removed).
 *
 * @param track        the elementary stream it belongs to
 * @param pts          the presentation time in 90 kHz ticks, 33 bits as the stream wrote it (audio units
 *                     after the first of a PES get the PES time plus the duration of the ones before)
 * @param dts          the decoding time, in the same ticks; the PTS when the PES had none
 * @param randomAccess whether decoding can start here: an IDR or IRAP picture; true for audio
 * @param data         the unit's bytes; not copied
 */
public record TsUnit(TsTrack track, long pts, long dts, boolean randomAccess, byte[] data) {
    /**
     * Checks the fields.
     *
     * @param track the elementary stream
     * @param pts presentation time, 90 kHz, 33-bit
     * @param dts decoding time, 90 kHz, 33-bit
     * @param randomAccess whether decoding can start here
     * @param data the unit's bytes
     */
    public TsUnit {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(data, "data");
        if (pts < 0 || pts > TsTime.MASK || dts < 0 || dts > TsTime.MASK) {
            throw new IllegalArgumentException("PTS and DTS are 33-bit values: " + pts + ", " + dts);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TsUnit u && track.equals(u.track) && pts == u.pts && dts == u.dts
                && randomAccess == u.randomAccess && Arrays.equals(data, u.data);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(track, pts, dts, randomAccess) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "TsUnit[pid=" + track.pid() + ", " + track.codec() + ", pts=" + pts + ", dts=" + dts + ", randomAccess="
                + randomAccess + ", " + data.length + " bytes]";
    }
}
