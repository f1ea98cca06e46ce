package org.rtspkit.server.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.RtspServer;
import org.rtspkit.server.RunningServer;
import org.rtspkit.server.TestServers;
import org.rtspkit.server.options.FileServing;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.TestRtspClient;

/**
 * {@code --files} against FFmpeg: clips FFmpeg made (H264 with B-frames and pictures over 64 kB with
 * AAC, H265 with Opus, in MPEG-TS and as raw H264, H265 and ADTS files) are served, FFmpeg reads them
 * over RTSP, and every picture and audio frame it decodes hashes the same as the one decoded from the
 * file itself, in order from the first one read, round the loop for video. A file that cannot be read
 * is a 404 that says why.
 */
@Timeout(600)
class FilesInteropTest {
    @TempDir
    static Path dir;
    static Path files;
    static RunningServer server;

    @BeforeAll
    static void clipsAndServer() throws Exception {
        Ffmpeg.requireOnPath();
        files = Files.createDirectories(dir.resolve("files"));
        Path h264 = Clips.h264Aac(files, "h264-aac", 2);
        Path h265 = Clips.h265Opus(files, "h265-opus", 2);
        Clips.rawVideo(files, h264, "video.h264");
        Clips.rawVideo(files, h265, "video.h265");
        Clips.adts(files, h264, "tone.aac");
        Files.createDirectories(files.resolve("sub"));
        Files.copy(files.resolve("video.h264"), files.resolve("sub/copy.264"));
        byte[] noise = new byte[50_000];
        new Random(1).nextBytes(noise);
        Files.write(files.resolve("broken.ts"), noise);
        Files.writeString(files.resolve("notes.txt"), "not media\n");
        Files.writeString(dir.resolve("outside.h264"), "outside the folder\n");
        server = TestServers.start(null, o -> o.withFiles(new FileServing(files, Clips.FPS,
                FileServing.DEFAULT_MAX_FILE_SIZE, FileServing.DEFAULT_MAX_PLAYING)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void h264WithBFramesAndAacInMpegTs() throws Exception {
        Path clip = files.resolve("h264-aac.ts");
        List<String> source = Clips.decoded(dir, clip, "v");
        assertEquals(50, source.size());
        long started = System.nanoTime();
        // A pass and a half: the file loops, and the pictures after the loop are its first ones again.
        List<String> read = read("/h264-aac.ts", "v", 75);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(75, read.size());
        assertEquals(0, Clips.assertRunOf(source, read, "H264 from MPEG-TS"), "the first picture read is the file's first");
        // Paced by its times: 75 pictures at 25 a second take 3 s to arrive.
        assertTrue(seconds > 2.5, "read in " + seconds + " s");
        audio("/h264-aac.ts", clip);
    }

    @Test
    void h265WithBFramesAndOpusInMpegTs() throws Exception {
        Path clip = files.resolve("h265-opus.ts");
        List<String> source = Clips.decoded(dir, clip, "v");
        List<String> read = read("/h265-opus.ts", "v", 75);
        assertEquals(0, Clips.assertRunOf(source, read, "H265 from MPEG-TS"));
        audio("/h265-opus.ts", clip);
    }

    @Test
    void rawH264AndH265AtTheFileFrameRate() throws Exception {
        for (String name : List.of("video.h264", "video.h265", "sub/copy.264")) {
            List<String> source = Clips.decoded(dir, files.resolve(name.equals("sub/copy.264") ? "video.h264" : name), "v");
            List<String> read = read("/" + name, "v", 60);
            assertEquals(0, Clips.assertRunOf(source, read, name), name);
        }
    }

    @Test
    void adtsAac() throws Exception {
        audio("/tone.aac", files.resolve("tone.aac"));
    }

    @Test
    void aFileThatCannotBeReadIsA404ThatSaysWhy() throws Exception {
        try (TestRtspClient client = new TestRtspClient(rtsp().rtspAddress())) {
            TestRtspClient.Response broken = client.request("DESCRIBE", url("/broken.ts"));
            assertEquals(404, broken.status());
            assertTrue(broken.body().contains("no H264, H265, AAC or Opus stream"), broken.body());
            TestRtspClient.Response text = client.request("DESCRIBE", url("/notes.txt"));
            assertEquals(404, text.status());
            assertTrue(text.body().contains("not a type of file served here"), text.body());
            // Outside the folder: as if there were no such file.
            TestRtspClient.Response outside = client.request("DESCRIBE", url("/../outside.h264"));
            assertEquals(404, outside.status());
            assertTrue(!outside.body().contains("outside the folder"));
            TestRtspClient.Response missing = client.request("DESCRIBE", url("/sub/../../outside.h264"));
            assertEquals(404, missing.status());
            TestRtspClient.Response good = client.request("DESCRIBE", url("/video.h264"));
            assertEquals(200, good.status(), "the server still serves files");
            assertTrue(good.body().contains("H264/90000"), good.body());
        }
    }

    /** Audio: the first frames the reader decodes are the file's (fewer than a pass: decoding overlaps frames). */
    private void audio(String path, Path clip) throws Exception {
        List<String> source = Clips.decoded(dir, clip, "a");
        List<String> read = read(path, "a", 60);
        assertEquals(60, read.size());
        assertEquals(0, Clips.assertRunOf(source, read, path + " audio"), "the first audio frame read is the file's first");
    }

    private List<String> read(String path, String stream, int frames) throws Exception {
        String out = Clips.ffmpeg(dir, 60, "-rtsp_transport", "tcp", "-timeout", "5000000", "-i", url(path),
                "-map", "0:" + stream, "-frames:" + stream, Integer.toString(frames), "-fps_mode", "passthrough",
                "-f", "framemd5", "-");
        return Clips.hashes(out);
    }

    private static RtspServer rtsp() {
        return server.server();
    }

    private static String url(String path) {
        InetSocketAddress a = rtsp().rtspAddress();
        return "rtsp://127.0.0.1:" + a.getPort() + path;
    }
}
