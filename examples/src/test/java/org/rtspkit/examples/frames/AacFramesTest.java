package org.rtspkit.examples.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.api.RequestContext;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.RtspMethod;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerConnection;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.formats.FrameWriter;
import org.rtspkit.formats.mpeg4audio.Adts;
import org.rtspkit.formats.mpeg4audio.AdtsFrame;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.Ffmpeg;

/**
 * AAC written as frames: an application takes the raw frames of an ADTS file FFmpeg encoded and writes
 * each through a {@link FrameWriter} (RFC 3640 AAC-hbr) from the moment a reader plays; FFmpeg reading
 * over RTSP decodes exactly the frames it decodes from the file, in order, from the first.
 */
@Timeout(120)
class AacFramesTest {
    private static final int SAMPLE_RATE = 48_000;
    private static final int SAMPLES_PER_FRAME = 1024;

    @TempDir
    Path dir;

    @Test
    void ffmpegDecodesTheAudioFramesWritten() throws Exception {
        Ffmpeg.requireOnPath();
        Path file = dir.resolve("tone.aac");
        Clip.ffmpeg(dir, 60, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + SAMPLE_RATE, "-t", "2",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-f", "adts", "-y", file.toString());
        List<AdtsFrame> frames = Adts.split(Files.readAllBytes(file));
        List<String> expected = Clip.hashes(new String(Clip.ffmpeg(dir, 60, "-i", file.toString(), "-map", "0:a",
                "-f", "framemd5", "-")));
        assertEquals(frames.size(), expected.size(), "one decoded frame per ADTS frame");

        Mpeg4AudioFormat format = Mpeg4AudioFormat.aacHbr(97, SAMPLE_RATE, 2, frames.get(0).config().toBytes());
        Media audio = Media.of(MediaType.AUDIO, null, format);
        CountDownLatch playing = new CountDownLatch(1);
        ServerStream[] stream = new ServerStream[1];
        ServerConfig config = ServerConfig.builder()
                .rtspAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)).build();
        Path out = dir.resolve("read.framemd5");
        try (RtspServer server = RtspServers.start(config, started -> {
            stream[0] = started.createStream(new SessionDescription("tone", List.of(audio)));
            return new Handler(stream[0], playing);
        })) {
            FrameWriter writer = FrameWriter.create(stream[0], audio, format);
            Process ffmpeg = new ProcessBuilder("timeout", "-k", "3", "60", "ffmpeg", "-hide_banner", "-nostdin",
                    "-v", "error", "-rtsp_transport", "tcp", "-timeout", "5000000",
                    "-i", "rtsp://127.0.0.1:" + server.rtspAddress().getPort() + "/tone", "-map", "0:a",
                    "-frames:a", Integer.toString(frames.size()), "-f", "framemd5", out.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(dir.resolve("read.err").toFile()).start();
            try {
                assertTrue(playing.await(30, TimeUnit.SECONDS), "FFmpeg did not play: " + Clip.read(dir.resolve("read.err")));
                long start = System.nanoTime();
                for (int i = 0; i < frames.size(); i++) {
                    long time = (long) i * SAMPLES_PER_FRAME * 1_000_000_000L / SAMPLE_RATE;
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, start + time - System.nanoTime()));
                    writer.write(frames.get(i).data(), time);
                }
                assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS), "FFmpeg did not end");
                assertEquals(0, ffmpeg.exitValue(), () -> Clip.read(dir.resolve("read.err")));
            } finally {
                ffmpeg.destroyForcibly();
            }
        }
        List<String> got = Clip.hashes(Files.readString(out));
        assertEquals(expected, got, "audio frames FFmpeg decoded from the frames written");
        System.out.println("frames: FFmpeg decoded " + got.size() + " AAC frames written as frames, equal to the file's");
    }

    /**
     * Serves the stream, and opens {@code playing} when the answer to PLAY is about to be written: the
     * reader is active in the stream by then (onPlay itself runs before that), so every frame written
     * from then on reaches it.
     */
    private static final class Handler implements ServerHandler {
        private final ServerStream stream;
        private final CountDownLatch playing;
        private volatile boolean playAsked;

        Handler(ServerStream stream, CountDownLatch playing) {
            this.stream = stream;
            this.playing = playing;
        }

        @Override
        public void onRequest(ServerConnection connection, RtspRequest request) {
            playAsked = request.method().equals("PLAY");
        }

        @Override
        public void onResponse(ServerConnection connection, RtspResponse response) {
            if (playAsked && response.status() == 200) {
                playing.countDown();
            }
        }

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
}
