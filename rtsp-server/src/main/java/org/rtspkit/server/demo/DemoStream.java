package org.rtspkit.server.demo;

import com.google.common.util.concurrent.RateLimiter;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.StreamClosedException;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.mjpeg.MjpegPacketizer;

/**
 * The server's own stream at {@code /demo}, so that a client has something to play without a
 * publisher: a {@link TestPattern} as Motion JPEG (RFC 2435) and a 440 Hz tone as G.711 mu-law, made
 * on one daemon thread. Pictures and tone are only made while someone plays the stream; the RTP
 * clocks keep running meanwhile, as a camera's would. The thread ends when the demo is closed or its
 * streams are (the server closing).
 */
public final class DemoStream implements AutoCloseable {
    public static final String PATH = "/demo";
    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    /** Divides 90 kHz evenly, so frame timestamps are exact. */
    public static final int FRAME_RATE = 15;
    static final double TONE_HZ = 440;

    private static final System.Logger LOG = System.getLogger(DemoStream.class.getName());

    private static final int AUDIO_SAMPLE_RATE = 8000;
    /** 20 ms of audio per packet, the usual G.711 packet time (RFC 3551 §4.5). */
    private static final int SAMPLES_PER_PACKET = 160;
    private static final long AUDIO_PACKET_NANOS = TimeUnit.SECONDS.toNanos(1) * SAMPLES_PER_PACKET / AUDIO_SAMPLE_RATE;
    private static final long FRAME_NANOS = TimeUnit.SECONDS.toNanos(1) / FRAME_RATE;
    /** Enough detail for the digits' edges at a few tens of kilobytes per picture. */
    private static final float JPEG_QUALITY = 0.75f;
    /** About -10 dBFS: audible without being harsh. */
    private static final double TONE_LEVEL = 0.3;

    /** A listener's stream and its medias (as the stream holds them). */
    private record Target(RtspServer server, ServerStream stream, Media video, Media audio) {
    }

    private final List<Target> targets;
    private final ScheduledExecutorService thread;
    private final AtomicInteger readers = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** A frame or packet that cannot be made fails every time: say so once a minute, with how often. */
    private final RateLimiter warnings = RateLimiter.create(1.0 / 60);
    private final AtomicLong failuresSinceWarning = new AtomicLong();
    private final ZoneId zone = ZoneId.systemDefault();

    // Used on the generator thread only.
    private final TestPattern pattern = new TestPattern(WIDTH, HEIGHT);
    private final JpegEncoder encoder = new JpegEncoder(JPEG_QUALITY);
    private final MjpegPacketizer packetizer;
    private final ToneGenerator tone = new ToneGenerator(TONE_HZ, AUDIO_SAMPLE_RATE, SAMPLES_PER_PACKET, TONE_LEVEL);
    private final Instant start;
    // Random first timestamps and sequence numbers, as RFC 3550 §5.1 asks.
    private final long audioTimestampBase = ThreadLocalRandom.current().nextLong(1L << 32);
    private int audioSequenceNumber = ThreadLocalRandom.current().nextInt(1 << 16);
    private long audioPackets;
    private long frames;

    private DemoStream(List<Target> targets, int maxPacketSize) {
        this.targets = List.copyOf(targets);
        // Random first timestamp and sequence number (PacketizerSettings.defaults), as RFC 3550 §5.1 asks.
        this.packetizer = new MjpegPacketizer(MjpegPacketizer.defaultFormat(),
                PacketizerSettings.defaults().withMaxPayloadSize(maxPacketSize - RtpPacket.HEADER_SIZE));
        this.thread = Executors.newSingleThreadScheduledExecutor(
                new ThreadFactoryBuilder().setNameFormat("rtspkit-demo").setDaemon(true).build());
        this.start = Instant.now();
    }

    /** The description every listener's demo stream is created from. */
    static SessionDescription description() {
        Media video = Media.of(MediaType.VIDEO, null, MjpegPacketizer.defaultFormat());
        Media audio = Media.of(MediaType.AUDIO, null, G711Format.pcmu());
        return new SessionDescription("rtspkit demo", List.of(video, audio));
    }

    /**
     * Creates the demo's stream on every listener (RTSP and RTSPS each need their own) and starts
     * making media.
     *
     * @throws RtspkitException when a listener cannot serve the stream; none is left open then
     */
    public static DemoStream start(Collection<RtspServer> servers) {
        SessionDescription description = description();
        List<Target> targets = new ArrayList<>();
        int maxPacketSize = Integer.MAX_VALUE;
        try {
            for (RtspServer server : servers) {
                ServerStream stream = server.createStream(description);
                List<Media> medias = stream.description().medias();
                targets.add(new Target(server, stream, medias.get(0), medias.get(1)));
                maxPacketSize = Math.min(maxPacketSize, server.config().maxPacketSize());
            }
        } catch (RuntimeException e) {
            targets.forEach(t -> t.stream().close());
            throw e;
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("the demo needs at least one listener");
        }
        DemoStream demo = new DemoStream(targets, maxPacketSize);
        demo.thread.scheduleAtFixedRate(demo::sendFrame, 0, FRAME_NANOS, TimeUnit.NANOSECONDS);
        demo.thread.scheduleAtFixedRate(demo::sendAudio, 0, AUDIO_PACKET_NANOS, TimeUnit.NANOSECONDS);
        return demo;
    }

    /** The stream each listener's readers play. */
    public Map<RtspServer, ServerStream> streams() {
        Map<RtspServer, ServerStream> streams = new LinkedHashMap<>();
        targets.forEach(t -> streams.put(t.server(), t.stream()));
        return streams;
    }

    /** Whether a reader's stream is one of the demo's. */
    public boolean serves(ServerStream stream) {
        return targets.stream().anyMatch(t -> t.stream() == stream);
    }

    /** A reader started playing: media is made from now on. */
    public void readerJoined() {
        readers.incrementAndGet();
    }

    public void readerLeft() {
        readers.decrementAndGet();
    }

    public int readers() {
        return readers.get();
    }

    private void sendFrame() {
        if (stopWhenStreamsClosed()) {
            return;
        }
        long frameIndex = frames++;
        if (readers.get() <= 0) {
            return;
        }
        // Timestamps from the frame count, not the clock: frames exactly 1/15 s apart, where the
        // scheduler's jitter would make players see two frames at one instant now and then. The
        // picture shows the time its timestamp stands for, so the digits, the sender reports and the
        // audio agree.
        long presentationTime = frameIndex * TimeUnit.SECONDS.toNanos(1) / FRAME_RATE;
        Instant sampled = start.plusNanos(presentationTime);
        try {
            byte[] jpeg = encoder.encode(pattern.draw(LocalTime.ofInstant(sampled, zone)));
            // Packet values rather than the packetizer's buffer: each is written with the time it was
            // sampled at (for sender reports) to every listener's stream; 15 pictures a second.
            for (RtpPacket packet : packetizer.packetize(jpeg, presentationTime)) {
                for (Target t : targets) {
                    write(t.stream(), t.video(), packet, sampled);
                }
            }
        } catch (RuntimeException e) {
            // A failing task would never be run again: report it and try the next frame.
            warn(e);
        }
    }

    private void sendAudio() {
        long packetIndex = audioPackets++;
        int sequenceNumber = audioSequenceNumber;
        audioSequenceNumber = (audioSequenceNumber + 1) & 0xFFFF;
        if (readers.get() <= 0 || closed.get()) {
            return;
        }
        // Counted in samples, not read from the clock: consecutive packets must be exactly 160 apart.
        long timestamp = (audioTimestampBase + packetIndex * SAMPLES_PER_PACKET) & 0xFFFF_FFFFL;
        Instant sampled = start.plusNanos(packetIndex * AUDIO_PACKET_NANOS);
        try {
            RtpPacket packet = RtpPacket.of(false, G711Format.pcmu().payloadType(), sequenceNumber, timestamp, 0,
                    tone.nextPacket());
            for (Target t : targets) {
                write(t.stream(), t.audio(), packet, sampled);
            }
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    private void write(ServerStream stream, Media media, RtpPacket packet, Instant sampled) {
        try {
            stream.writePacketRtp(media, packet, sampled);
        } catch (StreamClosedException e) {
            // The server is closing; the next frame tick stops the thread.
        }
    }

    private boolean stopWhenStreamsClosed() {
        if (!closed.get() && targets.stream().allMatch(t -> t.stream().isClosed())) {
            close();
        }
        return closed.get();
    }

    private void warn(RuntimeException e) {
        long failures = failuresSinceWarning.incrementAndGet();
        if (warnings.tryAcquire()) {
            failuresSinceWarning.addAndGet(-failures);
            LOG.log(Level.WARNING, "the demo stream cannot send media (" + failures + (failures == 1 ? " failure" : " failures")
                    + " since the last warning): " + e, e);
        }
    }

    /** Stops making media and closes the demo's streams, which ends their readers. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // Queued behind a frame being made, so the encoder is not disposed of under it.
            thread.execute(encoder::close);
        } catch (RejectedExecutionException e) {
            // Already shut down.
        }
        thread.shutdown();
        targets.forEach(t -> t.stream().close());
    }
}
