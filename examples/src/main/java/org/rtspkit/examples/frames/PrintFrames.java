package org.rtspkit.examples.frames;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.rtspkit.api.AnnounceContext;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.FrameReceiver;
import org.rtspkit.stream.RtspServers;

/**
 * Takes publishers on any path ({@code ffmpeg -re -i clip.ts -c copy -f rtsp rtsp://host:8554/NAME})
 * and prints every access unit they send, one line each: path, format, whether decoding can start
 * there, size and presentation time. The units are whole pictures and audio frames, rebuilt from the
 * RTP packets by {@link FrameReceiver}; the application never sees a packet.
 *
 * <pre>
 * java --module-path examples/target/examples-0.1.0-SNAPSHOT.jar:examples/target/lib \
 *     -m org.rtspkit.examples/org.rtspkit.examples.frames.PrintFrames [port]
 * </pre>
 */
public final class PrintFrames implements AutoCloseable {
    /**
     * One access unit a publisher sent.
     *
     * @param path   the path published to
     * @param media  the announced media
     * @param format its format
     * @param unit   the unit: Annex-B for H264 and H265, a raw frame for audio
     */
    public record Received(String path, Media media, Format format, AccessUnit unit) {
        /** The line {@link PrintFrames#main} prints. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s %s%,d bytes at %.3f s", path,
                    format.rtpMap() != null ? format.rtpMap() : "payload type " + format.payloadType(),
                    unit.randomAccess() && media.type() == MediaType.VIDEO ? "key frame " : "",
                    unit.data().length, unit.presentationTime() / 1e9);
        }
    }

    private final RtspServer server;
    private final Consumer<Received> units;

    /** Starts listening on {@code address}; {@code units} gets each unit, on a server thread. */
    public PrintFrames(InetSocketAddress address, Consumer<Received> units) throws IOException {
        this.units = units;
        this.server = RtspServers.start(ServerConfig.builder().rtspAddress(address).build(), started -> new Publishers());
    }

    public InetSocketAddress address() {
        return server.rtspAddress();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Called on server threads. */
    private final class Publishers implements ServerHandler {
        @Override
        public Set<RtspMethod> methods() {
            return EnumSet.of(RtspMethod.ANNOUNCE, RtspMethod.SETUP, RtspMethod.RECORD);
        }

        @Override
        public RtspResponse onAnnounce(AnnounceContext context) {
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
            String path = context.path();
            for (Media media : announced.medias()) {
                for (Format format : media.formats()) {
                    try {
                        FrameReceiver.attach(publisher, media, format,
                                unit -> units.accept(new Received(path, media, format, unit)));
                    } catch (IllegalArgumentException e) {
                        // A format rtspkit has no depacketizer for: its packets are ignored.
                        System.out.println(path + ": " + e.getMessage() + "; not printed");
                    }
                }
            }
            return RtspResponse.ok();
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8554;
        PrintFrames printer = new PrintFrames(new InetSocketAddress(port), System.out::println);
        System.out.println("publish to rtsp://localhost:" + printer.address().getPort() + "/NAME");
        Thread.currentThread().join(); // until the process is stopped
    }
}
