package org.rtspkit.server.record;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.H265Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.mpeg4audio.Adts;
import org.rtspkit.formats.mpeg4audio.AudioSpecificConfig;
import org.rtspkit.formats.mpegts.TsCodec;
import org.rtspkit.formats.mpegts.TsMuxer;
import org.rtspkit.formats.mpegts.TsTime;
import org.rtspkit.formats.mpegts.TsTrack;
import org.rtspkit.formats.nal.AnnexB;
import org.rtspkit.server.options.Recording;

/**
 * Records one publisher: its packets depacketized on the thread that receives them, the access units
 * written on a thread of the recorder's own (a bounded queue between them: a disk that cannot keep up
 * loses units, counted, not the publisher's packets to its readers). A new {@link SegmentFile} starts
 * when the current one has run its segment's length, at a random-access picture when there is video.
 */
final class Recorder implements BiConsumer<Media, RtpPacket> {
    private static final System.Logger LOG = System.getLogger(Recorder.class.getName());
    /**
     * How far a picture's decoding time is put before its presentation time: RTP carries only the
     * latter, and pictures are reordered by up to this much (five pictures at 25 per second).
     */
    static final long DECODE_MARGIN = TsTime.CLOCK_RATE / 5;

    /** A recorded media: its depacketizer, its stream in the files, and AAC's configuration for ADTS. */
    record Track(Media media, Depacketizer depacketizer, TsTrack ts, AudioSpecificConfig aac) {
    }

    private final String path;
    private final Path folder;
    private final Recording settings;
    private final List<Track> tracks;
    private final Map<Media, Integer> byMedia = new IdentityHashMap<>();
    private final ThreadPoolExecutor writer;
    private final long start = System.nanoTime();
    private final long[] offsets;
    private final AtomicLong dropped = new AtomicLong();
    private final boolean hasVideo;

    // Used on the writer thread only.
    private SegmentFile file;
    private TsMuxer muxer;
    private long segmentStart;
    private final long[] lastDts;
    private long units;
    private boolean failed;

    Recorder(String path, Path folder, Recording settings, List<Track> tracks) {
        this.path = path;
        this.folder = folder;
        this.settings = settings;
        this.tracks = List.copyOf(tracks);
        for (int i = 0; i < tracks.size(); i++) {
            byMedia.put(tracks.get(i).media(), i);
        }
        this.offsets = new long[tracks.size()];
        java.util.Arrays.fill(offsets, Long.MIN_VALUE);
        this.lastDts = new long[tracks.size()];
        this.hasVideo = tracks.stream().anyMatch(t -> t.ts().codec().video());
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.queueSize()),
                r -> {
                    Thread t = new Thread(r, "rtspkit-record " + path);
                    t.setDaemon(true);
                    return t;
                }, (r, executor) -> dropped.incrementAndGet());
    }

    /** A packet of the publisher; called on the thread that received it, one at a time per session. */
    @Override
    public synchronized void accept(Media media, RtpPacket packet) {
        Integer index = byMedia.get(media);
        if (index == null) {
            return;
        }
        tracks.get(index).depacketizer().push(packet, unit -> {
            // Each depacketizer counts from its own first packet: the tracks are put on one time line by
            // when their first unit arrived.
            if (offsets[index] == Long.MIN_VALUE) {
                offsets[index] = System.nanoTime() - start - unit.presentationTime();
            }
            long time = unit.presentationTime() + offsets[index];
            writer.execute(() -> write(index, unit, time));
        });
    }

    private void write(int index, AccessUnit unit, long time) {
        if (failed) {
            return;
        }
        Track track = tracks.get(index);
        boolean video = track.ts().codec().video();
        try {
            if (file == null || (time - segmentStart >= settings.segment().toNanos() && (!hasVideo || (video && unit.randomAccess())))) {
                if (file == null && hasVideo && !(video && unit.randomAccess())) {
                    return; // a file starts with a picture a reader can decode from
                }
                nextFile(time);
            }
            long pts = Math.max(0, TsTime.fromNanos(time)) + DECODE_MARGIN;
            long dts = pts;
            byte[] data = unit.data();
            switch (track.ts().codec()) {
                case H264, H265 -> {
                    dts = Math.min(pts, Math.max(lastDts[index] + 1, pts - DECODE_MARGIN));
                    if (unit.randomAccess()) {
                        data = withParameterSets(track, data);
                    }
                }
                case AAC -> data = Adts.frame(track.aac(), data);
                default -> {
                }
            }
            lastDts[index] = dts;
            file.write(muxer.write(track.ts(), pts, dts, unit.randomAccess(), data));
            units++;
        } catch (IOException | RuntimeException e) {
            failed = true;
            LOG.log(Level.WARNING, "recording of " + path + " stopped: " + e);
            closeFile();
        }
    }

    private void nextFile(long time) throws IOException {
        closeFile();
        file = SegmentFile.create(folder, Instant.now());
        muxer = new TsMuxer(tracks.stream().map(Track::ts).toList());
        segmentStart = time;
        LOG.log(Level.INFO, "recording " + path + " to " + file.file());
    }

    private void closeFile() {
        if (file == null) {
            return;
        }
        try {
            file.close();
            LOG.log(Level.INFO, "closed " + file.file() + " (" + file.bytes() + " bytes)");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot close " + file.file() + ": " + e);
        }
        file = null;
    }

    /**
     * A random-access picture as a file needs it: with its parameter sets, which publishers often send
     * in the SDP only.
     */
    private static byte[] withParameterSets(Track track, byte[] unit) {
        List<byte[]> nals = AnnexB.split(unit);
        boolean h264 = track.ts().codec() == TsCodec.H264;
        boolean hasSps = nals.stream().anyMatch(n -> n.length > 0 && (h264 ? (n[0] & 0x1F) == 7 : ((n[0] >> 1) & 0x3F) == 33));
        if (hasSps) {
            return unit;
        }
        List<byte[]> sets = new ArrayList<>();
        if (track.depacketizer().format() instanceof H264Format f && f.sps() != null && f.pps() != null) {
            sets.add(f.sps());
            sets.add(f.pps());
        } else if (track.depacketizer().format() instanceof H265Format f && f.vps() != null && f.sps() != null
                && f.pps() != null) {
            sets.add(f.vps());
            sets.add(f.sps());
            sets.add(f.pps());
        }
        if (sets.isEmpty()) {
            return unit;
        }
        // After an access unit delimiter if there is one, as the unit's first NAL unit must be.
        int aud = !nals.isEmpty() && nals.get(0).length > 0
                && (h264 ? (nals.get(0)[0] & 0x1F) == 9 : ((nals.get(0)[0] >> 1) & 0x3F) == 35) ? 1 : 0;
        List<byte[]> all = new ArrayList<>(nals.subList(0, aud));
        all.addAll(sets);
        all.addAll(nals.subList(aud, nals.size()));
        return AnnexB.join(all);
    }

    /** The publisher left: what is queued is written, and the file closed. Waits a few seconds at most. */
    void close() {
        writer.shutdown();
        try {
            if (writer.awaitTermination(10, TimeUnit.SECONDS)) {
                closeFile(); // the writer thread has ended: this thread may touch the file now
            } else {
                writer.execute(this::closeFile);
                LOG.log(Level.WARNING, "recording of " + path + " did not finish writing within 10 s");
            }
        } catch (InterruptedException | RejectedExecutionException e) {
            Thread.currentThread().interrupt();
        }
        long lost = dropped.get();
        if (lost > 0) {
            LOG.log(Level.WARNING, "recording of " + path + " lost " + lost + " units: the disk did not keep up"
                    + " (record.queueSize " + settings.queueSize() + ")");
        }
    }

    long units() {
        return units;
    }
}
