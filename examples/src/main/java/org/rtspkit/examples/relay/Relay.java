package org.rtspkit.examples.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rtspkit.api.AnnounceContext;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.RtspStatus;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamClosedException;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.stream.RtspServers;

/**
 * Two servers in one program: publishers send to the first ({@code ffmpeg ... -f rtsp
 * rtsp://host:8554/cam}), readers read the same path from the second ({@code ffplay
 * rtsp://host:8555/cam}). Each publisher's packets are written, as they arrive, into a stream the
 * second server created from what the publisher announced; when the publisher leaves, that stream
 * closes and its readers are ended.
 *
 * <pre>
 * java --module-path examples/target/examples-0.1.0-SNAPSHOT.jar:examples/target/lib \
 *     -m org.rtspkit.examples/org.rtspkit.examples.relay.Relay [ingest-port] [output-port]
 * </pre>
 */
public final class Relay implements AutoCloseable {
    private final Map<String, ServerStream> relayed = new ConcurrentHashMap<>();
    private final RtspServer output;
    private final RtspServer ingest;

    /** Starts the server readers use on {@code outputAddress}, then the one publishers use on {@code ingestAddress}. */
    public Relay(InetSocketAddress ingestAddress, InetSocketAddress outputAddress) throws IOException {
        output = RtspServers.start(ServerConfig.builder().rtspAddress(outputAddress).build(), started -> new Readers());
        try {
            ingest = RtspServers.start(ServerConfig.builder().rtspAddress(ingestAddress).build(), started -> new Publishers());
        } catch (IOException | RuntimeException e) {
            output.close();
            throw e;
        }
    }

    public InetSocketAddress ingestAddress() {
        return ingest.rtspAddress();
    }

    public InetSocketAddress outputAddress() {
        return output.rtspAddress();
    }

    /** Whether a publisher is recording to {@code path}. */
    public boolean relays(String path) {
        return relayed.containsKey(path);
    }

    @Override
    public void close() {
        ingest.close();
        output.close();
    }

    /** The ingest server: one publisher per path, relayed from RECORD until its session ends. */
    private final class Publishers implements ServerHandler {
        @Override
        public Set<RtspMethod> methods() {
            return EnumSet.of(RtspMethod.ANNOUNCE, RtspMethod.SETUP, RtspMethod.RECORD);
        }

        @Override
        public RtspResponse onAnnounce(AnnounceContext context) {
            if (relayed.containsKey(context.path())) {
                throw RtspStatusException.badRequest("someone is already publishing to " + context.path());
            }
            return RtspResponse.ok();
        }

        @Override
        public StreamResponse onSetup(SetupContext context) {
            return new StreamResponse(RtspResponse.ok(), null); // a publisher reads no stream
        }

        @Override
        public RtspResponse onRecord(RequestContext context) {
            ServerSession publisher = context.session();
            SessionDescription announced = publisher.announcedDescription().orElseThrow();
            ServerStream stream = output.createStream(announced);
            if (relayed.putIfAbsent(context.path(), stream) != null) {
                stream.close();
                throw RtspStatusException.badRequest("someone is already publishing to " + context.path());
            }
            publisher.setUserData(context.path());
            // The stream was created from the announced description, so the publisher's medias are its own.
            publisher.onPacketRtpAny((media, packet) -> {
                try {
                    stream.writePacketRtp(media, packet);
                } catch (StreamClosedException e) {
                    // The publisher is leaving; its session's end closed the stream.
                }
            });
            return RtspResponse.ok();
        }

        @Override
        public void onSessionClose(ServerSession session, Throwable error) {
            if (session.userData() instanceof String path) {
                ServerStream stream = relayed.remove(path);
                if (stream != null) {
                    stream.close(); // ends its readers
                }
            }
        }
    }

    /** The output server: any number of readers per relayed path. */
    private final class Readers implements ServerHandler {
        @Override
        public Set<RtspMethod> methods() {
            return EnumSet.of(RtspMethod.DESCRIBE, RtspMethod.SETUP, RtspMethod.PLAY);
        }

        @Override
        public StreamResponse onDescribe(RequestContext context) {
            return streamOf(context.path());
        }

        @Override
        public StreamResponse onSetup(SetupContext context) {
            // Every SETUP of a reader gets the stream of its first one.
            return context.session().stream().map(StreamResponse::ok).orElseGet(() -> streamOf(context.path()));
        }

        @Override
        public RtspResponse onPlay(RequestContext context) {
            return RtspResponse.ok();
        }

        private StreamResponse streamOf(String path) {
            ServerStream stream = relayed.get(path);
            return stream != null ? StreamResponse.ok(stream) : StreamResponse.of(RtspStatus.NOT_FOUND);
        }
    }

    public static void main(String[] args) throws Exception {
        int ingestPort = args.length > 0 ? Integer.parseInt(args[0]) : 8554;
        int outputPort = args.length > 1 ? Integer.parseInt(args[1]) : 8555;
        Relay relay = new Relay(new InetSocketAddress(ingestPort), new InetSocketAddress(outputPort));
        System.out.println("publish to rtsp://localhost:" + relay.ingestAddress().getPort() + "/PATH, read"
                + " rtsp://localhost:" + relay.outputAddress().getPort() + "/PATH");
        Thread.currentThread().join(); // serve until the process is stopped
    }
}
