package org.rtspkit.examples.auth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rtspkit.api.AuthMethod;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.RtspStatus;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerConnection;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.examples.FileLoop;
import org.rtspkit.examples.H264File;
import org.rtspkit.stream.RtspServers;

/**
 * Serves your own stream, with a say per path on who may watch it: {@code /public} is open to anyone,
 * {@code /private} asks for a user and password (HTTP Digest, which every RTSP client answers), any
 * other path is 404. The stream is an H264 file played in a loop.
 *
 * <pre>
 * java --module-path examples/target/examples-0.1.0-SNAPSHOT.jar:examples/target/lib \
 *     -m org.rtspkit.examples/org.rtspkit.examples.auth.PerPathCredentials video.h264 [port] [user] [password]
 * </pre>
 */
public final class PerPathCredentials implements AutoCloseable {
    private final RtspServer server;
    private final FileLoop loop;

    /**
     * Starts serving {@code file} ({@code fps} pictures a second) on {@code address}; {@code /private}
     * asks for {@code user} and {@code password}.
     */
    public PerPathCredentials(InetSocketAddress address, Path file, int fps, String user, String password)
            throws IOException {
        H264File video = H264File.read(file);
        Media media = Media.of(MediaType.VIDEO, null, video.format(96));
        ServerStream[] stream = new ServerStream[1];
        // Digest only: Basic would send the password in clear text over plain RTSP.
        ServerConfig config = ServerConfig.builder().rtspAddress(address).authMethods(Set.of(AuthMethod.DIGEST_MD5)).build();
        server = RtspServers.start(config, started -> {
            stream[0] = started.createStream(new SessionDescription("camera", List.of(media)));
            return new Handler(stream[0], user, password);
        });
        loop = FileLoop.start(stream[0], media, video, fps, null, null);
    }

    public InetSocketAddress address() {
        return server.rtspAddress();
    }

    @Override
    public void close() {
        loop.close();
        server.close();
    }

    /** Every request that reaches the stream passes {@link #admit} first. Called on server threads. */
    private record Handler(ServerStream stream, String user, String password) implements ServerHandler {
        @Override
        public Set<RtspMethod> methods() {
            return EnumSet.of(RtspMethod.DESCRIBE, RtspMethod.SETUP, RtspMethod.PLAY);
        }

        @Override
        public StreamResponse onDescribe(RequestContext context) {
            return admit(context.path(), context.connection(), context.request()) ? StreamResponse.ok(stream)
                    : StreamResponse.of(RtspStatus.NOT_FOUND);
        }

        @Override
        public StreamResponse onSetup(SetupContext context) {
            return admit(context.path(), context.connection(), context.request()) ? StreamResponse.ok(stream)
                    : StreamResponse.of(RtspStatus.NOT_FOUND);
        }

        @Override
        public RtspResponse onPlay(RequestContext context) {
            return RtspResponse.ok();
        }

        /**
         * Whether the path exists; throws 401 when it is {@code /private} and the request lacks the
         * credentials. The first 401 asks the client for them and keeps the connection; wrong ones
         * close it.
         */
        private boolean admit(String path, ServerConnection connection, RtspRequest request) {
            return switch (path) {
                case "/public" -> true;
                case "/private" -> {
                    if (!connection.verifyCredentials(request, user, password)) {
                        throw RtspStatusException.unauthorized();
                    }
                    yield true;
                }
                default -> false;
            };
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PerPathCredentials VIDEO.h264 [PORT] [USER] [PASSWORD]");
            System.exit(2);
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8554;
        String user = args.length > 2 ? args[2] : "viewer";
        String password = args.length > 3 ? args[3] : "secret";
        PerPathCredentials server = new PerPathCredentials(new InetSocketAddress(port), Path.of(args[0]), 25, user,
                password);
        System.out.println("rtsp://localhost:" + server.address().getPort() + "/public is open; rtsp://" + user
                + ":" + password + "@localhost:" + server.address().getPort() + "/private asks for credentials");
        Thread.currentThread().join(); // serve until the process is stopped
    }
}
