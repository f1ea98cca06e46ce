package org.rtspkit.formats.mpegts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads an MPEG-2 transport stream (ISO/IEC 13818-1) into the access units of its first program: the
 * program association table gives the program map table's PID, the program map table the elementary
 * streams ({@link TsCodec}: H264, H265, AAC in ADTS, Opus), and each stream's PES packets are put back
 * together from its TS packets and split into access units ({@link TsUnit}).
 *
 * <p>Bytes may come in chunks of any size ({@link #push}); the demuxer keeps what is left of a packet
 * and finds the sync byte again after garbage. A packet whose continuity counter does not follow the
 * one before on its PID (and whose adaptation field does not announce a discontinuity) means lost
 * packets: the PES being put together on that PID is dropped and counted, and the stream resumes at its
 * next PES. No input makes it throw; what it cannot read is counted in {@link #stats()}. Tables that
 * span more than one TS packet are not read (a program of a few streams never needs it). Not
 * thread-safe.
 */
public final class TsDemuxer {
    /** Bytes of a TS packet. */
    public static final int PACKET_SIZE = 188;
    /** Default largest PES packet put together: 8 MiB. */
    public static final int DEFAULT_MAX_UNIT_SIZE = 8 << 20;

    private static final int SYNC = 0x47;
    private static final int PAT_PID = 0;
    private static final int NULL_PID = 0x1FFF;
    private static final int AAC_SAMPLES_PER_FRAME = 1024;
    private static final int[] AAC_RATES =
            {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};

    /** A PES packet being put together on one PID. */
    private static final class Assembly {
        final TsTrack track;
        byte[] buffer = new byte[4096];
        int length;
        boolean started;
        boolean randomAccess;
        long lastPts = -1;

        Assembly(TsTrack track) {
            this.track = track;
        }
    }

    private final int maxUnitSize;
    private final Consumer<TsUnit> sink;
    private final byte[] pending = new byte[PACKET_SIZE];
    private int pendingLength;
    private final int[] continuity = new int[8192];
    private int pmtPid = -1;
    private Map<Integer, Assembly> streams = new LinkedHashMap<>();

    private long packets;
    private long bytesSkipped;
    private long continuityErrors;
    private long units;
    private long unitsDropped;
    private long malformedPackets;

    /**
     * A demuxer with the default largest unit.
     *
     * @param sink receives each access unit, during {@link #push} or {@link #flush}
     */
    public TsDemuxer(Consumer<TsUnit> sink) {
        this(DEFAULT_MAX_UNIT_SIZE, sink);
    }

    /**
     * A demuxer.
     *
     * @param maxUnitSize the largest PES packet put together, in bytes; larger ones are dropped and counted
     * @param sink receives each access unit, during {@link #push} or {@link #flush}
     */
    public TsDemuxer(int maxUnitSize, Consumer<TsUnit> sink) {
        if (maxUnitSize < PACKET_SIZE) {
            throw new IllegalArgumentException("maxUnitSize must be at least " + PACKET_SIZE + ": " + maxUnitSize);
        }
        this.maxUnitSize = maxUnitSize;
        this.sink = Objects.requireNonNull(sink, "sink");
        Arrays.fill(continuity, -1);
    }

    /**
     * Reads bytes of the stream: whole packets, parts of packets, or many packets at once.
     *
     * @param data the buffer
     * @param offset where the bytes start
     * @param length how many bytes
     */
    public void push(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (pendingLength > 0) {
                int take = Math.min(PACKET_SIZE - pendingLength, end - at);
                System.arraycopy(data, at, pending, pendingLength, take);
                pendingLength += take;
                at += take;
                if (pendingLength == PACKET_SIZE) {
                    pendingLength = 0;
                    packet(pending, 0);
                }
            } else if ((data[at] & 0xFF) != SYNC) {
                bytesSkipped++;
                at++;
            } else if (end - at >= PACKET_SIZE) {
                packet(data, at);
                at += PACKET_SIZE;
            } else {
                pendingLength = end - at;
                System.arraycopy(data, at, pending, 0, pendingLength);
                at = end;
            }
        }
    }

    /**
     * The end of the stream: emits the PES packets still being put together (the last of each stream
     * has no next packet to end it).
     */
    public void flush() {
        for (Assembly a : streams.values()) {
            if (a.started) {
                finish(a);
            }
        }
    }

    /**
     * The elementary streams of the program map table read last, in its order.
     *
     * @return the tracks; empty before a program map table
     */
    public List<TsTrack> tracks() {
        List<TsTrack> tracks = new ArrayList<>();
        streams.values().forEach(a -> tracks.add(a.track));
        return tracks;
    }

    /**
     * What has been read and dropped so far.
     *
     * @return a snapshot of the counters
     */
    public TsDemuxerStats stats() {
        return new TsDemuxerStats(packets, bytesSkipped, continuityErrors, units, unitsDropped, malformedPackets);
    }

    private void packet(byte[] b, int o) {
        packets++;
        int end = o + PACKET_SIZE;
        boolean transportError = (b[o + 1] & 0x80) != 0;
        boolean unitStart = (b[o + 1] & 0x40) != 0;
        int pid = ((b[o + 1] & 0x1F) << 8) | (b[o + 2] & 0xFF);
        int control = (b[o + 3] >> 4) & 3;
        int counter = b[o + 3] & 0x0F;
        if (pid == NULL_PID) {
            return;
        }
        Assembly assembly = streams.get(pid);
        if (transportError || control == 0) {
            malformedPackets++;
            broken(assembly);
            return;
        }
        int p = o + 4;
        boolean discontinuity = false;
        boolean randomAccess = false;
        if ((control & 2) != 0) {
            int adaptationLength = b[p] & 0xFF;
            if (p + 1 + adaptationLength > end) {
                malformedPackets++;
                broken(assembly);
                return;
            }
            if (adaptationLength > 0) {
                discontinuity = (b[p + 1] & 0x80) != 0;
                randomAccess = (b[p + 1] & 0x40) != 0;
            }
            p += 1 + adaptationLength;
        }
        if ((control & 1) == 0) {
            return; // adaptation field only: the counter does not advance
        }
        int previous = continuity[pid];
        continuity[pid] = counter;
        if (previous >= 0 && !discontinuity) {
            if (counter == previous) {
                return; // a duplicate packet (allowed once): its payload was read already
            }
            if (counter != ((previous + 1) & 0x0F)) {
                continuityErrors++;
                broken(assembly);
            }
        }
        if (pid == PAT_PID) {
            section(b, p, end, unitStart, true);
        } else if (pid == pmtPid) {
            section(b, p, end, unitStart, false);
        } else if (assembly != null) {
            payload(assembly, b, p, end - p, unitStart, randomAccess);
        }
    }

    /** The PES on a PID lost packets: what was put together of it is dropped. */
    private void broken(Assembly a) {
        if (a != null && a.started) {
            a.started = false;
            a.length = 0;
            unitsDropped++;
        }
    }

    // ---- tables

    private void section(byte[] b, int p, int end, boolean unitStart, boolean pat) {
        if (!unitStart) {
            return; // the rest of a table longer than a packet: not read
        }
        int s = p + 1 + (b[p] & 0xFF);
        if (s + 3 > end) {
            malformedPackets++;
            return;
        }
        int tableId = b[s] & 0xFF;
        int sectionLength = ((b[s + 1] & 0x0F) << 8) | (b[s + 2] & 0xFF);
        int sectionEnd = s + 3 + sectionLength;
        if (tableId == 0xFF) {
            return; // stuffing
        }
        if (sectionLength < 9 || sectionEnd > end || Crc32Mpeg.of(b, s, 3 + sectionLength) != 0) {
            malformedPackets++;
            return;
        }
        int body = s + 8;
        int bodyEnd = sectionEnd - 4;
        if (pat && tableId == 0x00) {
            for (int i = body; i + 4 <= bodyEnd; i += 4) {
                int program = ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
                if (program != 0) {
                    int pid = ((b[i + 2] & 0x1F) << 8) | (b[i + 3] & 0xFF);
                    if (pid != pmtPid) {
                        pmtPid = pid;
                    }
                    return;
                }
            }
        } else if (!pat && tableId == 0x02) {
            programMap(b, body, bodyEnd);
        }
    }

    private void programMap(byte[] b, int body, int end) {
        if (body + 4 > end) {
            malformedPackets++;
            return;
        }
        int programInfo = ((b[body + 2] & 0x0F) << 8) | (b[body + 3] & 0xFF);
        int i = body + 4 + programInfo;
        Map<Integer, Assembly> next = new LinkedHashMap<>();
        while (i + 5 <= end) {
            int streamType = b[i] & 0xFF;
            int pid = ((b[i + 1] & 0x1F) << 8) | (b[i + 2] & 0xFF);
            int infoLength = ((b[i + 3] & 0x0F) << 8) | (b[i + 4] & 0xFF);
            int descriptors = i + 5;
            i = descriptors + infoLength;
            if (i > end) {
                malformedPackets++;
                return;
            }
            TsTrack track = track(streamType, pid, b, descriptors, i);
            if (track == null || next.containsKey(pid) || pid == pmtPid || pid < 0x10 || pid == NULL_PID) {
                continue;
            }
            Assembly old = streams.get(pid);
            next.put(pid, old != null && old.track.equals(track) ? old : new Assembly(track));
        }
        streams = next;
    }

    /** The track of one program map entry; null for a stream type this demuxer does not read. */
    private static TsTrack track(int streamType, int pid, byte[] b, int from, int to) {
        if (pid < 0x10 || pid > 0x1FFE) {
            return null;
        }
        switch (streamType) {
            case 0x1B:
                return new TsTrack(pid, TsCodec.H264, 0);
            case 0x24:
                return new TsTrack(pid, TsCodec.H265, 0);
            case 0x0F:
                return new TsTrack(pid, TsCodec.AAC, 0);
            case 0x06:
                boolean opus = false;
                int channels = 0;
                for (int d = from; d + 2 <= to; ) {
                    int tag = b[d] & 0xFF;
                    int length = b[d + 1] & 0xFF;
                    if (d + 2 + length > to) {
                        break;
                    }
                    if (tag == 0x05 && length >= 4 && b[d + 2] == 'O' && b[d + 3] == 'p' && b[d + 4] == 'u'
                            && b[d + 5] == 's') {
                        opus = true;
                    } else if (tag == 0x7F && length >= 2 && (b[d + 2] & 0xFF) == 0x80) {
                        int config = b[d + 3] & 0xFF;
                        channels = config <= 8 ? Math.max(config, 0) : 0;
                    }
                    d += 2 + length;
                }
                return opus ? new TsTrack(pid, TsCodec.OPUS, channels == 0 ? 2 : channels) : null;
            default:
                return null;
        }
    }

    // ---- PES

    private void payload(Assembly a, byte[] b, int p, int length, boolean unitStart, boolean randomAccess) {
        if (unitStart) {
            if (a.started) {
                finish(a);
            }
            a.started = true;
            a.length = 0;
            a.randomAccess = randomAccess;
        } else if (!a.started) {
            return; // the middle of a PES whose start was not seen
        }
        if (a.length + length > maxUnitSize) {
            broken(a);
            return;
        }
        if (a.length + length > a.buffer.length) {
            a.buffer = Arrays.copyOf(a.buffer, Math.min(maxUnitSize, Math.max(a.buffer.length * 2, a.length + length)));
        }
        System.arraycopy(b, p, a.buffer, a.length, length);
        a.length += length;
        if (a.length >= 6) {
            int declared = ((a.buffer[4] & 0xFF) << 8) | (a.buffer[5] & 0xFF);
            if (declared != 0 && a.length >= 6 + declared) {
                finish(a); // a PES of known length ends here, not at the next one
            }
        }
    }

    private void finish(Assembly a) {
        a.started = false;
        byte[] b = a.buffer;
        int length = a.length;
        a.length = 0;
        if (length < 9 || b[0] != 0 || b[1] != 0 || b[2] != 1) {
            unitsDropped++;
            return;
        }
        int declared = ((b[4] & 0xFF) << 8) | (b[5] & 0xFF);
        int end = declared == 0 ? length : Math.min(length, 6 + declared);
        int flags = (b[7] & 0xFF) >> 6;
        int headerLength = b[8] & 0xFF;
        int start = 9 + headerLength;
        if (start > end || (flags == 2 && headerLength < 5) || (flags == 3 && headerLength < 10) || flags == 1) {
            unitsDropped++;
            return;
        }
        long pts = flags >= 2 ? timestamp(b, 9) : Math.max(a.lastPts, 0);
        long dts = flags == 3 ? timestamp(b, 14) : pts;
        a.lastPts = pts;
        switch (a.track.codec()) {
            case H264, H265 -> emit(a.track, pts, dts, a.randomAccess || randomAccess(a.track.codec(), b, start, end),
                    Arrays.copyOfRange(b, start, end));
            case AAC -> adts(a.track, pts, b, start, end);
            case OPUS -> opus(a.track, pts, b, start, end);
            default -> throw new AssertionError(a.track.codec());
        }
    }

    private void emit(TsTrack track, long pts, long dts, boolean randomAccess, byte[] data) {
        units++;
        sink.accept(new TsUnit(track, pts & TsTime.MASK, dts & TsTime.MASK, randomAccess, data));
    }

    private void adts(TsTrack track, long pts, byte[] b, int at, int end) {
        long samples = 0;
        while (at < end) {
            if (end - at < 7 || (b[at] & 0xFF) != 0xFF || (b[at + 1] & 0xF0) != 0xF0) {
                unitsDropped++;
                return;
            }
            int rateIndex = (b[at + 2] >> 2) & 0x0F;
            int frameLength = ((b[at + 3] & 0x03) << 11) | ((b[at + 4] & 0xFF) << 3) | ((b[at + 5] & 0xFF) >> 5);
            if (rateIndex >= AAC_RATES.length || frameLength < 7 || frameLength > end - at) {
                unitsDropped++;
                return;
            }
            long time = pts + samples * TsTime.CLOCK_RATE / AAC_RATES[rateIndex];
            emit(track, time, time, true, Arrays.copyOfRange(b, at, at + frameLength));
            samples += AAC_SAMPLES_PER_FRAME;
            at += frameLength;
        }
    }

    private void opus(TsTrack track, long pts, byte[] b, int at, int end) {
        long samples = 0;
        while (at < end) {
            if (end - at < 3 || ((((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF)) & OpusInTs.PREFIX_MASK) != OpusInTs.PREFIX) {
                unitsDropped++;
                return;
            }
            int flags = b[at + 1] & 0xFF;
            at += 2;
            int size = 0;
            while (at < end && (b[at] & 0xFF) == 0xFF) {
                size += 255;
                at++;
            }
            if (at >= end) {
                unitsDropped++;
                return;
            }
            size += b[at++] & 0xFF;
            at += ((flags & 0x10) != 0 ? 2 : 0) + ((flags & 0x08) != 0 ? 2 : 0);
            if ((flags & 0x04) != 0) {
                at += at < end ? 1 + (b[at] & 0xFF) : 1;
            }
            if (at > end || size > end - at) {
                unitsDropped++;
                return;
            }
            long time = pts + samples * TsTime.CLOCK_RATE / 48_000;
            emit(track, time, time, true, Arrays.copyOfRange(b, at, at + size));
            samples += OpusInTs.samples(b, at, size);
            at += size;
        }
    }

    /** Whether an Annex-B access unit holds an IDR picture (H264) or an IRAP picture (H265). */
    static boolean randomAccess(TsCodec codec, byte[] b, int from, int end) {
        for (int i = from; i + 3 < end; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                int header = b[i + 3] & 0xFF;
                if (codec == TsCodec.H264 ? (header & 0x1F) == 5 : ((header >> 1) & 0x3F) >= 16 && ((header >> 1) & 0x3F) <= 21) {
                    return true;
                }
                i += 2;
            }
        }
        return false;
    }

    private static long timestamp(byte[] b, int i) {
        return ((long) (b[i] & 0x0E) << 29) | ((long) (b[i + 1] & 0xFF) << 22) | ((long) (b[i + 2] & 0xFE) << 14)
                | ((long) (b[i + 3] & 0xFF) << 7) | ((b[i + 4] & 0xFF) >> 1);
    }
}
