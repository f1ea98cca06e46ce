package org.rtspkit.benchmarks.jmh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.api.StreamStats;
import org.rtspkit.stream.RtspServers;

/**
 * The publisher's side of the hot path: {@code writePacketRtp} of a 1,400-byte packet into a stream
 * with 1 to 1,000 playing readers, set up over real RTSP, whose sinks copy into memory
 * ({@link MemoryTransportProvider}). The server's I/O loops drain the readers' queues on the other
 * core meanwhile; what they cannot keep up with is dropped and counted, as in production, and each
 * iteration prints the share delivered. Run with {@code -prof gc} for the allocation per packet.
 *
 * <p>{@link #writePacketRtp} writes as fast as it can, which overloads the readers' queues; it
 * measures the publisher's cost alone. {@link #frameToEveryReader} writes a ten-packet picture and
 * waits until every reader's sink has it, the steady state of a live stream: its time per operation
 * divided by ten times the readers is the engine's time per delivered packet on this machine, and
 * no packet is dropped.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-D" + MemoryTransportProvider.ENABLE + "=true")
public class FanOutBenchmark {
    private static final int PAYLOAD = 1400 - RtpPacket.HEADER_SIZE;
    /** Packets made ahead, one per sequence number, so the loop itself allocates nothing. */
    private static final int RING = 1 << 16;
    /** Packets in one picture of {@link #frameToEveryReader}. */
    private static final int FRAME = 10;

    @Param({"1", "10", "100", "1000"})
    public int readers;

    private final Media video = new Media(MediaType.VIDEO, null, false, null,
            List.of(Format.fromSdp(96, "H264/90000", Map.of("packetization-mode", "1"))));
    private RtspServer server;
    private ServerStream stream;
    private final List<Socket> controls = new java.util.ArrayList<>();
    private RtpPacket[] packets;
    private int next;
    private StreamStats before;
    private long droppedSoFar;

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
                public StreamResponse onSetup(org.rtspkit.api.SetupContext context) {
                    return StreamResponse.ok(stream);
                }

                @Override
                public RtspResponse onPlay(org.rtspkit.api.RequestContext context) {
                    return RtspResponse.ok();
                }
            };
        });
        String url = "rtsp://127.0.0.1:" + server.rtspAddress().getPort() + "/bench";
        for (int i = 0; i < readers; i++) {
            // One connection per reader, as real readers come: a connection holds one session.
            Socket control = new Socket(server.rtspAddress().getAddress(), server.rtspAddress().getPort());
            controls.add(control);
            new PlainRtsp(control, url).play(20_000 + 2 * i);
        }
        byte[] payload = new byte[PAYLOAD];
        payload[0] = 0x41; // an H264 non-IDR slice
        byte[] keyframe = payload.clone();
        keyframe[0] = 0x65;
        packets = new RtpPacket[RING];
        for (int seq = 0; seq < RING; seq++) {
            // Ten packets per 30 fps picture; a keyframe every second.
            boolean first = seq % 300 == 0;
            packets[seq] = RtpPacket.of(seq % 10 == 9, 96, seq, (seq / 10) * 3000L, 0, first ? keyframe : payload);
        }
    }

    @Setup(Level.Iteration)
    public void mark() {
        before = stream.stats();
        droppedSoFar = before.outboundRtpPacketsDropped();
    }

    @TearDown(Level.Iteration)
    public void report() {
        StreamStats after = stream.stats();
        long dropped = after.outboundRtpPacketsDropped() - before.outboundRtpPacketsDropped();
        // Each packet offered to a reader is either queued for it or dropped on its full queue.
        long offered = after.outboundRtpPackets() - before.outboundRtpPackets() + dropped;
        System.out.printf("  [%d readers: %,d packets offered to readers, %.1f%% queued, %.1f%% dropped on full queues]%n",
                readers, offered, offered == 0 ? 0 : 100.0 * (offered - dropped) / offered,
                offered == 0 ? 0 : 100.0 * dropped / offered);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        for (Socket control : controls) {
            control.close();
        }
        server.close();
    }

    @Benchmark
    public void writePacketRtp() {
        stream.writePacketRtp(video, packets[next]);
        next = (next + 1) & (RING - 1);
    }

    @Benchmark
    public void frameToEveryReader() {
        long target = MemoryTransportProvider.RTP_PACKETS.sum() + (long) FRAME * readers;
        long droppedBefore = droppedSoFar;
        for (int i = 0; i < FRAME; i++) {
            writePacketRtp();
        }
        long start = System.nanoTime();
        while (MemoryTransportProvider.RTP_PACKETS.sum() < target) {
            long waited = System.nanoTime() - start;
            if (waited > TimeUnit.MILLISECONDS.toNanos(50)) {
                // Slow path only (stats allocate): a queue that overflowed will never deliver the rest.
                droppedSoFar = stream.stats().outboundRtpPacketsDropped();
                if (MemoryTransportProvider.RTP_PACKETS.sum() >= target - (droppedSoFar - droppedBefore)) {
                    return;
                }
                if (waited > TimeUnit.SECONDS.toNanos(5)) {
                    throw new IllegalStateException("readers did not get a picture within 5 s");
                }
            }
            // Two cores: give the I/O loops the CPU rather than spin against them.
            Thread.yield();
        }
    }

    /** Just enough RTSP to make a playing UDP reader: SETUP, then PLAY. */
    static final class PlainRtsp {
        private final OutputStream out;
        private final BufferedReader in;
        private final String url;
        private int cseq;

        PlainRtsp(Socket socket, String url) throws IOException {
            this.out = socket.getOutputStream();
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            this.url = url;
        }

        void play(int clientPort) throws IOException {
            String session = request("SETUP " + url + "/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=" + clientPort + "-" + (clientPort + 1));
            request("PLAY " + url, "Session: " + session.split(";")[0].trim());
        }

        /** Sends a request and returns its Session header; anything but 200 is an error. */
        private String request(String line, String header) throws IOException {
            String text = line + " RTSP/1.0\r\nCSeq: " + ++cseq + "\r\n" + header + "\r\n\r\n";
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = in.readLine();
            if (status == null || !status.startsWith("RTSP/1.0 200")) {
                throw new IOException(line + ": " + status);
            }
            String session = null;
            int contentLength = 0;
            for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Session")) {
                    session = h.substring(colon + 1).trim();
                } else if (name.equalsIgnoreCase("Content-Length")) {
                    contentLength = Integer.parseInt(h.substring(colon + 1).trim());
                }
            }
            in.skip(contentLength);
            return session;
        }
    }
}
