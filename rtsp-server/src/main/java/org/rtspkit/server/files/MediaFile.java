package org.rtspkit.server.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.rtspkit.api.Format;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.H265Format;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.api.OpusFormat;
import org.rtspkit.formats.mpeg4audio.Adts;
import org.rtspkit.formats.mpeg4audio.AdtsFrame;
import org.rtspkit.formats.mpeg4audio.AudioSpecificConfig;
import org.rtspkit.formats.mpegts.TsCodec;
import org.rtspkit.formats.mpegts.TsDemuxer;
import org.rtspkit.formats.mpegts.TsDemuxerStats;
import org.rtspkit.formats.mpegts.TsTime;
import org.rtspkit.formats.mpegts.TsTrack;
import org.rtspkit.formats.mpegts.TsUnit;
import org.rtspkit.formats.nal.AnnexB;

/**
 * A file read whole into the access units it plays, sorted by the time each is sent, and how long one
 * pass lasts (the next pass starts that much later, so times keep growing when it loops).
 *
 * @param tracks the medias served
 * @param units  every unit of every track, by {@link FileUnit#dts()}
 * @param length nanoseconds from the first unit of one pass to the first of the next
 */
record MediaFile(List<FileTrack> tracks, List<FileUnit> units, long length) {
    /** The extensions served, as the 404 of another file lists them. */
    static final String TYPES = ".ts, .h264, .264, .h265, .265, .aac";
    private static final int FIRST_PAYLOAD_TYPE = 96;

    /**
     * Reads a file.
     *
     * @param fps pictures a second of raw H264 and H265
     * @throws UnreadableFileException saying what is wrong with it
     * @throws IOException when it cannot be read
     */
    static MediaFile read(Path file, int fps) throws UnreadableFileException, IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.substring(name.lastIndexOf('.') + 1);
        if (!List.of("ts", "h264", "264", "h265", "265", "aac").contains(type)) {
            throw new UnreadableFileException("not a type of file served here (" + TYPES + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return switch (type) {
                case "ts" -> transportStream(bytes);
                case "aac" -> adts(bytes);
                default -> annexB(bytes, type.endsWith("265"), fps);
            };
        } catch (IllegalArgumentException e) {
            // What the formats' readers refuse (a broken ADTS header, bytes that are not Annex B...).
            throw new UnreadableFileException(e.getMessage());
        }
    }

    private static MediaFile annexB(byte[] bytes, boolean h265, int fps) throws UnreadableFileException {
        String codec = h265 ? "H265" : "H264";
        List<byte[]> pictures = AnnexBAccessUnits.split(bytes, h265);
        if (pictures.isEmpty()) {
            throw new UnreadableFileException("no " + codec + " picture in the file");
        }
        FileTrack track = new FileTrack(MediaType.VIDEO, videoFormat(h265 ? TsCodec.H265 : TsCodec.H264, pictures,
                FIRST_PAYLOAD_TYPE));
        List<FileUnit> units = new ArrayList<>();
        for (int i = 0; i < pictures.size(); i++) {
            long time = i * 1_000_000_000L / fps;
            units.add(new FileUnit(0, time, time, pictures.get(i)));
        }
        return new MediaFile(List.of(track), units, pictures.size() * 1_000_000_000L / fps);
    }

    private static MediaFile adts(byte[] bytes) throws UnreadableFileException {
        List<AdtsFrame> frames = Adts.split(bytes);
        if (frames.isEmpty()) {
            throw new UnreadableFileException("no ADTS frame in the file");
        }
        AudioSpecificConfig config = frames.get(0).config();
        List<FileUnit> units = new ArrayList<>();
        long samples = 0;
        for (AdtsFrame frame : frames) {
            long time = samples * 1_000_000_000L / config.sampleRate();
            units.add(new FileUnit(0, time, time, frame.data()));
            samples += config.samplesPerFrame();
        }
        return new MediaFile(List.of(new FileTrack(MediaType.AUDIO, aacFormat(config, FIRST_PAYLOAD_TYPE))), units,
                samples * 1_000_000_000L / config.sampleRate());
    }

    private static MediaFile transportStream(byte[] bytes) throws UnreadableFileException {
        List<TsUnit> read = new ArrayList<>();
        TsDemuxer demuxer = new TsDemuxer(read::add);
        demuxer.push(bytes, 0, bytes.length);
        demuxer.flush();
        TsDemuxerStats stats = demuxer.stats();
        List<TsTrack> tracks = new ArrayList<>(demuxer.tracks());
        tracks.removeIf(t -> read.stream().noneMatch(u -> u.track().equals(t)));
        if (tracks.isEmpty()) {
            throw new UnreadableFileException("no H264, H265, AAC or Opus stream in the transport stream ("
                    + stats.packets() + " packets read, " + stats.bytesSkipped() + " bytes without a sync byte)");
        }
        List<FileTrack> fileTracks = new ArrayList<>();
        List<FileUnit> units = new ArrayList<>();
        // Times unwrapped per track, then all counted from the earliest DTS of the file.
        long[][] times = new long[read.size()][];
        long[] last = new long[tracks.size()];
        java.util.Arrays.fill(last, Long.MIN_VALUE);
        long base = Long.MAX_VALUE;
        for (int i = 0; i < read.size(); i++) {
            TsUnit u = read.get(i);
            int t = tracks.indexOf(u.track());
            if (t < 0) {
                continue;
            }
            long dts = last[t] == Long.MIN_VALUE ? u.dts() : TsTime.unwrap(last[t], u.dts());
            long pts = TsTime.unwrap(dts, u.pts());
            last[t] = dts;
            times[i] = new long[] {dts, Math.max(pts, dts)};
            base = Math.min(base, dts);
        }
        for (int t = 0; t < tracks.size(); t++) {
            TsTrack track = tracks.get(t);
            List<byte[]> data = read.stream().filter(u -> u.track().equals(track)).map(TsUnit::data).toList();
            fileTracks.add(switch (track.codec()) {
                case H264, H265 -> new FileTrack(MediaType.VIDEO, videoFormat(track.codec(), data, FIRST_PAYLOAD_TYPE + t));
                case AAC -> new FileTrack(MediaType.AUDIO, aacFormat(Adts.split(data.get(0)).get(0).config(),
                        FIRST_PAYLOAD_TYPE + t));
                case OPUS -> new FileTrack(MediaType.AUDIO, OpusFormat.of(FIRST_PAYLOAD_TYPE + t, track.channels() != 1));
            });
        }
        long[] first = new long[tracks.size()];
        long[] count = new long[tracks.size()];
        java.util.Arrays.fill(first, -1);
        for (int i = 0; i < read.size(); i++) {
            TsUnit u = read.get(i);
            int t = tracks.indexOf(u.track());
            if (t < 0) {
                continue;
            }
            byte[] data = u.data();
            if (u.track().codec() == TsCodec.AAC) {
                data = Adts.split(data).get(0).data(); // the demuxer gives one whole frame per unit
            }
            long dts = TsTime.toNanos(times[i][0] - base);
            units.add(new FileUnit(t, dts, TsTime.toNanos(times[i][1] - base), data));
            first[t] = first[t] < 0 ? dts : first[t];
            last[t] = dts;
            count[t]++;
        }
        units.sort(Comparator.comparingLong(FileUnit::dts));
        // One pass lasts until the end of the longest track: its last unit plus the average step.
        long length = 1;
        for (int t = 0; t < tracks.size(); t++) {
            long step = count[t] > 1 ? (last[t] - first[t]) / (count[t] - 1) : 40_000_000L;
            length = Math.max(length, last[t] + step);
        }
        return new MediaFile(fileTracks, units, length);
    }

    /** The format of a video track, with the parameter sets of its first units (for the SDP). */
    private static Format videoFormat(TsCodec codec, List<byte[]> units, int payloadType) throws UnreadableFileException {
        byte[][] sets = new byte[3][];
        for (byte[] unit : units) {
            for (byte[] nal : AnnexB.split(unit)) {
                if (nal.length == 0) {
                    continue;
                }
                int index = codec == TsCodec.H264 ? (nal[0] & 0x1F) - 6 : ((nal[0] >> 1) & 0x3F) - 32;
                if (index >= (codec == TsCodec.H264 ? 1 : 0) && index <= 2 && sets[index] == null) {
                    sets[index] = nal;
                }
            }
            if (sets[1] != null && sets[2] != null && (codec == TsCodec.H264 || sets[0] != null)) {
                return codec == TsCodec.H264 ? H264Format.of(payloadType, sets[1], sets[2])
                        : H265Format.of(payloadType, sets[0], sets[1], sets[2]);
            }
        }
        throw new UnreadableFileException("no " + (codec == TsCodec.H264 ? "SPS and PPS" : "VPS, SPS and PPS") + " in the "
                + codec + " stream: a reader could not decode it");
    }

    private static Mpeg4AudioFormat aacFormat(AudioSpecificConfig config, int payloadType) {
        return Mpeg4AudioFormat.aacHbr(payloadType, config.sampleRate(), config.channelCount(), config.toBytes());
    }
}
