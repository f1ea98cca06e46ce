package org.rtspkit.formats.mpegts;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes access units as an MPEG-2 transport stream (ISO/IEC 13818-1) of one program: a program
 * association table and a program map table before the first unit, before every random-access unit
 * of the PCR stream and at least every {@link #TABLE_INTERVAL} ticks; each unit as one PES packet cut
 * into 188-byte TS packets with continuity counters per PID; the program clock reference on the first
 * packet of each PES of the PCR stream (the first video stream, else the first stream).
 *
 * <p>What a unit is: H264 and H265, an Annex-B access unit; AAC, one ADTS frame (header included); Opus,
 * one packet (the muxer writes its control header). Times are 90 kHz ticks on any scale that starts at 0
 * or later; the stream carries them plus {@link #TIME_OFFSET} (so that the clock reference, written
 * {@link #PCR_LEAD} ticks before a unit's DTS, never goes below 0), modulo 2^33.
 *
 * <p>{@link #write} returns whole TS packets only, so a file that receives each result in one write
 * is a valid transport stream after every write. Not thread-safe.
 */
public final class TsMuxer {
    /** The PID of the program map table. */
    public static final int PMT_PID = 0x1000;
    /** How often, at least, the tables are repeated: every half second of the PCR stream. */
    public static final long TABLE_INTERVAL = TsTime.CLOCK_RATE / 2;
    /** Added to every time written: 1.4 s, as FFmpeg starts its streams. */
    public static final long TIME_OFFSET = 126_000;
    /** How far the clock reference runs ahead of the DTS it precedes: 0.7 s. */
    public static final long PCR_LEAD = 63_000;

    private static final int PAYLOAD = TsDemuxer.PACKET_SIZE - 4;

    private final List<TsTrack> tracks;
    private final int pcrPid;
    private final int[] continuity = new int[8192];
    private long lastTables = Long.MIN_VALUE;
    private byte[] out = new byte[64 * TsDemuxer.PACKET_SIZE];
    private int outLength;

    /**
     * A muxer of the given elementary streams.
     *
     * @param tracks the streams, each with its own PID (not 0, not {@link #PMT_PID}); Opus needs its channel count
     */
    public TsMuxer(List<TsTrack> tracks) {
        this.tracks = List.copyOf(tracks);
        if (this.tracks.isEmpty()) {
            throw new IllegalArgumentException("a transport stream needs at least one elementary stream");
        }
        if (this.tracks.stream().map(TsTrack::pid).distinct().count() != this.tracks.size()
                || this.tracks.stream().anyMatch(t -> t.pid() == PMT_PID)) {
            throw new IllegalArgumentException("every stream needs a PID of its own, other than " + PMT_PID + ": " + tracks);
        }
        this.pcrPid = this.tracks.stream().filter(t -> t.codec().video()).findFirst().orElse(this.tracks.get(0)).pid();
    }

    /**
     * The tracks, as given.
     *
     * @return the tracks
     */
    public List<TsTrack> tracks() {
        return tracks;
    }

    /**
     * Writes one access unit.
     *
     * @param track one of the muxer's tracks
     * @param pts the presentation time, 90 kHz ticks, 0 or more
     * @param dts the decoding time, 90 kHz ticks, at most {@code pts}
     * @param randomAccess whether decoding can start here (an IDR or IRAP picture)
     * @param data the unit (see the class comment)
     * @return whole TS packets: the tables when due, then the unit's PES
     * @throws IllegalArgumentException when the track is not the muxer's, or a time is negative or DTS follows PTS
     */
    public byte[] write(TsTrack track, long pts, long dts, boolean randomAccess, byte[] data) {
        Objects.requireNonNull(data, "data");
        if (!tracks.contains(track)) {
            throw new IllegalArgumentException("not a track of this muxer: " + track);
        }
        if (pts < 0 || dts < 0 || dts > pts) {
            throw new IllegalArgumentException("times must be 0 or more, DTS at most PTS: pts=" + pts + ", dts=" + dts);
        }
        outLength = 0;
        boolean pcr = track.pid() == pcrPid;
        if (lastTables == Long.MIN_VALUE || (pcr && (randomAccess || dts - lastTables >= TABLE_INTERVAL))) {
            tables();
            lastTables = dts;
        }
        pes(track, pts + TIME_OFFSET, dts + TIME_OFFSET, pcr, randomAccess, data);
        return Arrays.copyOf(out, outLength);
    }

    // ---- tables

    private void tables() {
        byte[] pat = new byte[12 + 4];
        pat[0] = 0x00;
        int i = sectionHeader(pat, 0x0001);
        pat[i++] = 0x00;
        pat[i++] = 0x01; // program 1
        pat[i++] = (byte) (0xE0 | (PMT_PID >> 8));
        pat[i++] = (byte) PMT_PID;
        section(0, pat, finish(pat, i));
        int size = 12 + 4 + 4;
        for (TsTrack t : tracks) {
            size += 5 + (t.codec() == TsCodec.OPUS ? 10 : 0);
        }
        byte[] pmt = new byte[size];
        pmt[0] = 0x02;
        i = sectionHeader(pmt, 0x0001);
        pmt[i++] = (byte) (0xE0 | (pcrPid >> 8));
        pmt[i++] = (byte) pcrPid;
        pmt[i++] = (byte) 0xF0;
        pmt[i++] = 0x00; // no program descriptors
        for (TsTrack t : tracks) {
            pmt[i++] = (byte) t.codec().streamType();
            pmt[i++] = (byte) (0xE0 | (t.pid() >> 8));
            pmt[i++] = (byte) t.pid();
            boolean opus = t.codec() == TsCodec.OPUS;
            pmt[i++] = (byte) 0xF0;
            pmt[i++] = (byte) (opus ? 10 : 0);
            if (opus) {
                // Registration "Opus", then the extension descriptor with the channel configuration.
                pmt[i++] = 0x05;
                pmt[i++] = 4;
                pmt[i++] = 'O';
                pmt[i++] = 'p';
                pmt[i++] = 'u';
                pmt[i++] = 's';
                pmt[i++] = 0x7F;
                pmt[i++] = 2;
                pmt[i++] = (byte) 0x80;
                pmt[i++] = (byte) Math.max(1, Math.min(t.channels(), 8));
            }
        }
        section(PMT_PID, pmt, finish(pmt, i));
    }

    /** Fills the header of a long section after its table id; returns where its body starts. */
    private static int sectionHeader(byte[] s, int idExtension) {
        s[3] = (byte) (idExtension >> 8);
        s[4] = (byte) idExtension;
        s[5] = (byte) 0xC1; // version 0, current
        s[6] = 0; // section 0
        s[7] = 0; // of 1
        return 8;
    }

    /** Writes the section length and the CRC; returns the section's size. */
    private static int finish(byte[] s, int bodyEnd) {
        int sectionLength = bodyEnd + 4 - 3;
        s[1] = (byte) (0xB0 | (sectionLength >> 8));
        s[2] = (byte) sectionLength;
        int crc = Crc32Mpeg.of(s, 0, bodyEnd);
        s[bodyEnd] = (byte) (crc >>> 24);
        s[bodyEnd + 1] = (byte) (crc >>> 16);
        s[bodyEnd + 2] = (byte) (crc >>> 8);
        s[bodyEnd + 3] = (byte) crc;
        return bodyEnd + 4;
    }

    /** One table in one TS packet: pointer field, section, stuffing. */
    private void section(int pid, byte[] section, int size) {
        int at = packetHeader(pid, true, 1);
        out[at++] = 0; // pointer field
        System.arraycopy(section, 0, out, at, size);
        at += size;
        Arrays.fill(out, at, outLength, (byte) 0xFF);
    }

    /**
     * Starts a packet at the end of the output: its header with the next continuity counter of the PID;
     * returns where its adaptation field or payload starts. {@code control} is 1 (payload) or 3.
     */
    private int packetHeader(int pid, boolean unitStart, int control) {
        if (outLength + TsDemuxer.PACKET_SIZE > out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        int at = outLength;
        outLength += TsDemuxer.PACKET_SIZE;
        out[at] = 0x47;
        out[at + 1] = (byte) ((unitStart ? 0x40 : 0) | (pid >> 8));
        out[at + 2] = (byte) pid;
        out[at + 3] = (byte) ((control << 4) | continuity[pid]);
        continuity[pid] = (continuity[pid] + 1) & 0x0F;
        return at + 4;
    }

    // ---- PES

    private void pes(TsTrack track, long pts, long dts, boolean pcr, boolean randomAccess, byte[] data) {
        boolean withDts = track.codec().video() && dts != pts;
        int headerData = withDts ? 10 : 5;
        int payload = data.length + (track.codec() == TsCodec.OPUS ? OpusInTs.headerSize(data.length) : 0);
        byte[] pes = new byte[9 + headerData + payload];
        pes[2] = 1;
        pes[3] = (byte) switch (track.codec()) {
            case H264, H265 -> 0xE0;
            case AAC -> 0xC0;
            case OPUS -> 0xBD; // private_stream_1
        };
        int pesLength = 3 + headerData + payload;
        if (pesLength <= 0xFFFF) {
            pes[4] = (byte) (pesLength >> 8);
            pes[5] = (byte) pesLength;
        } // else 0: unbounded, allowed for video only, which is where units that large come from
        pes[6] = (byte) 0x84; // data alignment: the PES starts with an access unit
        pes[7] = (byte) (withDts ? 0xC0 : 0x80);
        pes[8] = (byte) headerData;
        timestamp(pes, 9, withDts ? 3 : 2, pts);
        if (withDts) {
            timestamp(pes, 14, 1, dts);
        }
        int at = 9 + headerData;
        if (track.codec() == TsCodec.OPUS) {
            at = OpusInTs.writeHeader(pes, at, data.length);
        }
        System.arraycopy(data, 0, pes, at, data.length);
        packets(track.pid(), pes, pcr ? (dts - PCR_LEAD) & TsTime.MASK : -1, randomAccess);
    }

    /** Cuts a PES into TS packets; the first carries the clock reference when {@code pcr} is not -1. */
    private void packets(int pid, byte[] pes, long pcr, boolean randomAccess) {
        int done = 0;
        boolean first = true;
        while (done < pes.length) {
            int flags = 0;
            int fields = 0;
            if (first && pcr >= 0) {
                flags |= 0x10;
                fields = 6;
            }
            if (first && randomAccess) {
                flags |= 0x40;
            }
            boolean adaptation = flags != 0;
            int capacity = PAYLOAD - (adaptation ? 2 + fields : 0);
            int take = Math.min(capacity, pes.length - done);
            if (take < capacity) {
                adaptation = true; // stuffing fills the rest of the last packet
            }
            int adaptationSize = PAYLOAD - take; // length byte included
            int at = packetHeader(pid, first, adaptation ? 3 : 1);
            if (adaptation) {
                out[at] = (byte) (adaptationSize - 1);
                if (adaptationSize > 1) {
                    out[at + 1] = (byte) flags;
                    int f = at + 2;
                    if ((flags & 0x10) != 0) {
                        long base = pcr;
                        out[f] = (byte) (base >> 25);
                        out[f + 1] = (byte) (base >> 17);
                        out[f + 2] = (byte) (base >> 9);
                        out[f + 3] = (byte) (base >> 1);
                        out[f + 4] = (byte) (((base & 1) << 7) | 0x7E);
                        out[f + 5] = 0; // extension: 0 of 300
                        f += 6;
                    }
                    Arrays.fill(out, f, at + adaptationSize, (byte) 0xFF);
                }
                at += adaptationSize;
            }
            System.arraycopy(pes, done, out, at, take);
            done += take;
            first = false;
        }
    }

    /** A 33-bit time in the PES header's five bytes, with its four-bit prefix. */
    private static void timestamp(byte[] b, int i, int prefix, long time) {
        long t = time & TsTime.MASK;
        b[i] = (byte) ((prefix << 4) | ((t >> 29) & 0x0E) | 1);
        b[i + 1] = (byte) (t >> 22);
        b[i + 2] = (byte) (((t >> 14) & 0xFE) | 1);
        b[i + 3] = (byte) (t >> 7);
        b[i + 4] = (byte) (((t << 1) & 0xFE) | 1);
    }
}
