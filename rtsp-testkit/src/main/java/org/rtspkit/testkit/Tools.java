package org.rtspkit.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The programs the tests drive (FFmpeg, GStreamer, {@code unshare}, {@code ip}), found on PATH and in
 * the system directories that are often left off it. A missing one fails the test with what to
 * install: the tests that need a real client never skip.
 */
public final class Tools {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private Tools() {
    }

    /**
     * The executable {@code name}.
     *
     * @param why what needs it, for the failure message ("the FFmpeg interop tests")
     * @param install the Debian packages that bring it
     * @throws AssertionError naming the program, what needs it and what to install, when it is missing
     */
    public static Path require(String name, String why, String install) {
        return require(name, why, install, searchPath());
    }

    /** As {@link #require(String, String, String)}, searching only {@code dirs}. */
    public static Path require(String name, String why, String install, Collection<String> dirs) {
        Optional<Path> found = dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
        return found.orElseThrow(() -> new AssertionError(why + " need `" + name + "`, which was not found in "
                + dirs + ". Install it with 'apt-get install -y " + install + "' (./run-tests does) and run them"
                + " again."));
    }

    /** PATH, then the system directories. */
    static Set<String> searchPath() {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SYSTEM_DIRS);
        return dirs;
    }
}
