package org.rtspkit.server.files;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.RtspStatus;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.server.options.FileServing;

/**
 * The folder of {@code --files}: which file a request path names, and the files playing. A path names
 * {@code DIR/NAME} for {@code /NAME} when NAME stays inside the folder (no {@code ..}, no link out of
 * it). The first request for a file that is not playing reads it and starts it from its beginning;
 * later ones join it. A file that cannot be read is answered 404 with the reason, and logged.
 * Thread-safe.
 */
public final class FileLibrary implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FileLibrary.class.getName());

    private final FileServing settings;
    private final Path root;
    private final Supplier<List<RtspServer>> servers;
    private final Map<String, FilePlayback> playing = new HashMap<>();
    private final Map<ServerSession, FilePlayback> readers = new IdentityHashMap<>();
    private boolean closed;

    /**
     * @param servers the listeners a file plays on (each gets a stream of its own)
     * @throws IOException when the folder is not one
     */
    public FileLibrary(FileServing settings, Supplier<List<RtspServer>> servers) throws IOException {
        this.settings = settings;
        if (!Files.isDirectory(settings.dir())) {
            throw new IOException("--files " + settings.dir() + ": not a folder");
        }
        this.root = settings.dir().toRealPath();
        this.servers = servers;
    }

    /**
     * The stream a listener's readers of a path play, starting the file when it is not playing; empty
     * when no file has that name (the caller answers as for any path nobody publishes).
     */
    public Optional<StreamResponse> stream(String path, RtspServer server) {
        Optional<Path> file = file(path);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        synchronized (this) {
            FilePlayback existing = playing.get(path);
            if (existing != null) {
                return Optional.of(StreamResponse.ok(existing.streams().get(server)));
            }
        }
        MediaFile media;
        try {
            long size = Files.size(file.get());
            if (size > settings.maxFileSize()) {
                return Optional.of(unreadable(path, "the file is " + size + " bytes, more than the " + settings.maxFileSize()
                        + " this server reads (files.maxFileSize)"));
            }
            media = MediaFile.read(file.get(), settings.fps());
        } catch (UnreadableFileException e) {
            return Optional.of(unreadable(path, e.getMessage()));
        } catch (IOException e) {
            return Optional.of(unreadable(path, "cannot read it: " + e.getMessage()));
        }
        synchronized (this) {
            FilePlayback existing = playing.get(path);
            if (existing == null) {
                if (closed) {
                    return Optional.of(StreamResponse.of(RtspStatus.SERVICE_UNAVAILABLE));
                }
                if (playing.size() >= settings.maxPlaying()) {
                    LOG.log(Level.INFO, "refused file " + path + ": " + playing.size() + " files are playing already"
                            + " (files.maxPlaying)");
                    return Optional.of(new StreamResponse(RtspResponse.of(RtspStatus.SERVICE_UNAVAILABLE).withBody(
                            "text/plain", playing.size() + " files are playing, the most this server plays at once\n"),
                            null));
                }
                FilePlayback[] created = new FilePlayback[1];
                created[0] = new FilePlayback(path, media, servers.get(), () -> forget(path, created[0]));
                existing = created[0];
                playing.put(path, existing);
                LOG.log(Level.INFO, "file " + path + ": " + media.tracks().size() + " tracks, " + media.units().size()
                        + " units, " + media.length() / 1_000_000 + " ms a pass");
            }
            return Optional.of(StreamResponse.ok(existing.streams().get(server)));
        }
    }

    /** A reader of one of the files' streams played: the file starts with its first reader. */
    public void readerJoined(ServerSession session) {
        FilePlayback playback;
        synchronized (this) {
            if (readers.containsKey(session)) {
                return;
            }
            ServerStream stream = session.stream().orElse(null);
            playback = playing.values().stream().filter(p -> stream != null && p.serves(stream)).findFirst().orElse(null);
            if (playback == null) {
                return;
            }
            readers.put(session, playback);
        }
        playback.readerJoined();
    }

    /** A session ended: if it read a file, the file loses a reader. */
    public void sessionClosed(ServerSession session) {
        FilePlayback playback;
        synchronized (this) {
            playback = readers.remove(session);
        }
        if (playback != null) {
            playback.readerLeft();
        }
    }

    private synchronized void forget(String path, FilePlayback playback) {
        if (playing.get(path) == playback) {
            playing.remove(path);
        }
        readers.values().removeIf(p -> p == playback);
    }

    /** Files playing now. */
    public synchronized int playing() {
        return playing.size();
    }

    private static StreamResponse unreadable(String path, String reason) {
        LOG.log(Level.WARNING, "cannot serve file " + path + ": " + reason);
        return new StreamResponse(RtspResponse.of(RtspStatus.NOT_FOUND).withBody("text/plain",
                "file '" + path + "' cannot be served: " + reason + "\n"), null);
    }

    /** The file a request path names under the folder; empty for none, or for a name that leaves it. */
    Optional<Path> file(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (name.isEmpty() || name.contains("\\") || name.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return Optional.empty();
            }
        }
        Path candidate = root.resolve(name).normalize();
        if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
            return Optional.empty();
        }
        try {
            // A link inside the folder may point out of it: the real path must stay inside too.
            Path real = candidate.toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Stops every file; later requests get 503. */
    @Override
    public void close() {
        List<FilePlayback> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(playing.values());
        }
        all.forEach(FilePlayback::close);
    }
}
