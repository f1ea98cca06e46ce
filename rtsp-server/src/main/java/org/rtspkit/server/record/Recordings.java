package org.rtspkit.server.record;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.rtspkit.api.Format;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.H265Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.api.OpusFormat;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.PayloadFormats;
import org.rtspkit.formats.mpeg4audio.AudioSpecificConfig;
import org.rtspkit.formats.mpegts.TsCodec;
import org.rtspkit.formats.mpegts.TsTrack;
import org.rtspkit.server.options.Recording;

/**
 * The recordings of {@code --record}: one {@link Recorder} per publisher whose path is recorded, from
 * its RECORD until its session ends. H264, H265, AAC (AAC-hbr) and Opus are recorded; other medias of a
 * publisher are left out, and said so. Thread-safe.
 */
public final class Recordings implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Recordings.class.getName());

    private final Recording settings;
    private final Map<ServerSession, Recorder> recorders = new IdentityHashMap<>();

    public Recordings(Recording settings) {
        this.settings = settings;
    }

    /**
     * Starts recording a publisher; empty when none of its medias can be recorded (or the path names a
     * folder outside the recordings' one).
     *
     * @param path the request path ({@code /cam}): the recording's folder under the settings' one
     * @return what to hand every packet of the publisher
     */
    public Optional<BiConsumer<Media, RtpPacket>> start(ServerSession publisher, String path,
                                                        SessionDescription description) {
        Path root = settings.dir().toAbsolutePath().normalize();
        String name = path.startsWith("/") ? path.substring(1) : path;
        Path folder = root.resolve(name).normalize();
        if (name.isEmpty() || !folder.startsWith(root) || folder.equals(root)) {
            LOG.log(Level.WARNING, "not recording " + path + ": its name is no folder under " + root);
            return Optional.empty();
        }
        List<Recorder.Track> tracks = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int pid = 0x100;
        for (Media media : description.medias()) {
            Recorder.Track track = media.formats().isEmpty() ? null : track(media, media.formats().get(0), pid);
            if (track == null) {
                skipped.add(media.type() + " " + (media.formats().isEmpty() ? "?" : media.formats().get(0).rtpMap()));
            } else {
                tracks.add(track);
                pid++;
            }
        }
        if (tracks.isEmpty()) {
            LOG.log(Level.WARNING, "not recording " + path + ": none of its medias is H264, H265, AAC or Opus ("
                    + String.join(", ", skipped) + ")");
            return Optional.empty();
        }
        if (!skipped.isEmpty()) {
            LOG.log(Level.INFO, "recording " + path + " without " + String.join(", ", skipped) + " (MPEG-TS recordings"
                    + " hold H264, H265, AAC and Opus)");
        }
        Recorder recorder = new Recorder(path, folder, settings, tracks);
        synchronized (this) {
            recorders.put(publisher, recorder);
        }
        return Optional.of(recorder);
    }

    private static Recorder.Track track(Media media, Format format, int pid) {
        DepacketizerSettings settings = DepacketizerSettings.defaults();
        try {
            if (format instanceof H264Format) {
                return new Recorder.Track(media, PayloadFormats.depacketizer(format, settings).orElseThrow(),
                        new TsTrack(pid, TsCodec.H264, 0), null);
            }
            if (format instanceof H265Format) {
                return new Recorder.Track(media, PayloadFormats.depacketizer(format, settings).orElseThrow(),
                        new TsTrack(pid, TsCodec.H265, 0), null);
            }
            if (format instanceof Mpeg4AudioFormat f && f.config() != null && "AAC-hbr".equalsIgnoreCase(f.mode())) {
                AudioSpecificConfig config = AudioSpecificConfig.parse(f.config());
                return new Recorder.Track(media, PayloadFormats.depacketizer(format, settings).orElseThrow(),
                        new TsTrack(pid, TsCodec.AAC, config.channelCount()), config);
            }
            if (format instanceof OpusFormat f) {
                return new Recorder.Track(media, PayloadFormats.depacketizer(format, settings).orElseThrow(),
                        new TsTrack(pid, TsCodec.OPUS, f.stereo() ? 2 : 1), null);
            }
        } catch (IllegalArgumentException e) {
            LOG.log(Level.INFO, "cannot record " + format.rtpMap() + ": " + e.getMessage());
        }
        return null;
    }

    /** The publisher left: its file is finished and closed. */
    public void stop(ServerSession publisher) {
        Recorder recorder;
        synchronized (this) {
            recorder = recorders.remove(publisher);
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    /** Finishes every recording. */
    @Override
    public void close() {
        List<Recorder> all;
        synchronized (this) {
            all = new ArrayList<>(recorders.values());
            recorders.clear();
        }
        all.forEach(Recorder::close);
    }
}
