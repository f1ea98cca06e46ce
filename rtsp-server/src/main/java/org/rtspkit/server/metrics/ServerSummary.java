package org.rtspkit.server.metrics;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The line the server logs every {@code --summary-interval} seconds:
 * {@code summary: 1 path, 1 publisher, 3 readers (udp 1, tcp 2, multicast 0), RTP packets received 1500, sent 4500, dropped 0}.
 * Packet counts are those of the paths being published at that moment.
 */
public final class ServerSummary implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ServerSummary.class.getName());

    private final ScheduledExecutorService timer;

    private ServerSummary(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Logs a summary every {@code interval} on a daemon thread; nothing when the interval is zero. */
    public static ServerSummary start(Duration interval, Supplier<ServerCounts> counts) {
        if (interval.isZero()) {
            return new ServerSummary(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                new ThreadFactoryBuilder().setNameFormat("rtspkit-summary").setDaemon(true).build());
        long millis = interval.toMillis();
        timer.scheduleAtFixedRate(() -> {
            try {
                LOG.log(Level.INFO, line(counts.get()));
            } catch (RuntimeException e) {
                // A failure must not end the schedule (an exception would cancel every later run).
                LOG.log(Level.WARNING, "cannot write the summary: " + e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new ServerSummary(timer);
    }

    static String line(ServerCounts c) {
        int readers = c.readers().values().stream().mapToInt(Integer::intValue).sum();
        String byTransport = ServerCounts.TRANSPORTS.stream().map(t -> t + " " + c.readers(t))
                .collect(Collectors.joining(", "));
        return "summary: " + count(c.paths(), "path") + ", " + count(c.publishers(), "publisher") + ", "
                + count(readers, "reader") + " (" + byTransport + "), RTP packets received " + c.received()
                + ", sent " + c.sent() + ", dropped " + c.dropped();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
