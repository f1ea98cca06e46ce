package org.rtspkit.server.paths;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.rtspkit.api.AnnounceContext;
import org.rtspkit.api.Media;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.RtspStatus;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerConnection;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SessionState;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.server.files.FileLibrary;
import org.rtspkit.server.options.AddressFlags;
import org.rtspkit.server.options.Credentials;
import org.rtspkit.server.options.PathRule;
import org.rtspkit.server.options.PathSource;
import org.rtspkit.server.record.Recordings;

/**
 * The ready-to-use server's behaviour: a client publishes to any free path the configuration's
 * {@code paths:} lets it (ANNOUNCE, SETUP, RECORD) and any number of clients play it (DESCRIBE, SETUP,
 * PLAY), each with the credentials the path's entry asks for. When the publisher's session ends, the
 * path is freed and its stream closed, which ends its readers. The configuration is read from the
 * {@link PathRegistry} at each request, so a reload applies to the next one.
 */
public final class PublishingHandler implements ServerHandler {
    private static final System.Logger LOG = System.getLogger(PublishingHandler.class.getName());

    private final PathRegistry paths;
    private final RtspServer server;
    private final FileLibrary files;
    private final Recordings recordings;

    /** Serves the paths of the registry, with its configuration, on one listener. */
    public PublishingHandler(RtspServer server, PathRegistry paths) {
        this(server, paths, null, null);
    }

    /**
     * Serves the paths of the registry on one listener, the files of a folder where nobody publishes,
     * and records what is published.
     *
     * @param files      the files on demand; null for none
     * @param recordings where publishers are recorded; null for nowhere
     */
    public PublishingHandler(RtspServer server, PathRegistry paths, FileLibrary files, Recordings recordings) {
        this.server = server;
        this.paths = paths;
        this.files = files;
        this.recordings = recordings;
        paths.register(server);
    }

    @Override
    public void onSessionOpen(ServerSession session, ServerConnection connection) {
        paths.opened(session, connection);
    }

    @Override
    public Set<RtspMethod> methods() {
        return EnumSet.of(RtspMethod.DESCRIBE, RtspMethod.ANNOUNCE, RtspMethod.SETUP, RtspMethod.PLAY,
                RtspMethod.RECORD, RtspMethod.PAUSE, RtspMethod.GET_PARAMETER);
    }

    @Override
    public RtspResponse onAnnounce(AnnounceContext context) {
        PathRule rule = paths.rule(context.path()).orElse(null);
        authenticate(context.connection(), context.request(), paths.publishCredentials(rule));
        if (rule == null) {
            return notConfigured(context.path()).response();
        }
        if (rule.source() == PathSource.DEMO || paths.isDemo(context.path())) {
            LOG.log(Level.INFO, "refused a publisher on the demo path " + context.path() + " from "
                    + AddressFlags.authority(context.connection().remoteAddress()));
            // Answered rather than thrown, so the reason reaches the client in the body (a thrown
            // status goes out bare); the same 400 as for any taken path.
            return RtspResponse.of(RtspStatus.BAD_REQUEST).withBody("text/plain", "path '" + context.path()
                    + "' plays the demo stream of rtspkit-server; publish to another path, or start the server"
                    + " with --no-demo\n");
        }
        if (!paths.claim(context.path(), context.session())) {
            LOG.log(Level.INFO, "refused a second publisher on path " + context.path() + " from "
                    + AddressFlags.authority(context.connection().remoteAddress()));
            // Clients see 400 and the connection closes.
            throw RtspStatusException.badRequest("someone is already publishing to path '" + context.path() + "'");
        }
        return RtspResponse.ok();
    }

    @Override
    public StreamResponse onDescribe(RequestContext context) {
        PathRule rule = paths.rule(context.path()).orElse(null);
        authenticate(context.connection(), context.request(), paths.readCredentials(rule));
        if (rule == null) {
            return notConfigured(context.path());
        }
        return paths.stream(context.path(), server).map(StreamResponse::ok)
                .or(() -> files == null ? Optional.empty() : files.stream(context.path(), server))
                .orElseGet(() -> notFound(context.path()));
    }

    @Override
    public StreamResponse onSetup(SetupContext context) {
        ServerSession session = context.session();
        if (session.announcedDescription().isPresent()) {
            // A publisher sets up the medias it announced; it reads no stream.
            return new StreamResponse(RtspResponse.ok(), null);
        }
        if (session.state() == SessionState.INITIAL) {
            // Later SETUPs of the session ride on the first one's check. The engine gives the path
            // without the track (/cam for /cam/trackID=0).
            PathRule rule = paths.rule(context.path()).orElse(null);
            authenticate(context.connection(), context.request(), paths.readCredentials(rule));
            if (rule == null) {
                return notConfigured(context.path());
            }
        }
        // Every SETUP of one reader must get the same stream, even if the path changed hands meanwhile.
        Optional<ServerStream> stream = session.stream().or(() -> paths.stream(context.path(), server));
        return stream.map(StreamResponse::ok)
                .or(() -> files == null ? Optional.empty() : files.stream(context.path(), server))
                .orElseGet(() -> notFound(context.path()));
    }

    @Override
    public RtspResponse onPlay(RequestContext context) {
        ServerSession session = context.session();
        // PLAY may come again while playing (after nothing, or after PAUSE): log the first one only.
        if (session.userData() == null) {
            Participant reader = Participant.of(Participant.Role.READER, session, context.connection(),
                    context.path(), session.setupMedias().size());
            session.setUserData(reader);
            paths.addReader(session);
            if (files != null) {
                files.readerJoined(session);
            }
            LOG.log(Level.INFO, reader.describe("started"));
        }
        return RtspResponse.ok();
    }

    @Override
    public RtspResponse onRecord(RequestContext context) {
        ServerSession session = context.session();
        Optional<PathRegistry.Publication> held = paths.publicationOf(session);
        if (held.isEmpty()) {
            // Only possible if the session is being closed while its RECORD is handled.
            throw RtspStatusException.badRequest("the session no longer holds path '" + context.path() + "'");
        }
        if (held.get().stream() != null) {
            // RECORD after PAUSE: the stream and the relay are in place already.
            return RtspResponse.ok();
        }
        SessionDescription description = session.announcedDescription()
                .orElseThrow(() -> RtspStatusException.badRequest("RECORD without ANNOUNCE"));
        // One stream per listener (RTSP, RTSPS): a publisher on either is played on both.
        Map<RtspServer, ServerStream> streams = new LinkedHashMap<>();
        try {
            for (RtspServer listener : paths.servers()) {
                streams.put(listener, listener.createStream(description));
            }
        } catch (RtspkitException e) {
            streams.values().forEach(ServerStream::close);
            throw RtspStatusException.badRequest("cannot serve what was announced: " + e.getMessage());
        }
        if (!paths.startRecording(session, streams)) {
            streams.values().forEach(ServerStream::close);
            throw RtspStatusException.badRequest("the session no longer holds path '" + context.path() + "'");
        }
        StreamRelay relay = new StreamRelay(streams.values(), context.path());
        PathRule rule = paths.rule(context.path()).orElse(null);
        Optional<BiConsumer<Media, RtpPacket>> recorder = recordings == null
                || (rule != null && Boolean.FALSE.equals(rule.record())) ? Optional.empty()
                : recordings.start(session, context.path(), description);
        session.onPacketRtpAny(recorder.map(r -> relay.andThen(r)).orElse(relay));
        Participant publisher = Participant.of(Participant.Role.PUBLISHER, session, context.connection(),
                context.path(), description.medias().size());
        session.setUserData(publisher);
        LOG.log(Level.INFO, publisher.describe("started"));
        return RtspResponse.ok();
    }

    @Override
    public RtspResponse onPause(RequestContext context) {
        return RtspResponse.ok();
    }

    /** Clients that learned GET_PARAMETER from OPTIONS use it as a keepalive. */
    @Override
    public RtspResponse onGetParameter(RequestContext context) {
        return RtspResponse.ok();
    }

    @Override
    public void onSessionClose(ServerSession session, Throwable error) {
        paths.removeReader(session);
        if (files != null) {
            files.sessionClosed(session);
        }
        if (recordings != null) {
            recordings.stop(session);
        }
        Optional<PathRegistry.Publication> released = paths.release(session);
        released.map(PathRegistry.Publication::streams).ifPresent(m -> m.values().forEach(ServerStream::close));
        if (session.userData() instanceof Participant participant) {
            String reason = error == null ? "" : ": " + error.getMessage();
            LOG.log(Level.INFO, participant.describe("stopped") + reason);
        } else if (released.isPresent()) {
            LOG.log(Level.DEBUG, "publisher of " + released.get().path() + " left before RECORD");
        }
    }

    private static void authenticate(ServerConnection connection, RtspRequest request, Credentials credentials) {
        if (credentials != null && !connection.verifyCredentials(request, credentials.user(), credentials.pass())) {
            throw RtspStatusException.unauthorized();
        }
    }

    private static StreamResponse notConfigured(String path) {
        LOG.log(Level.DEBUG, () -> "path " + path + " is in no entry of the configuration's paths");
        return new StreamResponse(RtspResponse.of(RtspStatus.NOT_FOUND).withBody("text/plain",
                "path '" + path + "' is not served here (no entry of the configuration's paths covers it)\n"), null);
    }

    private static StreamResponse notFound(String path) {
        LOG.log(Level.DEBUG, () -> "no one is publishing to path " + path);
        return StreamResponse.of(RtspStatus.NOT_FOUND);
    }
}
