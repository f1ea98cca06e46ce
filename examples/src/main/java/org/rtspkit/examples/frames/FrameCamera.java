package org.rtspkit.examples.frames;

// README:begin
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
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
import org.rtspkit.examples.H264File;
import org.rtspkit.formats.FrameWriter;
import org.rtspkit.stream.RtspServers;

/** Serves H264 pictures the application encoded itself, as whole frames, to every client on any path. */
public final class FrameCamera implements AutoCloseable {
    // No parameter sets yet: they come in band with the first IDR picture, and the SDP follows them.
    private final H264Format format = H264Format.of(96, null, null);
    private final Media video = Media.of(MediaType.VIDEO, null, format);
    private final RtspServer server;
    private ServerStream stream;
    private FrameWriter writer;

    public FrameCamera(InetSocketAddress address) throws IOException {
        server = RtspServers.start(ServerConfig.builder().rtspAddress(address).build(), started -> {
            stream = started.createStream(new SessionDescription("camera", List.of(video)));
            writer = FrameWriter.create(stream, video, format);
            return new Handler();
        });
    }

    /**
     * Sends one picture to every reader: its NAL units in Annex-B form (an SPS and a PPS before each IDR
     * slice, as encoders write them), of any size, with its presentation time in nanoseconds.
     */
    public void send(byte[] accessUnit, long presentationTimeNanos) {
        writer.write(accessUnit, presentationTimeNanos);
    }

    public InetSocketAddress address() {
        return server.rtspAddress();
    }

    public ServerStream stream() {
        return stream;
    }

    @Override
    public void close() {
        server.close(); // ends the stream and its readers too
    }

    /** Called on server threads. */
    private final class Handler implements ServerHandler {
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

    /** {@code FrameCamera video.h264 [port] [fps]}: plays an Annex-B file picture by picture, in a loop. */
    public static void main(String[] args) throws Exception {
        List<byte[]> pictures = H264File.read(Path.of(args[0])).pictures();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8554;
        int fps = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        try (FrameCamera camera = new FrameCamera(new InetSocketAddress(port))) {
            System.out.println("serving " + args[0] + " at rtsp://localhost:" + port + "/camera");
            long start = System.nanoTime();
            for (long n = 0; ; n++) {
                long time = n * 1_000_000_000L / fps;
                Thread.sleep(Math.max(0, (start + time - System.nanoTime()) / 1_000_000));
                camera.send(pictures.get((int) (n % pictures.size())), time);
            }
        }
    }
}
// README:end
