package org.rtspkit.examples.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.examples.SourceVideo;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.Gst;
import org.rtspkit.testkit.NetworkNamespace;

/**
 * The example started as a program inside a network namespace whose only interface is loopback (so no
 * multicast leaves the machine), read by an FFmpeg and a GStreamer multicast reader: FFmpeg is told
 * the groups the example chose for video and audio, and decodes the file's pictures and the tone from
 * them; GStreamer decodes pictures from the video group.
 */
class MulticastGroupsTest {
    private static final int READ_SECONDS = 3;
    private static final int GST_SECONDS = 5;
    /** Two 20 ms packets of the 8 kHz tone at each end of a read. */
    private static final int SAMPLE_SLACK = 4 * 160;

    @TempDir
    static Path dir;

    @BeforeAll
    static void clientsAreInstalled() {
        Ffmpeg.requireOnPath();
        Gst.requireOnPath();
    }

    @Test
    void multicastReadersDecodeVideoAndAudioFromTheGroupsTheApplicationChose() throws Exception {
        SourceVideo source = SourceVideo.make(dir, 2);
        Path tone = Ffmpeg.encodeMuLaw(dir, "tone", 2);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = String.join("\n",
                quote(java) + " --module-path " + quote(System.getProperty("jdk.module.path"))
                        + " -m org.rtspkit.examples/" + MulticastGroups.class.getName() + " " + quote(source.file().toString())
                        + " " + quote(tone.toString()) + " 8554 > example.log 2>&1 &",
                "example=$!",
                "for i in $(seq 1 150); do grep -q 'rtsp://' example.log && break; sleep 0.1; done",
                // Trace level shows the SETUP answers, with the groups.
                "timeout -k 3 25 ffmpeg -hide_banner -nostdin -loglevel trace -rtsp_transport udp_multicast"
                        + " -timeout 5000000 -i rtsp://127.0.0.1:8554/cam -t " + READ_SECONDS
                        + " -map 0 -f framemd5 ffmpeg.framemd5.txt 2> ffmpeg.log &",
                "timeout -s INT -k 3 " + GST_SECONDS + " gst-launch-1.0 -e rtspsrc location=rtsp://127.0.0.1:8554/cam"
                        + " protocols=udp-mcast do-rtcp=false ! rtph264depay ! h264parse ! avdec_h264"
                        + " ! fakesink sync=false silent=false -v > gst.log 2>&1",
                "wait %2",
                "kill $example; wait $example 2>/dev/null; exit 0");
        NetworkNamespace.Result run = NetworkNamespace.runScript(dir, script, Duration.ofSeconds(90));
        assertEquals(0, run.exitCode(), run.describe() + log("example.log"));

        String ffmpegLog = log("ffmpeg.log");
        for (String group : List.of("destination=224.2.0.10;port=5004-5005", "destination=224.2.0.11;port=5006-5007")) {
            assertTrue(ffmpegLog.contains(group), "FFmpeg was not sent to " + group + "\n" + tail(ffmpegLog)
                    + log("example.log"));
        }
        List<Ffmpeg.FrameHash> hashes = Ffmpeg.FrameHash.read(dir.resolve("ffmpeg.framemd5.txt"));
        int pictures = source.check("the FFmpeg multicast reader", hashes, READ_SECONDS, tail(ffmpegLog));
        long samples = hashes.stream().filter(f -> f.stream() == 1).mapToLong(Ffmpeg.FrameHash::duration).sum();
        // -t counts from the first packet of either media, and FFmpeg lines the tone up with the pictures
        // by the sender reports: as with the pictures, between n - 1 and n seconds of it.
        assertTrue(samples >= 8000L * (READ_SECONDS - 1) && samples <= 8000L * READ_SECONDS + SAMPLE_SLACK,
                "FFmpeg decoded " + samples + " samples of the tone in " + READ_SECONDS + " s\n" + tail(ffmpegLog));
        long gstPictures = log("gst.log").lines().filter(l -> l.contains("last-message = chain")).count();
        // It runs for five seconds, from its start to its SIGINT: at least two of them decoding.
        assertTrue(gstPictures >= 2L * SourceVideo.FPS, "GStreamer decoded " + gstPictures + " pictures\n"
                + tail(log("gst.log")));
        System.out.println("multicast groups: FFmpeg decoded " + pictures + " pictures and " + samples
                + " audio samples from the chosen groups, GStreamer " + gstPictures + " pictures");
    }

    private static String log(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Files.readString(file) : "(no " + name + ")";
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
