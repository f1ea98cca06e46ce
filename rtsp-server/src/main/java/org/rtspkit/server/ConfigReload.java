package org.rtspkit.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import org.rtspkit.server.config.ConfigChanges;
import org.rtspkit.server.config.ConfigFile;
import org.rtspkit.server.config.ConfigWatcher;
import org.rtspkit.server.options.Given;
import org.rtspkit.server.options.Plugins;
import org.rtspkit.server.options.ServerOptions;
import org.rtspkit.server.options.UsageException;

/**
 * Applies the configuration file to a running server whenever it changes: read and checked as at start,
 * laid under the same command line (flags keep overriding it), then {@link RunningServer#reconfigure}.
 * A file that no longer reads or checks leaves the running configuration as it is; the log says why,
 * and which changed settings wait for a restart.
 */
public final class ConfigReload {
    private static final System.Logger LOG = System.getLogger(ConfigReload.class.getName());

    private ConfigReload() {
    }

    /** Watches {@code file}, applying its changes to {@code server}. */
    public static ConfigWatcher watch(RunningServer server, Path file, Given flags, Plugins plugins, Duration period) {
        return ConfigWatcher.start(file, period, () -> apply(server, file, flags, plugins));
    }

    /** Reads the file now and applies it; what happened goes to the log. */
    public static ConfigChanges apply(RunningServer server, Path file, Given flags, Plugins plugins) {
        ServerOptions next;
        try {
            // The plugins' notes were logged at start; they would only repeat here.
            next = ServerOptions.resolve(ConfigFile.read(file).overriddenBy(flags)).fitTo(plugins, note -> { });
        } catch (UsageException e) {
            LOG.log(Level.WARNING, "configuration file " + file + " not applied, the server keeps the configuration"
                    + " it runs with: " + e.getMessage());
            return null;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "configuration file " + file + " cannot be read (" + e
                    + "); the server keeps the configuration it runs with");
            return null;
        }
        ConfigChanges changes = server.reconfigure(next);
        if (changes.none()) {
            LOG.log(Level.INFO, "configuration file " + file + " changed; nothing in effect changes");
        }
        if (!changes.live().isEmpty()) {
            LOG.log(Level.INFO, "configuration file " + file + " applied: " + String.join("; ", changes.live()));
        }
        if (!changes.needRestart().isEmpty()) {
            LOG.log(Level.WARNING, "configuration file " + file + ": these changes need a restart and wait for it: "
                    + String.join("; ", changes.needRestart()));
        }
        return changes;
    }
}
