package org.rtspkit.server;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.server.paths.PathRegistry;
import org.rtspkit.server.paths.PublishingHandler;
import org.rtspkit.server.tls.TlsCredentials;
import org.rtspkit.stream.RtspServers;
import org.rtspkit.testkit.Ffmpeg;
import org.rtspkit.testkit.Gst;
import org.rtspkit.testkit.Loopback;

/**
 * RTSPS with real clients: GStreamer reads and publishes SRTP (keys by MIKEY) over TCP and UDP, and
 * FFmpeg, which has no MIKEY, reads plain RTP inside TLS.
 */
class SecureInteropTest {
    private static final int PUBLISH_SECONDS = 12;
    private static final int READ_SECONDS = 5;
    /** At 30 fps, a reader of {@link #READ_SECONDS} s that starts at a keyframe boundary decodes most of 150 pictures. */
    private static final int MIN_DECODED = 60;

    @TempDir
    Path dir;
    private final List<Runnable> cleanup = new ArrayList<>();
    private RtspServer server;
    private PathRegistry paths;

    @BeforeAll
    static void clientsAreInstalled() {
        Ffmpeg.requireOnPath();
        Gst.requireOnPath();
    }

    @AfterEach
    void stop() {
        cleanup.forEach(Runnable::run);
        if (server != null) {
            server.close();
        }
    }

    private void startServer() throws Exception {
        int udp = Loopback.freeUdpPair();
        ServerConfig config = ServerConfig.builder()
                .rtspAddress(new InetSocketAddress(Loopback.address(), 0))
                .udpAddresses(new InetSocketAddress(Loopback.address(), udp),
                        new InetSocketAddress(Loopback.address(), udp + 1))
                .tlsContext(TlsCredentials.selfSigned().context())
                .build();
        paths = new PathRegistry();
        server = RtspServers.start(config, s -> new PublishingHandler(s, paths));
    }

    private String url(String path) {
        return "rtsps://127.0.0.1:" + server.rtspAddress().getPort() + path;
    }

    private void awaitRecording(String path, Process publisher, String report) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (paths.stream(path).isEmpty()) {
            if (!publisher.isAlive() || System.nanoTime() > deadline) {
                fail("the publisher did not start recording on " + path + "\n" + report);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void gstreamerReadsSrtpOverTcpAndUdpAndFfmpegReadsInsideTls() throws Exception {
        startServer();
        String url = url("/secure");
        Ffmpeg.Run publisher = Ffmpeg.publish(dir, "publisher", url, "tcp", PUBLISH_SECONDS, Ffmpeg.Audio.AAC);
        cleanup.add(publisher::kill);
        awaitRecording("/secure", publisher.process(), publisher.report());

        Gst.Run gstTcp = Gst.read(dir, "gst-srtp-tcp", url, "tcp", READ_SECONDS);
        Gst.Run gstUdp = Gst.read(dir, "gst-srtp-udp", url, "udp", READ_SECONDS);
        Ffmpeg.Run ffmpeg = Ffmpeg.read(dir, "ffmpeg-tls-tcp", url, "tcp", READ_SECONDS - 1);
        cleanup.add(gstTcp::kill);
        cleanup.add(gstUdp::kill);
        cleanup.add(ffmpeg::kill);
        gstTcp.awaitEnd(Duration.ofSeconds(30));
        gstUdp.awaitEnd(Duration.ofSeconds(30));
        if (ffmpeg.awaitExit(Duration.ofSeconds(30)) != 0) {
            fail("FFmpeg could not read inside TLS\n" + ffmpeg.report() + "\npublisher (alive: "
                    + publisher.process().isAlive() + "):\n" + publisher.report());
        }

        System.out.println("RTSPS readers decoded: gstreamer srtp/tcp=" + gstTcp.decodedBuffers() + " gstreamer srtp/udp="
                + gstUdp.decodedBuffers() + " ffmpeg rtp-in-tls/tcp=" + ffmpeg.frames());
        assertTrue(gstTcp.decodedBuffers() >= MIN_DECODED, "GStreamer over TCP with SRTP decoded too little\n" + gstTcp.report());
        assertTrue(gstUdp.decodedBuffers() >= MIN_DECODED, "GStreamer over UDP with SRTP decoded too little\n" + gstUdp.report());
        assertTrue(ffmpeg.frames() >= MIN_DECODED, "FFmpeg inside TLS decoded too little\n" + ffmpeg.report());
    }

    @Test
    void gstreamerPublishesSrtpAndFfmpegPlaysIt() throws Exception {
        startServer();
        String url = url("/from-gst");
        Gst.Run publisher = Gst.publish(dir, "gst-publisher", url, "udp", "savp", PUBLISH_SECONDS);
        cleanup.add(publisher::kill);
        awaitRecording("/from-gst", publisher.process(), publisher.report());

        Ffmpeg.Run reader = Ffmpeg.read(dir, "ffmpeg-reader", url, "tcp", READ_SECONDS - 1);
        cleanup.add(reader::kill);
        reader.awaitSuccess(Duration.ofSeconds(30));
        System.out.println("FFmpeg decoded " + reader.frames() + " pictures of an SRTP publisher");
        assertTrue(reader.frames() >= MIN_DECODED, "FFmpeg decoded too little of the SRTP publisher\n" + reader.report()
                + "\n" + publisher.report());
    }
}
