package org.rtspkit.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.rtspkit.api.RtspServer;
import org.rtspkit.server.demo.DemoStream;
import org.rtspkit.server.metrics.MetricsEndpoint;
import org.rtspkit.server.config.ConfigFile;
import org.rtspkit.server.config.ConfigPrinter;
import org.rtspkit.server.config.ConfigWatcher;
import org.rtspkit.server.options.AddressFlags;
import org.rtspkit.server.options.Given;
import org.rtspkit.server.options.Plugins;
import org.rtspkit.server.options.ServerOptions;
import org.rtspkit.server.options.UsageException;

/**
 * The ready-to-use server: {@code ./rtspkit-server --help} lists the flags. Exit status 0 after
 * {@code --help} or {@code --print-config}, 1 when the server cannot start (a busy port), 2 for a bad
 * command line or configuration file; a running server stops cleanly on SIGINT or SIGTERM.
 */
public final class RtspkitServer {
    static final String NAME = "rtspkit-server";

    private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

    private RtspkitServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Given flags;
        try {
            flags = ServerOptions.flags(args);
        } catch (UsageException e) {
            usageError(e.getMessage());
            return;
        }
        if (flags == null) {
            System.out.print(ServerOptions.USAGE);
            return;
        }
        // One line per record unless the user configured logging; must precede the first log call.
        if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, "%1$tF %1$tT %4$s %5$s%6$s%n");
        }
        Path configFile = flags.configFile;
        ServerOptions options;
        Plugins plugins = Plugins.found();
        try {
            Given given = flags;
            if (configFile != null) {
                given = ConfigFile.read(configFile).overriddenBy(flags);
            }
            options = ServerOptions.resolve(given);
            // What the module path lacks: its defaults go, with a line saying so; its settings are refused.
            System.Logger log = System.getLogger(RtspkitServer.class.getName());
            options = options.fitTo(plugins, line -> log.log(System.Logger.Level.INFO, line));
        } catch (UsageException e) {
            if (configFile == null) {
                usageError(e.getMessage());
            } else {
                // A mistake in the file: its position says where; the flags' usage would not help.
                fail(2, e.getMessage());
            }
            return;
        } catch (IOException e) {
            fail(2, "cannot read the configuration file " + configFile + ": " + e);
            return;
        }
        if (options.printConfig()) {
            System.out.print(ConfigPrinter.print(options));
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
        if (configFile != null) {
            // Changes to the file apply while running where they can; ConfigReload logs what it did.
            ConfigWatcher watcher = ConfigReload.watch(started, configFile, flags, plugins, ConfigWatcher.PERIOD);
            Runtime.getRuntime().addShutdownHook(new Thread(watcher::close, "rtspkit-config-stop"));
        }
        System.out.println(listeningLine(server));
        if (secure != null) {
            System.out.println(listeningLine(secure).replace("rtsp://", "rtsps://"));
        }
        if (started.metrics() != null) {
            System.out.println("rtspkit metrics on http://" + AddressFlags.authority(started.metrics().address())
                    + MetricsEndpoint.PATH);
        }
        if (demo != null) {
            System.getLogger(RtspkitServer.class.getName()).log(System.Logger.Level.INFO,
                    demoLine(server, secure, started.paths().demoPath().orElse("/demo")));
        }
        System.Logger log = System.getLogger(RtspkitServer.class.getName());
        if (options.files() != null) {
            log.log(System.Logger.Level.INFO, "files on demand: " + demoUrl("rtsp", server, "/NAME") + " plays "
                    + options.files().dir().resolve("NAME"));
        }
        if (options.record() != null) {
            log.log(System.Logger.Level.INFO, "recording every published path to " + options.record().dir()
                    .resolve("PATH") + "/START-TIME.ts, a new file every " + options.record().segment().toString()
                    .substring(2).toLowerCase(java.util.Locale.ROOT));
        }
        // The engine's threads may all be daemons: keep the JVM up until a signal arrives.
        stopped.await();
    }

    /** {@code demo stream (test picture and tone): rtsp://localhost:8554/demo} */
    static String demoLine(RtspServer server, RtspServer secure, String path) {
        String line = "demo stream (test picture and tone): " + demoUrl("rtsp", server, path);
        return secure == null ? line : line + " and " + demoUrl("rtsps", secure, path);
    }

    /** A URL to paste into a client on this machine: localhost when the listener takes every interface. */
    private static String demoUrl(String scheme, RtspServer server, String path) {
        InetSocketAddress address = server.rtspAddress();
        String authority = address.getAddress().isAnyLocalAddress() ? "localhost:" + address.getPort()
                : AddressFlags.authority(address);
        return scheme + "://" + authority + path;
    }

    /** {@code rtspkit listening on rtsp://0.0.0.0:8554 (transports: tcp, udp)} */
    static String listeningLine(RtspServer server) {
        return "rtspkit listening on rtsp://" + AddressFlags.authority(server.rtspAddress())
                + " (transports: " + String.join(", ", server.transports().stream().sorted().toList()) + ")";
    }

    private static void usageError(String message) {
        System.err.println(NAME + ": " + message);
        System.err.println();
        System.err.print(ServerOptions.USAGE);
        System.exit(2);
    }

    private static void fail(int status, String message) {
        System.err.println(NAME + ": " + message);
        System.exit(status);
    }
}
