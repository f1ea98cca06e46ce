package org.rtspkit.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.rtspkit.api.RtspServer;
import org.rtspkit.server.demo.DemoStream;
import org.rtspkit.server.metrics.MetricsEndpoint;
import org.rtspkit.server.options.AddressFlags;
import org.rtspkit.server.options.Plugins;
import org.rtspkit.server.options.ServerOptions;
import org.rtspkit.server.options.UsageException;

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
        try {
            // What the module path lacks: its defaults go, with a line saying so; its flags are refused.
            System.Logger log = System.getLogger(RtspkitServer.class.getName());
            options = options.fitTo(Plugins.found(), line -> log.log(System.Logger.Level.INFO, line));
        } catch (UsageException e) {
            System.err.println(NAME + ": " + e.getMessage());
            System.exit(2);
            return;
        }

        RunningServer started;
        try {
            started = RunningServer.start(options);
        } catch (IllegalArgumentException e) {
            // The engine refused the combination of settings; its message names the setting.
            fail(2, e.getMessage());
            return;
        } catch (BindException e) {
            String where = BusyAddress.find(options).orElse(AddressFlags.format(options.rtspAddress()));
            fail(1, "cannot listen on " + where + ": address already in use");
            return;
        } catch (IOException | IllegalStateException e) {
            // A port that cannot be bound for another reason, or a transport missing from the module path.
            fail(1, "cannot start: " + e.getMessage());
            return;
        }

        RtspServer server = started.server();
        RtspServer secure = started.secureServer();
        DemoStream demo = started.demo();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            // Printed, not logged: java.util.logging may already have shut down its handlers.
            System.out.println("rtspkit stopped");
            stopped.countDown();
        }, "rtspkit-shutdown"));
        System.out.println(listeningLine(server));
        if (secure != null) {
            System.out.println(listeningLine(secure).replace("rtsp://", "rtsps://"));
        }
        if (started.metrics() != null) {
            System.out.println("rtspkit metrics on http://" + AddressFlags.authority(started.metrics().address())
                    + MetricsEndpoint.PATH);
        }
        if (demo != null) {
            System.getLogger(RtspkitServer.class.getName()).log(System.Logger.Level.INFO, demoLine(server, secure));
        }
        // The engine's threads may all be daemons: keep the JVM up until a signal arrives.
        stopped.await();
    }

    /** {@code demo stream (test picture and tone): rtsp://localhost:8554/demo} */
    static String demoLine(RtspServer server, RtspServer secure) {
        String line = "demo stream (test picture and tone): " + demoUrl("rtsp", server);
        return secure == null ? line : line + " and " + demoUrl("rtsps", secure);
    }

    /** A URL to paste into a client on this machine: localhost when the listener takes every interface. */
    private static String demoUrl(String scheme, RtspServer server) {
        InetSocketAddress address = server.rtspAddress();
        String authority = address.getAddress().isAnyLocalAddress() ? "localhost:" + address.getPort()
                : AddressFlags.authority(address);
        return scheme + "://" + authority + DemoStream.PATH;
    }

    /** {@code rtspkit listening on rtsp://0.0.0.0:8554 (transports: tcp, udp)} */
    static String listeningLine(RtspServer server) {
        return "rtspkit listening on rtsp://" + AddressFlags.authority(server.rtspAddress())
                + " (transports: " + String.join(", ", server.transports().stream().sorted().toList()) + ")";
    }

    private static void fail(int status, String message) {
        System.err.println(NAME + ": " + message);
        System.exit(status);
    }
}
