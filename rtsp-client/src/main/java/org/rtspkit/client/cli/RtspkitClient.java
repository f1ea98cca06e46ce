package org.rtspkit.client.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.client.ClientConfig;
import org.rtspkit.client.ClientHandler;
import org.rtspkit.client.MediaStats;
import org.rtspkit.client.RtspClient;
import org.rtspkit.client.RtspClientException;
import org.rtspkit.client.RtspRefusedException;
import org.rtspkit.client.TransportMode;

/**
 * The command-line client ({@code ./rtspkit-client}): reads a stream for a while and prints what
 * arrived per media. Exit status 0 when packets arrived, 1 when the server refused or the session
 * failed, 2 for a usage error, 3 when the session went well but nothing arrived.
 */
public final class RtspkitClient {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOTHING = 3;

    private static final String USAGE_TEXT = """
            Usage: rtspkit-client read URL [flags]
                   rtspkit-client publish FILE URL   (not yet: see below)

            read: plays URL (DESCRIBE, SETUP, PLAY), prints what arrived per media, then ends the
            session (TEARDOWN). Credentials go in the URL: rtsp://user:pass@host:8554/path.
              --transport T     udp, tcp, multicast or auto (default auto: UDP, then TCP when the
                                server refuses UDP or nothing arrives within 3 s)
              --duration S      seconds to read (default 10)
              --timeout S       seconds to wait for each answer or packet (default 10)
              --insecure        rtsps://: accept any server certificate (self-signed cameras)
              --quiet           only the per-media lines

            Exit status: 0 packets arrived; 1 the server refused or the session failed;
            2 usage error; 3 nothing arrived.

            publish: publishing a file needs the RTP packetizers of the rtsp-formats module, which
            is not there yet; until then publish with the library (RtspClient.announce, setup,
            record, writePacketRtp) or with FFmpeg.
            """;

    private RtspkitClient() {
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        switch (args[0]) {
            case "read":
                return read(args, out, err);
            case "publish":
                err.println("rtspkit-client: publish is not available yet: publishing a file needs the RTP packetizers"
                        + " of the rtsp-formats module");
                return USAGE;
            default:
                err.println("rtspkit-client: unknown command '" + args[0] + "'");
                err.print(USAGE_TEXT);
                return USAGE;
        }
    }

    private static int read(String[] args, PrintStream out, PrintStream err) {
        String url = null;
        TransportMode mode = TransportMode.AUTO;
        double duration = 10;
        double timeout = 10;
        boolean insecure = false;
        boolean quiet = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            try {
                switch (a) {
                    case "--transport" -> mode = TransportMode.valueOf(value(args, ++i, a).toUpperCase(Locale.ROOT));
                    case "--duration" -> duration = Double.parseDouble(value(args, ++i, a));
                    case "--timeout" -> timeout = Double.parseDouble(value(args, ++i, a));
                    case "--insecure" -> insecure = true;
                    case "--quiet" -> quiet = true;
                    default -> {
                        if (a.startsWith("-") || url != null) {
                            err.println("rtspkit-client: unexpected argument '" + a + "'");
                            return USAGE;
                        }
                        url = a;
                    }
                }
            } catch (IllegalArgumentException e) {
                err.println("rtspkit-client: invalid value for " + a + ": " + e.getMessage());
                return USAGE;
            }
        }
        if (url == null) {
            err.println("rtspkit-client: read needs a URL");
            return USAGE;
        }
        if (duration <= 0 || timeout <= 0) {
            err.println("rtspkit-client: --duration and --timeout must be positive");
            return USAGE;
        }
        ClientConfig config = ClientConfig.builder()
                .transport(mode)
                .readTimeout(Duration.ofMillis((long) (timeout * 1000)))
                .connectTimeout(Duration.ofMillis((long) (timeout * 1000)))
                .tlsVerify(!insecure)
                .build();
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<RtspClientException> failure = new AtomicReference<>();
        boolean talk = !quiet;
        ClientHandler handler = new ClientHandler() {
            @Override
            public void onTransportChange(TransportProtocol from, TransportProtocol to, String reason) {
                if (talk) {
                    err.println("rtspkit-client: " + reason + "; now over " + name(to));
                }
            }

            @Override
            public void onClose(RtspClientException error) {
                failure.set(error);
                ended.countDown();
            }
        };
        RtspClient client;
        try {
            client = RtspClient.connect(url, config, handler);
        } catch (IllegalArgumentException e) {
            err.println("rtspkit-client: " + e.getMessage());
            return USAGE;
        } catch (RtspClientException e) {
            err.println("rtspkit-client: " + e.getMessage());
            return FAILED;
        }
        List<Media> medias;
        long started;
        try {
            medias = client.describe().medias();
            client.setupAll();
            client.play();
            started = System.nanoTime();
            if (talk) {
                err.println("rtspkit-client: reading " + client.url() + " (" + medias.size() + " media"
                        + (medias.size() == 1 ? "" : "s") + ") over " + name(client.transport()) + " for "
                        + duration + " s");
            }
        } catch (RtspRefusedException e) {
            err.println("rtspkit-client: refused: " + e.getMessage());
            client.close();
            return FAILED;
        } catch (RtspClientException e) {
            err.println("rtspkit-client: " + e.getMessage());
            client.close();
            return FAILED;
        }
        try {
            ended.await((long) (duration * 1000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<MediaStats> stats = new ArrayList<>(client.stats().medias());
        client.close();
        long total = 0;
        long lost = 0;
        for (int i = 0; i < stats.size(); i++) {
            MediaStats s = stats.get(i);
            out.println(describe(i, s));
            total += s.rtpPacketsReceived();
            lost += s.rtpPacketsLost();
        }
        if (talk) {
            out.printf(Locale.ROOT, "total: %d packets, %d lost, over %s in %.1f s%n", total, lost,
                    stats.isEmpty() ? "-" : name(stats.get(0).transport()), seconds);
        }
        RtspClientException e = failure.get();
        if (e != null) {
            err.println("rtspkit-client: the session failed: " + e.getMessage());
            return FAILED;
        }
        if (total == 0) {
            err.println("rtspkit-client: nothing arrived");
            return NOTHING;
        }
        return OK;
    }

    /** {@code media 0 (video H264/90000): 150 packets, 0 lost, 123456 bytes, 3 RTCP}. */
    static String describe(int index, MediaStats s) {
        Media m = s.media();
        StringBuilder formats = new StringBuilder();
        for (Format f : m.formats()) {
            if (formats.length() > 0) {
                formats.append(' ');
            }
            formats.append(f.rtpMap() != null ? f.rtpMap() : "pt " + f.payloadType());
        }
        return String.format(Locale.ROOT, "media %d (%s %s): %d packets, %d lost, %d bytes, %d RTCP%s",
                index, m.type().sdpName(), formats, s.rtpPacketsReceived(),
                s.rtpPacketsLost(), s.bytesReceived(), s.rtcpPacketsReceived(),
                s.rtpPacketsInError() > 0 ? ", " + s.rtpPacketsInError() + " dropped (undecodable, duplicate or late)" : "");
    }

    private static String name(TransportProtocol p) {
        if (p == null) {
            return "-";
        }
        return switch (p) {
            case UDP -> "udp";
            case TCP -> "tcp";
            case UDP_MULTICAST -> "multicast";
        };
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
