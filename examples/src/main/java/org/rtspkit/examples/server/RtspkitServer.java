package org.rtspkit.examples.server;

import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.stream.RtspServers;

/**
 * The ready-to-use server: {@code ./rtspkit-server --help} lists the flags. Exit status 0 after
 * {@code --help}, 1 when the server cannot start (a busy port), 2 for a bad command line; a running
 * server stops cleanly on SIGINT or SIGTERM.
 */
public final class RtspkitServer {
    static final String NAME = "rtspkit-server";

    private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

    private RtspkitServer() {
    }

    /** A running server and the paths it serves. */
    record Started(RtspServer server, PathRegistry paths) {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (UsageException e) {
            System.err.println(NAME + ": " + e.getMessage());
            System.err.println();
            System.err.print(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(ServerOptions.USAGE);
            return;
        }
        // One line per record unless the user configured logging; must precede the first log call.
        if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, "%1$tF %1$tT %4$s %5$s%6$s%n");
        }

        Started started;
        try {
            started = start(options);
        } catch (IllegalArgumentException e) {
            // The engine refused the combination of settings; its message names the setting.
            fail(2, e.getMessage());
            return;
        } catch (BindException e) {
            String where = BusyAddress.find(options).orElse(HostPort.format(options.rtspAddress()));
            fail(1, "cannot listen on " + where + ": address already in use");
            return;
        } catch (IOException | IllegalStateException e) {
            // A port that cannot be bound for another reason, or a transport missing from the module path.
            fail(1, "cannot start: " + e.getMessage());
            return;
        }

        RtspServer server = started.server();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // Printed, not logged: java.util.logging may already have shut down its handlers.
            System.out.println("rtspkit stopped");
            stopped.countDown();
        }, "rtspkit-shutdown"));
        System.out.println(listeningLine(server));
        // The engine's threads may all be daemons: keep the JVM up until a signal arrives.
        stopped.await();
    }

    /** Starts a server that behaves as the command line describes. */
    static Started start(ServerOptions options) throws IOException {
        PathRegistry paths = new PathRegistry();
        RtspServer server = RtspServers.start(config(options),
                started -> new PublishingHandler(started, paths, options.credentials()));
        return new Started(server, paths);
    }

    static ServerConfig config(ServerOptions options) {
        ServerConfig.Builder builder = ServerConfig.builder().rtspAddress(options.rtspAddress());
        if (options.udpEnabled()) {
            builder.udpAddresses(options.udpRtpAddress(), options.udpRtcpAddress());
        }
        return builder.build();
    }

    /** {@code rtspkit listening on rtsp://0.0.0.0:8554 (transports: tcp, udp)} */
    static String listeningLine(RtspServer server) {
        return "rtspkit listening on rtsp://" + HostPort.authority(server.rtspAddress())
                + " (transports: " + String.join(", ", server.transports().stream().sorted().toList()) + ")";
    }

    private static void fail(int status, String message) {
        System.err.println(NAME + ": " + message);
        System.exit(status);
    }
}
