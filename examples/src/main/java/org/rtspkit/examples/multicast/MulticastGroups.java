package org.rtspkit.examples.multicast;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.MulticastParams;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.examples.FileLoop;
import org.rtspkit.examples.H264File;
import org.rtspkit.stream.RtspServers;

/**
 * A stream whose video and audio each go to a multicast group the application chose, for readers that
 * ask for multicast ({@code ffplay -rtsp_transport udp_multicast rtsp://host:8554/cam}); readers over
 * UDP or TCP unicast get the same stream as usual. Groups the application does not choose come from
 * the server's range. Needs {@code org.rtspkit.multicast} on the module path.
 *
 * <pre>
 * java --module-path examples/target/examples-0.1.0-SNAPSHOT.jar:examples/target/lib \
 *     -m org.rtspkit.examples/org.rtspkit.examples.multicast.MulticastGroups video.h264 audio.ulaw [port]
 * </pre>
 */
public final class MulticastGroups implements AutoCloseable {
    /** Where video goes: a group and a port pair of its own. */
    public static final MulticastParams VIDEO_GROUP = group("224.2.0.10", 5004);
    /** Where audio goes, apart from the video, so a listener can join the sound alone. */
    public static final MulticastParams AUDIO_GROUP = group("224.2.0.11", 5006);

    private final RtspServer server;
    private final FileLoop loop;

    /**
     * Starts serving the H264 file ({@code fps} pictures a second) and the raw mu-law audio (8,000
     * samples a second) on {@code address}.
     */
    public MulticastGroups(InetSocketAddress address, Path videoFile, int fps, Path audioFile) throws IOException {
        H264File pictures = H264File.read(videoFile);
        byte[] samples = Files.readAllBytes(audioFile);
        Media video = Media.of(MediaType.VIDEO, null, pictures.format(96));
        Media audio = Media.of(MediaType.AUDIO, null, G711Format.pcmu());
        ServerStream[] stream = new ServerStream[1];
        ServerConfig config = ServerConfig.builder().rtspAddress(address)
                // The server's own range and ports, for streams that choose no groups.
                .multicastIpRange("224.1.0.0/16").multicastRtpPort(8002).multicastRtcpPort(8003)
                .build();
        server = RtspServers.start(config, started -> {
            stream[0] = started.createStream(new SessionDescription("camera", List.of(video, audio)),
                    Map.of(video, VIDEO_GROUP, audio, AUDIO_GROUP));
            return new Handler(stream[0]);
        });
        loop = FileLoop.start(stream[0], video, pictures, fps, audio, samples);
    }

    public InetSocketAddress address() {
        return server.rtspAddress();
    }

    @Override
    public void close() {
        loop.close();
        server.close();
    }

    private static MulticastParams group(String address, int rtpPort) {
        try {
            return new MulticastParams(InetAddress.getByName(address), rtpPort, rtpPort + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /** Serves the one stream at any path. Called on server threads. */
    private record Handler(ServerStream stream) implements ServerHandler {
        @Override
        public Set<RtspMethod> methods() {
            return EnumSet.of(RtspMethod.DESCRIBE, RtspMethod.SETUP, RtspMethod.PLAY);
        }

        @Override
        public StreamResponse onDescribe(RequestContext context) {
            return StreamResponse.ok(stream);
        }

        @Override
        public StreamResponse onSetup(SetupContext context) {
            return StreamResponse.ok(stream);
        }

        @Override
        public RtspResponse onPlay(RequestContext context) {
            return RtspResponse.ok();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MulticastGroups VIDEO.h264 AUDIO.ulaw [PORT]");
            System.exit(2);
        }
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 8554;
        MulticastGroups server = new MulticastGroups(new InetSocketAddress(port), Path.of(args[0]), 25, Path.of(args[1]));
        System.out.println("rtsp://localhost:" + server.address().getPort() + "/cam: video on "
                + VIDEO_GROUP.group().getHostAddress() + ":" + VIDEO_GROUP.rtpPort() + ", audio on "
                + AUDIO_GROUP.group().getHostAddress() + ":" + AUDIO_GROUP.rtpPort());
        Thread.currentThread().join(); // serve until the process is stopped
    }
}
