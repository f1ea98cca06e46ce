package org.rtspkit.server.config;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks at the configuration file every {@code period} and calls back when its content changed. The
 * content is compared, not the modification time: editors that save by renaming, a file replaced
 * through a symbolic link (a Kubernetes ConfigMap) and a touch without a change all work alike. A file
 * that cannot be read is a change too (the callback says why), reported once until it changes again.
 */
public final class ConfigWatcher implements AutoCloseable {
    /** How often the file is looked at: the delay between saving a change and its taking effect. */
    public static final Duration PERIOD = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(ConfigWatcher.class.getName());

    private final ScheduledExecutorService timer;

    private ConfigWatcher(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts watching; {@code onChange} runs on the watcher's daemon thread, one call at a time. */
    public static ConfigWatcher start(Path file, Duration period, Runnable onChange) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                new ThreadFactoryBuilder().setNameFormat("rtspkit-config").setDaemon(true).build());
        byte[][] last = {content(file)};
        timer.scheduleWithFixedDelay(() -> {
            try {
                byte[] now = content(file);
                if (!Arrays.equals(now, last[0])) {
                    last[0] = now;
                    onChange.run();
                }
            } catch (RuntimeException e) {
                // A failure must not end the schedule (an exception would cancel every later run).
                LOG.log(Level.WARNING, "cannot apply the configuration file " + file + ": " + e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new ConfigWatcher(timer);
    }

    /** The file's bytes; null when it cannot be read. */
    private static byte[] content(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
