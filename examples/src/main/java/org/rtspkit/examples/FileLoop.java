package org.rtspkit.examples;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.StreamClosedException;
import org.rtspkit.formats.FrameWriter;

/**
 * Plays an H264 file (and, if given, raw G.711 mu-law audio) into a stream at its own pace, over and
 * over, on one thread: what a camera's encoder would do. It writes frames, not packets: each picture
 * and each 20 ms of audio goes through a {@link FrameWriter}, which makes the RTP packets (RFC 6184 for
 * H264, with FU-A fragments for large NAL units; RFC 3551 for G.711).
 */
public final class FileLoop implements AutoCloseable {
    private static final int SAMPLES_PER_PACKET = 160;
    private static final long AUDIO_FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "file-loop");
        t.setDaemon(true);
        return t;
    });
    private long pictureCount;
    private long audioFrameCount;

    private FileLoop() {
    }

    /**
     * Starts playing.
     *
     * @param video the stream's H264 media, which {@code file} fills
     * @param fps   the file's pictures per second
     * @param audio the stream's PCMU media, or null for none
     * @param muLaw the raw mu-law samples (8,000 a second) that {@code audio} plays, or null
     */
    public static FileLoop start(ServerStream stream, Media video, H264File file, int fps, Media audio, byte[] muLaw) {
        FileLoop loop = new FileLoop();
        FrameWriter pictures = FrameWriter.create(stream, video, video.formats().get(0));
        loop.thread.scheduleAtFixedRate(() -> loop.sendPicture(pictures, file, fps), 0, 1_000_000_000L / fps,
                TimeUnit.NANOSECONDS);
        if (audio != null) {
            FrameWriter samples = FrameWriter.create(stream, audio, audio.formats().get(0));
            loop.thread.scheduleAtFixedRate(() -> loop.sendAudio(samples, muLaw), 0, AUDIO_FRAME_NANOS,
                    TimeUnit.NANOSECONDS);
        }
        return loop;
    }

    private void sendPicture(FrameWriter writer, H264File file, int fps) {
        long n = pictureCount++;
        byte[] picture = file.pictures().get((int) (n % file.pictures().size()));
        write(writer, picture, 0, picture.length, n * 1_000_000_000L / fps);
    }

    private void sendAudio(FrameWriter writer, byte[] muLaw) {
        long n = audioFrameCount++;
        int frames = muLaw.length / SAMPLES_PER_PACKET;
        int from = (int) (n % frames) * SAMPLES_PER_PACKET;
        write(writer, muLaw, from, SAMPLES_PER_PACKET, n * AUDIO_FRAME_NANOS);
    }

    private void write(FrameWriter writer, byte[] unit, int offset, int length, long presentationTime) {
        try {
            writer.write(unit, offset, length, presentationTime);
        } catch (StreamClosedException e) {
            thread.shutdown(); // the server is closing
        } catch (RtspkitException e) {
            // A multicast group's queue is full: this frame's packets from here on are lost, like late ones; carry on.
        }
    }

    /** Stops playing; the stream stays open. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
