package org.rtspkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.Gst;
import org.rtspkit.testkit.NetworkNamespace;

/**
 * Multicast with real clients, on one machine: the ready-to-use server, an FFmpeg publisher and
 * FFmpeg and GStreamer multicast readers (plain, and SRTP over RTSPS) run inside a network namespace
 * this test creates (rtsp-testkit's {@link NetworkNamespace}), whose only interface is loopback, so no
 * packet can leave the machine. Two FFmpeg and two GStreamer readers share the stream's group at once,
 * and every one of them, like the unicast readers (TCP and UDP) of the same stream beside them, must
 * decode about what was published while it read.
 */
class MulticastInteropTest {
    private static final int FPS = 30;
    /** FFmpeg readers' -t: they stop after this much of the stream. */
    private static final int FFMPEG_SECONDS = 4;
    /** GStreamer readers are stopped (SIGINT, then EOS) this long after they start. */
    private static final int GST_SECONDS = 6;
    /** Stream time a GStreamer reader must have decoded, out of its six seconds, however slowly it started. */
    private static final int GST_MIN_SPAN_SECONDS = 2;
    private static final int SLACK = 5;
    /** A picture reaching fakesink, as its -v output shows it, with its timestamp (h, min, s, ns). */
    private static final Pattern CHAIN = Pattern.compile(
            "last-message = chain .*\\bpts: (\\d+):(\\d{2}):(\\d{2})\\.(\\d{9})\\b");

    @TempDir
    Path dir;

    @BeforeAll
    static void clientsAreInstalled() {
        Ffmpeg.requireOnPath();
        Gst.requireOnPath();
    }

    @Test
    void multicastReadersAndAUnicastReaderDecodeTheSameStream() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String modulePath = System.getProperty("jdk.module.path");
        String ffmpegRead = "timeout -k 3 20 ffmpeg -hide_banner -nostdin -timeout 5000000"
                + " -i rtsp://127.0.0.1:8554/cam -t " + FFMPEG_SECONDS + " -f null -";
        // GStreamer takes its own RTCP, which the group loops back to it, for an SSRC collision and
        // answers with a BYE, and FFmpeg ends its multicast input at any BYE on the group's RTCP port:
        // GStreamer readers that share a group with FFmpeg readers send no RTCP (README, Multicast).
        String gstRead = "timeout -s INT -k 3 " + GST_SECONDS + " gst-launch-1.0 -e rtspsrc";
        String decode = " ! rtph264depay ! h264parse ! avdec_h264 ! fakesink sync=false silent=false -v";
        String script = String.join("\n",
                "set -u",
                quote(java) + " --module-path " + quote(modulePath)
                        + " -m org.rtspkit.server/org.rtspkit.server.RtspkitServer"
                        + " --rtsp-address 127.0.0.1:8554 --udp-rtp-address 127.0.0.1:8000"
                        + " --rtsps-address 127.0.0.1:8322 --srtp-rtp-address 127.0.0.1:8004 > server.log 2>&1 &",
                "server=$!",
                "for i in $(seq 1 100); do grep -q 'rtsps://' server.log 2>/dev/null && break; sleep 0.1; done",
                "timeout -k 3 30 ffmpeg -hide_banner -nostdin -loglevel error -re -f lavfi -i testsrc=size=320x240:rate=30"
                        + " -t 14 -c:v libx264 -preset ultrafast -tune zerolatency -g 30 -pix_fmt yuv420p"
                        + " -f rtsp -rtsp_transport tcp rtsp://127.0.0.1:8554/cam 2> publisher.log &",
                "for i in $(seq 1 100); do grep -q 'publisher started' server.log && break; sleep 0.1; done",
                "sleep 1",
                // Debug level, so that a BYE that ends a multicast reader shows in its log.
                "for name in ffmpeg-mc-1 ffmpeg-mc-2; do " + ffmpegRead.replace("ffmpeg -hide_banner",
                        "ffmpeg -hide_banner -loglevel debug -rtsp_transport udp_multicast")
                        + " -progress $name.txt 2> $name.log & done",
                ffmpegRead.replace("ffmpeg -hide_banner", "ffmpeg -hide_banner -loglevel error -rtsp_transport tcp")
                        + " -progress ffmpeg-tcp.txt 2> ffmpeg-tcp.log &",
                ffmpegRead.replace("ffmpeg -hide_banner", "ffmpeg -hide_banner -loglevel error -rtsp_transport udp")
                        + " -progress ffmpeg-udp.txt 2> ffmpeg-udp.log &",
                "for name in gst-mc-1 gst-mc-2; do " + gstRead + " location=rtsp://127.0.0.1:8554/cam protocols=udp-mcast"
                        + " do-rtcp=false" + decode + " > $name.log 2>&1 & done",
                // RTSPS has groups of its own (ports 8006/8007), where no FFmpeg reader listens: this one keeps RTCP.
                gstRead + " location=rtsps://127.0.0.1:8322/cam protocols=udp-mcast tls-validation-flags=0" + decode
                        + " > gst-srtp-mc.log 2>&1 &",
                "sleep " + (GST_SECONDS + 2),
                "for name in ffmpeg-mc-1 ffmpeg-mc-2 ffmpeg-tcp ffmpeg-udp; do"
                        + " echo $name=$(grep '^frame=' $name.txt 2>/dev/null | tail -1 | cut -d= -f2); done",
                "for name in ffmpeg-mc-1 ffmpeg-mc-2; do grep -q 'Received BYE' $name.log && echo $name received an RTCP BYE;"
                        + " done",
                "kill $server; wait $server 2>/dev/null; exit 0");
        NetworkNamespace.Result run = NetworkNamespace.runScript(dir, script, Duration.ofSeconds(90));
        String out = run.output();
        assertEquals(0, run.exitCode(), "the namespace run failed\n" + run.describe() + logs());
        Map<String, Long> counts = new TreeMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(eq + 1).trim().matches("\\d+")) {
                counts.put(line.substring(0, eq).trim(), Long.parseLong(line.substring(eq + 1).trim()));
            }
        }
        System.out.println("multicast interop, FFmpeg readers (decoded pictures): " + counts);
        List<String> wrong = new ArrayList<>();
        for (String ffmpeg : List.of("ffmpeg-mc-1", "ffmpeg-mc-2", "ffmpeg-tcp", "ffmpeg-udp")) {
            check(wrong, ffmpeg, counts, FFMPEG_SECONDS);
        }
        for (String gst : List.of("gst-mc-1", "gst-mc-2", "gst-srtp-mc")) {
            System.out.println(checkGst(wrong, gst));
        }
        assertTrue(wrong.isEmpty(), "readers of one stream, multicast and unicast at once, decoded too few or too many"
                + " pictures: " + wrong + "\n" + out + logs());
    }

    /**
     * An FFmpeg reader's -t counts stream time from its first packet. It joins anywhere in the publisher's
     * one-second group of pictures and decodes nothing before the next keyframe, so reading n seconds gives
     * between 30(n - 1) and 30n pictures (as in FfmpegInteropTest), with 5 pictures of slack either way.
     */
    private static void check(List<String> wrong, String name, Map<String, Long> counts, int seconds) {
        long min = (long) FPS * (seconds - 1) - SLACK;
        long max = (long) FPS * seconds + SLACK;
        long pictures = counts.getOrDefault(name, 0L);
        if (pictures < min || pictures > max) {
            wrong.add(name + " decoded " + pictures + " (expected " + min + ".." + max + ")");
        }
    }

    /**
     * A GStreamer reader is stopped by the clock, so how much of the stream it sees depends on how fast it
     * started on a busy machine. What must hold regardless: it decoded pictures for at least
     * {@link #GST_MIN_SPAN_SECONDS} of stream time, and every picture of that span, counting only pictures
     * decoded whole (avdec_h264 marks those before the first keyframe, and any it had to conceal, corrupted).
     */
    private String checkGst(List<String> wrong, String name) throws java.io.IOException {
        Path log = dir.resolve(name + ".log");
        if (!Files.exists(log)) {
            wrong.add(name + " left no log");
            return name + ": no log";
        }
        long clean = 0;
        long first = -1;
        long last = -1;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = CHAIN.matcher(line);
            if (!m.find() || line.contains(" corrupted ")) {
                continue;
            }
            long pts = Long.parseLong(m.group(1)) * 3_600_000_000_000L + Long.parseLong(m.group(2)) * 60_000_000_000L
                    + Long.parseLong(m.group(3)) * 1_000_000_000L + Long.parseLong(m.group(4));
            clean++;
            first = first < 0 ? pts : Math.min(first, pts);
            last = Math.max(last, pts);
        }
        double span = clean == 0 ? 0 : (last - first) / 1e9;
        long expected = Math.round(span * FPS) + 1;
        String what = name + " decoded " + clean + " whole pictures over " + String.format(java.util.Locale.ROOT, "%.2f", span)
                + " s of stream";
        if (span < GST_MIN_SPAN_SECONDS) {
            wrong.add(what + " (expected at least " + GST_MIN_SPAN_SECONDS + " s)");
        } else if (Math.abs(clean - expected) > SLACK) {
            wrong.add(what + " (expected " + expected + " +- " + SLACK + ")");
        }
        return what;
    }

    @Test
    void theEngineAllocatesReportsAndReleasesGroups() {
        // The checks run on the class path (services found through META-INF/services), test classes first.
        NetworkNamespace.Result run = NetworkNamespace.runJava(true, MulticastEngineChecks.class);
        System.out.println(run.output());
        assertTrue(run.exitCode() == 0 && run.output().contains("multicast engine checks passed"), run.describe());
    }

    private String logs() {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("server.log", "publisher.log", "ffmpeg-mc-1.log", "ffmpeg-mc-2.log", "ffmpeg-tcp.log",
                "ffmpeg-udp.log")) {
            try {
                Path f = dir.resolve(name);
                if (Files.exists(f)) {
                    List<String> lines = Files.readAllLines(f);
                    sb.append("\n--- ").append(name).append('\n')
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
                }
            } catch (java.io.IOException e) {
                sb.append("\n(").append(name).append(" unreadable)");
            }
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
