package org.rtspkit.multicast;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a child JVM inside a network namespace of its own, so that multicast sockets
 * opened by tests can never reach the machine's real interfaces. The namespace lives as long as the
 * child: {@code unshare -n} creates it, {@code ip} brings its loopback interface up and routes
 * 224.0.0.0/4 to it (without that route, readers that join without naming an interface cannot).
 *
 * <p>Needs {@code unshare} (util-linux) and {@code ip} (iproute2), and root or unprivileged user
 * namespaces; a missing tool is a test failure that says what to install, never a skip.
 */
final class NetworkNamespace {
    private static final long TIMEOUT_SECONDS = 120;
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    /** What the child printed (standard output and error together) and how it ended. */
    record Result(String command, int exitCode, String output) {
    }

    private NetworkNamespace() {
    }

    /**
     * Runs {@code mainClass} with {@code args} in a new network namespace.
     *
     * @param loopbackUp whether to bring {@code lo} up and route multicast to it; false leaves the
     *                   namespace without any usable interface
     */
    static Result run(boolean loopbackUp, Class<?> mainClass, String... args) {
        Path unshare = require("unshare", "util-linux");
        Path ip = require("ip", "iproute2");
        Path sh = require("sh", "dash (or any POSIX shell)");
        String setup = loopbackUp
                ? "\"$IP\" link set lo up && \"$IP\" route add 224.0.0.0/4 dev lo src 127.0.0.1 && exec \"$@\""
                : "exec \"$@\"";
        List<String> command = new ArrayList<>();
        command.add(unshare.toString());
        // As root, a network namespace alone; otherwise inside a user namespace where we are root.
        command.add("root".equals(System.getProperty("user.name")) ? "-n" : "-rn");
        command.add(sh.toString());
        command.add("-c");
        command.add(setup);
        command.add("sh");
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(classPath(mainClass));
        command.add(mainClass.getName());
        command.addAll(List.of(args));

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("IP", ip.toString());
        String shown = String.join(" ", command.subList(0, 5)) + " ... " + mainClass.getSimpleName() + " " + String.join(" ", args);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail("cannot start " + shown + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return fail("the namespace child did not finish within " + TIMEOUT_SECONDS + " s: " + shown
                        + "\n" + output.getNow("(no output yet)"));
            }
            return new Result(shown, process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + shown, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return fail("cannot read the output of " + shown, e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** The executable, searched on PATH and in the usual system directories (sbin is often off PATH). */
    private static Path require(String name, String pkg) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SYSTEM_DIRS);
        return require(name, pkg, dirs);
    }

    /** As {@link #require(String, String)}, searching only {@code dirs}; fails the test when absent. */
    static Path require(String name, String pkg, Set<String> dirs) {
        Optional<Path> found = dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
        return found.orElseGet(() -> fail("the multicast tests run in a private network namespace and need `" + name
                + "`, which was not found in " + dirs + ". Install the " + pkg
                + " package (Debian/Ubuntu: apt-get install -y " + pkg.split(" ")[0] + ")."));
    }

    /**
     * The child's class path: this JVM's module path and class path (the module's classes, its
     * dependencies, the test classes). On the class path the service is found through its
     * META-INF/services file and package-private test access works as in the tests themselves.
     */
    private static String classPath(Class<?> mainClass) {
        Set<String> entries = new LinkedHashSet<>();
        URL self = mainClass.getResource(mainClass.getSimpleName() + ".class");
        if (self != null && "file".equals(self.getProtocol())) {
            try {
                Path file = Path.of(self.toURI());
                Path root = file.getParent();
                for (int i = 0; i < mainClass.getPackageName().split("\\.").length; i++) {
                    root = root.getParent();
                }
                entries.add(root.toString());
            } catch (URISyntaxException e) {
                // The class path below still has the test classes when run by the build.
            }
        }
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isEmpty()) {
                        entries.add(entry);
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
