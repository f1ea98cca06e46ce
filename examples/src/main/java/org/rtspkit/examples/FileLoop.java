package org.rtspkit.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.StreamClosedException;

/**
 * Plays an H264 file (and, if given, raw G.711 mu-law audio) into a stream at its own pace, over and
 * over, on one thread: what a camera's encoder would do. Pictures go out as RTP per RFC 6184 (a NAL
 * unit per packet, FU-A fragments for larger ones); audio as 20 ms packets of 160 samples.
 */
public final class FileLoop implements AutoCloseable {
    /** Payload room per packet: below the server's 1,472-byte default, with the RTP header and FU-A bytes. */
    private static final int MAX_PAYLOAD = 1400;
    private static final int FU_A = 28;
    private static final int VIDEO_CLOCK = 90_000;
    private static final int SAMPLES_PER_PACKET = 160;

    private final ServerStream stream;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "file-loop");
        t.setDaemon(true);
        return t;
    });
    // Random first values, as RFC 3550 asks; the stream sets its own SSRC.
    private int videoSequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private int audioSequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private long pictureCount;
    private long audioPacketCount;

    private FileLoop(ServerStream stream) {
        this.stream = stream;
    }

    /**
     * Starts playing.
     *
     * @param video the stream's H264 media (payload type 96), which {@code file} fills
     * @param fps   the file's pictures per second
     * @param audio the stream's PCMU media (payload type 0), or null for none
     * @param muLaw the raw mu-law samples (8,000 a second) that {@code audio} plays, or null
     */
    public static FileLoop start(ServerStream stream, Media video, H264File file, int fps, Media audio, byte[] muLaw) {
        FileLoop loop = new FileLoop(stream);
        loop.thread.scheduleAtFixedRate(() -> loop.sendPicture(video, file, fps), 0, 1_000_000_000L / fps,
                TimeUnit.NANOSECONDS);
        if (audio != null) {
            loop.thread.scheduleAtFixedRate(() -> loop.sendAudio(audio, muLaw), 0, 20, TimeUnit.MILLISECONDS);
        }
        return loop;
    }

    private void sendPicture(Media video, H264File file, int fps) {
        List<byte[]> nalUnits = file.pictures().get((int) (pictureCount % file.pictures().size()));
        long timestamp = (pictureCount++ * VIDEO_CLOCK / fps) & 0xFFFF_FFFFL;
        List<byte[]> payloads = new ArrayList<>();
        for (byte[] nal : nalUnits) {
            payloads.addAll(fragments(nal));
        }
        for (int i = 0; i < payloads.size(); i++) {
            boolean last = i == payloads.size() - 1;
            write(video, RtpPacket.of(last, 96, videoSequence, timestamp, 0, payloads.get(i)));
            videoSequence = (videoSequence + 1) & 0xFFFF;
        }
    }

    private void sendAudio(Media audio, byte[] muLaw) {
        int packets = muLaw.length / SAMPLES_PER_PACKET;
        int from = (int) (audioPacketCount % packets) * SAMPLES_PER_PACKET;
        long timestamp = (audioPacketCount++ * SAMPLES_PER_PACKET) & 0xFFFF_FFFFL;
        write(audio, RtpPacket.of(false, 0, audioSequence, timestamp, 0,
                Arrays.copyOfRange(muLaw, from, from + SAMPLES_PER_PACKET)));
        audioSequence = (audioSequence + 1) & 0xFFFF;
    }

    /** The NAL unit as it is, or as FU-A fragments (RFC 6184 §5.8) when it does not fit one packet. */
    private static List<byte[]> fragments(byte[] nal) {
        if (nal.length <= MAX_PAYLOAD) {
            return List.of(nal);
        }
        List<byte[]> fragments = new ArrayList<>();
        int indicator = (nal[0] & 0xE0) | FU_A;
        for (int offset = 1; offset < nal.length; offset += MAX_PAYLOAD - 2) {
            int length = Math.min(MAX_PAYLOAD - 2, nal.length - offset);
            byte[] fragment = new byte[2 + length];
            fragment[0] = (byte) indicator;
            fragment[1] = (byte) ((nal[0] & 0x1F) | (offset == 1 ? 0x80 : 0) | (offset + length == nal.length ? 0x40 : 0));
            System.arraycopy(nal, offset, fragment, 2, length);
            fragments.add(fragment);
        }
        return fragments;
    }

    private void write(Media media, RtpPacket packet) {
        try {
            stream.writePacketRtp(media, packet);
        } catch (StreamClosedException e) {
            thread.shutdown(); // the server is closing
        } catch (RtspkitException e) {
            // A multicast group's queue is full: this packet is lost, like any late one; carry on.
        }
    }

    /** Stops playing; the stream stays open. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
