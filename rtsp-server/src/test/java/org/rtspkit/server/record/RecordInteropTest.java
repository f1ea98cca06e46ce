package org.rtspkit.server.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.server.RunningServer;
import org.rtspkit.server.TestServers;
import org.rtspkit.server.files.Clips;
import org.rtspkit.server.options.Recording;
import org.rtspkit.testkit.Ffmpeg;

/**
 * {@code --record} against FFmpeg: FFmpeg publishes a clip (H264 with B-frames and AAC), the server
 * writes it to MPEG-TS, {@code ffprobe} counts the recorded pictures, and the pictures FFmpeg decodes
 * from the recording hash the same as the clip's; with short segments, the files one after another
 * hold every picture once.
 */
@Timeout(300)
class RecordInteropTest {
    @TempDir
    static Path clips;
    @TempDir
    Path dir;
    private RunningServer server;
    private final List<Ffmpeg.Run> runs = new ArrayList<>();

    @BeforeAll
    static void ffmpegIsInstalled() {
        Ffmpeg.requireOnPath();
    }

    @AfterEach
    void stop() {
        runs.forEach(Ffmpeg.Run::kill);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPublishedClipIsRecordedPictureForPicture() throws Exception {
        Path clip = Clips.h264Aac(clips, "clip", 3, "mkv");
        List<Path> files = publishAndRecord(clip, Duration.ofHours(1));
        assertEquals(1, files.size(), "one segment: " + files);
        Path recorded = files.get(0);
        assertEquals(0, Files.size(recorded) % 188, "whole TS packets");
        List<String> source = Clips.decoded(dir, clip, "v");
        assertEquals(75, source.size());
        String probe = Clips.run(dir, List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", recorded.toString()));
        // ffprobe lists the stream under its program and again on its own.
        assertEquals(List.of("h264,75"), probe.lines().filter(l -> !l.isBlank()).distinct().toList(),
                "ffprobe of the recording");
        assertEquals(source, Clips.decoded(dir, recorded, "v"), "pictures decoded from the recording");
        // Audio: the recording starts at the first picture, so it may miss the frames before it, and
        // the first frame it holds decodes differently (AAC overlaps frames); the rest are the clip's.
        List<String> audio = Clips.decoded(dir, recorded, "a");
        assertTrue(audio.size() > 130, "audio frames recorded: " + audio.size());
        Clips.assertRunOf(Clips.decoded(dir, clip, "a"), audio.subList(1, audio.size()), "recorded audio");
    }

    @Test
    void segmentsFollowOneAnotherWithEveryPictureOnce() throws Exception {
        Path clip = Clips.h264Aac(clips, "long", 5, "mkv");
        List<Path> files = publishAndRecord(clip, Duration.ofSeconds(2));
        assertTrue(files.size() >= 2 && files.size() <= 3, "segments of 2 s out of 5 s: " + files);
        List<String> pictures = new ArrayList<>();
        for (Path segment : files) {
            List<String> decoded = Clips.decoded(dir, segment, "v");
            assertTrue(decoded.size() >= Clips.FPS, segment + " holds " + decoded.size() + " pictures");
            pictures.addAll(decoded);
        }
        assertEquals(Clips.decoded(dir, clip, "v"), pictures, "the segments' pictures, one after another");
    }

    private List<Path> publishAndRecord(Path clip, Duration segment) throws Exception {
        Path records = dir.resolve("records");
        server = TestServers.start(null, o -> o.withRecord(new Recording(records, segment, Recording.DEFAULT_QUEUE_SIZE)));
        String url = "rtsp://127.0.0.1:" + server.server().rtspAddress().getPort() + "/live/cam";
        Ffmpeg.Run publisher = Ffmpeg.publishFile(dir, "publisher", clip, url, "tcp");
        runs.add(publisher);
        publisher.awaitSuccess(Duration.ofSeconds(60));
        // The publisher's TEARDOWN ends its session, which finishes the recording.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.paths().size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, server.paths().size(), "the publisher left");
        server.close(); // and waits for every recording to be written
        server = null;
        try (Stream<Path> listed = Files.list(records.resolve("live/cam"))) {
            return listed.sorted().toList();
        }
    }
}
