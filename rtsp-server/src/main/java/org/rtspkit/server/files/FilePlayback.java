package org.rtspkit.server.files;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.StreamClosedException;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.PayloadFormats;

/**
 * One file playing at its path: a stream on every listener, and a thread that packetizes the file's
 * units and writes each when its time comes, from the start of the file, over and over. It starts
 * when its first reader plays, and ends when its last reader leaves (the next reader starts the file
 * again) or when nobody has played it within {@link #UNPLAYED_TIMEOUT} of its DESCRIBE.
 */
final class FilePlayback implements AutoCloseable {
    /** How long a playback made for a DESCRIBE waits for a PLAY before it is closed. */
    static final Duration UNPLAYED_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long after the first PLAY the first unit goes out: PLAY is answered, and its reader made
     * active in the stream, after the handler heard of it, so a unit sent at once could miss the reader.
     */
    static final Duration START_DELAY = Duration.ofMillis(200);

    private static final System.Logger LOG = System.getLogger(FilePlayback.class.getName());

    private record Target(ServerStream stream, List<Media> medias) {
    }

    private final String path;
    private final MediaFile file;
    private final List<Target> targets = new ArrayList<>();
    private final Map<RtspServer, ServerStream> streams = new LinkedHashMap<>();
    private final List<Packetizer> packetizers = new ArrayList<>();
    private final Runnable onClose;
    private final Thread thread;
    private int readers;
    private boolean started;
    private boolean closed;

    /**
     * Creates the streams on every listener; the thread waits for the first reader.
     *
     * @param onClose told once the playback has closed (its library forgets it)
     */
    FilePlayback(String path, MediaFile file, Collection<RtspServer> servers, Runnable onClose) {
        this.path = path;
        this.file = file;
        this.onClose = onClose;
        SessionDescription description = new SessionDescription("rtspkit-server file " + path,
                file.tracks().stream().map(t -> Media.of(t.type(), null, t.format())).toList());
        int maxPacketSize = Integer.MAX_VALUE;
        try {
            for (RtspServer server : servers) {
                ServerStream stream = server.createStream(description);
                streams.put(server, stream);
                targets.add(new Target(stream, stream.description().medias()));
                maxPacketSize = Math.min(maxPacketSize, server.config().maxPacketSize());
            }
        } catch (RuntimeException e) {
            streams.values().forEach(ServerStream::close);
            throw e;
        }
        PacketizerSettings settings = PacketizerSettings.defaults().withMaxPayloadSize(maxPacketSize - RtpPacket.HEADER_SIZE);
        for (FileTrack track : file.tracks()) {
            packetizers.add(PayloadFormats.packetizer(track.format(), settings).orElseThrow());
        }
        thread = new Thread(this::run, "rtspkit-file " + path);
        thread.setDaemon(true);
        thread.start();
    }

    Map<RtspServer, ServerStream> streams() {
        return Map.copyOf(streams);
    }

    boolean serves(ServerStream stream) {
        return streams.containsValue(stream);
    }

    synchronized void readerJoined() {
        readers++;
        started = true;
        notifyAll();
    }

    /** A reader left; the last one closes the playback. */
    void readerLeft() {
        boolean last;
        synchronized (this) {
            readers--;
            last = readers <= 0;
        }
        if (last) {
            close();
        }
    }

    private void run() {
        try {
            synchronized (this) {
                long deadline = System.nanoTime() + UNPLAYED_TIMEOUT.toNanos();
                while (!started && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.log(Level.DEBUG, () -> "file " + path + " was described but not played: closing it");
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                if (!started || closed) {
                    return;
                }
            }
            play();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StreamClosedException e) {
            // The server is closing.
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "file " + path + " stopped playing: " + e, e);
        } finally {
            close();
        }
    }

    /** Sends every unit at its time, pass after pass, until closed. */
    private void play() {
        long start = System.nanoTime() + START_DELAY.toNanos();
        for (long pass = 0; ; pass++) {
            long offset = pass * file.length();
            for (FileUnit unit : file.units()) {
                long due = start + offset + unit.dts();
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(this, wait);
                    if (isClosed()) {
                        return;
                    }
                }
                if (isClosed()) {
                    return;
                }
                send(unit, offset);
            }
        }
    }

    private void send(FileUnit unit, long offset) {
        List<RtpPacket> packets;
        try {
            packets = packetizers.get(unit.track()).packetize(unit.data(), offset + unit.pts());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.DEBUG, () -> "file " + path + ": a unit of track " + unit.track() + " cannot be sent: "
                    + e.getMessage());
            return;
        }
        for (Target target : targets) {
            Media media = target.medias().get(unit.track());
            for (RtpPacket packet : packets) {
                try {
                    target.stream().writePacketRtp(media, packet);
                } catch (StreamClosedException e) {
                    throw e;
                } catch (RtspkitException e) {
                    // A multicast group's full queue: that packet is lost for the group, as for a slow reader.
                }
            }
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Stops the thread and closes the streams, which ends their readers. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        // Woken rather than interrupted: an interrupt could close a channel the engine writes on.
        LockSupport.unpark(thread);
        streams.values().forEach(ServerStream::close);
        onClose.run();
    }
}
