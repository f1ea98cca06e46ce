package org.rtspkit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.rtspkit.testkit.Ffmpeg;

/**
 * The H264 file the examples serve in their tests, and the hash of every picture it decodes to: a
 * reader that decodes pictures with other hashes got something else than the file.
 *
 * @param file     FFmpeg's moving test picture, {@link #FPS} pictures a second
 * @param pictures the MD5 of each decoded picture of the file
 */
public record SourceVideo(Path file, Set<String> pictures) {
    public static final int FPS = 25;
    /** A picture late on a loaded machine, or FFmpeg's rounding of -t. */
    private static final int SLACK = 5;

    /** Encodes {@code seconds} of the test picture in {@code dir}, and hashes its pictures. */
    public static SourceVideo make(Path dir, int seconds) throws InterruptedException {
        return make(dir, seconds, "");
    }

    /** As {@link #make(Path, int)}, with more x264 options ({@code key=value:...}). */
    public static SourceVideo make(Path dir, int seconds, String x264Options) throws InterruptedException {
        Path file = Ffmpeg.encodeH264(dir, "source", seconds, FPS, x264Options);
        List<String> hashes = Ffmpeg.decodedPictureHashes(dir, file);
        assertTrue(hashes.size() == seconds * FPS && Set.copyOf(hashes).size() == hashes.size(),
                "the source should be " + seconds * FPS + " different pictures: " + hashes);
        return new SourceVideo(file, Set.copyOf(hashes));
    }

    /**
     * Checks what a reader decoded in {@code seconds} of reading: pictures of this file only, and about
     * as many as were sent. -t counts from the first packet, and nothing decodes before the next
     * keyframe (one a second), so n seconds give between FPS(n - 1) and FPS n pictures.
     *
     * @return the number of pictures, for the test's output
     */
    public int check(Ffmpeg.Run reader, int seconds) {
        return check(reader.name(), reader.hashes(), seconds, reader.report());
    }

    /** As {@link #check(Ffmpeg.Run, int)}, for the hashes of a reader run elsewhere; {@code report} says what it printed. */
    public int check(String reader, List<Ffmpeg.FrameHash> hashes, int seconds, String report) {
        List<String> decoded = hashes.stream().filter(f -> f.stream() == 0).map(Ffmpeg.FrameHash::hash).toList();
        int min = FPS * (seconds - 1) - SLACK;
        int max = FPS * seconds + SLACK;
        assertTrue(decoded.size() >= min && decoded.size() <= max, reader + " decoded " + decoded.size()
                + " pictures in " + seconds + " s; expected " + min + ".." + max + "\n" + report);
        List<String> foreign = decoded.stream().filter(h -> !pictures.contains(h)).toList();
        assertTrue(foreign.isEmpty(), reader + " decoded " + foreign.size() + " of " + decoded.size()
                + " pictures that are not the file's\n" + report);
        return decoded.size();
    }
}
