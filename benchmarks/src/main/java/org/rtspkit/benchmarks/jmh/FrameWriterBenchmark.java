package org.rtspkit.benchmarks.jmh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.formats.FrameWriter;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.h264.H264Packetizer;
import org.rtspkit.stream.RtspServers;

/**
 * Writing {@link PacketizerBenchmark}'s 100 kB H264 picture (70 packets) into a stream with playing
 * readers, set up over real RTSP, whose sinks copy into memory ({@link MemoryTransportProvider}); each
 * operation waits until every reader's sink has the whole picture, so nothing is dropped. Scores are per
 * packet ({@link OperationsPerInvocation}); with {@code -prof gc}, {@code gc.alloc.rate.norm} is what the
 * whole process (writer and I/O loops) allocated per packet. Compare with
 * {@link PacketizerBenchmark#packetizeAndCopy}, the packetizer alone, in the same run.
 *
 * <p>{@code frameWriter} goes through {@link FrameWriter} (the packetizer's buffer straight into the
 * stream's pooled packets); {@code packetValues} packetizes into {@link RtpPacket} values and writes
 * those, what an application had to do before.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-D" + MemoryTransportProvider.ENABLE + "=true")
public class FrameWriterBenchmark {
    private static final long FRAME_NANOS = 40_000_000;

    @Param({"1", "10"})
    public int readers;

    private final H264Format format = H264Format.of(96, PacketizerBenchmark.SPS, PacketizerBenchmark.PPS);
    private final Media video = new Media(MediaType.VIDEO, null, false, null, List.of(format));
    private final List<Socket> controls = new ArrayList<>();
    private RtspServer server;
    private ServerStream stream;
    private FrameWriter writer;
    private H264Packetizer valuePacketizer;
    private byte[] picture;
    private long time;

    @Setup(Level.Trial)
    public void start() throws IOException {
        if (!Boolean.getBoolean(MemoryTransportProvider.ENABLE)) {
            throw new IllegalStateException("run in a fork with -D" + MemoryTransportProvider.ENABLE + "=true");
        }
        ServerConfig config = ServerConfig.builder()
                .rtspAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                // Readers here send no RTCP: keep their sessions alive for the whole run.
                .readTimeout(Duration.ofHours(1))
                .idleTimeout(Duration.ofHours(1))
                .maxSessions(readers + 10)
                .build();
        server = RtspServers.start(config, started -> {
            stream = started.createStream(new SessionDescription("bench", List.of(video)));
            return new ServerHandler() {
                @Override
                public Set<RtspMethod> methods() {
                    return EnumSet.of(RtspMethod.SETUP, RtspMethod.PLAY);
                }

                @Override
                public StreamResponse onSetup(SetupContext context) {
                    return StreamResponse.ok(stream);
                }

                @Override
                public RtspResponse onPlay(RequestContext context) {
                    return RtspResponse.ok();
                }
            };
        });
        String url = "rtsp://127.0.0.1:" + server.rtspAddress().getPort() + "/bench";
        for (int i = 0; i < readers; i++) {
            Socket control = new Socket(server.rtspAddress().getAddress(), server.rtspAddress().getPort());
            controls.add(control);
            new FanOutBenchmark.PlainRtsp(control, url).play(20_000 + 2 * i);
        }
        picture = PacketizerBenchmark.picture();
        writer = FrameWriter.create(stream, video, format);
        valuePacketizer = new H264Packetizer(format, PacketizerSettings.defaults());
        if (writer.write(picture, 0) != PacketizerBenchmark.PACKETS) {
            throw new IllegalStateException("the picture should make " + PacketizerBenchmark.PACKETS + " packets");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        for (Socket control : controls) {
            control.close();
        }
        server.close();
    }

    @Benchmark
    @OperationsPerInvocation(PacketizerBenchmark.PACKETS)
    public void frameWriter() {
        long target = MemoryTransportProvider.RTP_PACKETS.sum() + (long) PacketizerBenchmark.PACKETS * readers;
        time += FRAME_NANOS;
        writer.write(picture, time);
        awaitDelivery(target);
    }

    @Benchmark
    @OperationsPerInvocation(PacketizerBenchmark.PACKETS)
    public void packetValues() {
        long target = MemoryTransportProvider.RTP_PACKETS.sum() + (long) PacketizerBenchmark.PACKETS * readers;
        time += FRAME_NANOS;
        for (RtpPacket packet : valuePacketizer.packetize(picture, time)) {
            stream.writePacketRtp(video, packet);
        }
        awaitDelivery(target);
    }

    /** Waits until the readers' sinks have taken {@code target} packets in all; a picture is 70 queued packets, well within each reader's queue. */
    private static void awaitDelivery(long target) {
        long start = System.nanoTime();
        while (MemoryTransportProvider.RTP_PACKETS.sum() < target) {
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(5)) {
                throw new IllegalStateException("readers did not get a picture within 5 s");
            }
            // Two cores: give the I/O loops the CPU rather than spin against them.
            Thread.yield();
        }
    }
}
