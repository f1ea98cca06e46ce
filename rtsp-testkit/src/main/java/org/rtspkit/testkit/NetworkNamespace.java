package org.rtspkit.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a program inside a network namespace of its own, so that the multicast it sends or joins can
 * never reach the machine's real interfaces. The namespace lives as long as the program: {@code unshare
 * -n} creates it and {@code ip} brings its loopback interface up and routes 224.0.0.0/4 to it (without
 * that route, readers that join without naming an interface, FFmpeg among them, cannot).
 *
 * <p>Two kinds of program: a Java main class, started in a child JVM with this JVM's classes (the
 * engine's multicast checks, the multicast socket checks), or a bash script (a server and real
 * clients started together). Needs {@code unshare} (util-linux) and {@code ip} (iproute2), and root or
 * unprivileged user namespaces; a missing tool is a test failure that says what to install, never a
 * skip.
 */
public final class NetworkNamespace {
    /** What the script's {@code exit} status is when the namespace's network could not be set up. */
    public static final int SETUP_FAILED = 90;

    private static final Duration JAVA_TIMEOUT = Duration.ofSeconds(120);
    private static final String WHY = "the multicast tests run in a private network namespace and";

    /**
     * What the program printed (standard output and error together) and how it ended.
     *
     * @param command the command line, shortened for messages
     */
    public record Result(String command, int exitCode, String output) {
        /** The command, its exit status and its output, with a hint when the namespace could not be made. */
        public String describe() {
            String hint = output.contains("unshare:")
                    ? "\n(creating a network namespace needs root, or unprivileged user namespaces for `unshare -rn`)"
                    : exitCode == SETUP_FAILED ? "\n(the namespace's loopback interface or multicast route could not be set up)"
                    : "";
            return "command: " + command + "\nexit status: " + exitCode + hint + "\noutput:\n" + output;
        }
    }

    private NetworkNamespace() {
    }

    /**
     * Runs {@code mainClass} with {@code args} in a child JVM in a new network namespace. The child's
     * class path is this JVM's module path and class path (the module's classes, its dependencies, the
     * test classes): on the class path, services are found through their META-INF/services files.
     *
     * @param loopbackUp whether to bring {@code lo} up and route multicast to it; false leaves the
     *                   namespace without any usable interface
     */
    public static Result runJava(boolean loopbackUp, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(classPath(mainClass));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return run(loopbackUp, command, null, JAVA_TIMEOUT, mainClass.getSimpleName() + " " + String.join(" ", args));
    }

    /**
     * Runs a bash script in a new network namespace whose loopback interface is up with multicast
     * routed to it, in {@code dir}; PATH includes the sbin directories. The script ends with the exit
     * status it chooses ({@link #SETUP_FAILED} is taken).
     *
     * @param timeout how long the script may run before it is killed and the test fails
     */
    public static Result runScript(Path dir, String script, Duration timeout) {
        List<String> command = List.of(Tools.require("bash", WHY, "bash").toString(), "-c",
                "export PATH=\"$PATH:/usr/sbin:/sbin\"\n" + script);
        return run(true, command, dir, timeout, "bash script in " + dir);
    }

    private static Result run(boolean loopbackUp, List<String> program, Path dir, Duration timeout, String shownProgram) {
        Path unshare = Tools.require("unshare", WHY, "util-linux");
        Path ip = Tools.require("ip", WHY, "iproute2");
        Path sh = Tools.require("sh", WHY, "dash");
        String setup = loopbackUp
                ? "\"$IP\" link set lo up && \"$IP\" route add 224.0.0.0/4 dev lo src 127.0.0.1 || exit "
                        + SETUP_FAILED + "; exec \"$@\""
                : "exec \"$@\"";
        List<String> command = new ArrayList<>();
        command.add(unshare.toString());
        // As root, a network namespace alone; otherwise inside a user namespace where we are root.
        command.add("root".equals(System.getProperty("user.name")) ? "-n" : "-rn");
        command.add(sh.toString());
        command.add("-c");
        command.add(setup);
        command.add("sh");
        command.addAll(program);

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().put("IP", ip.toString());
        String shown = String.join(" ", command.subList(0, 2)) + " ... " + shownProgram;
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + shown + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Nothing is written to the child anyway.
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the namespace child did not finish within " + timeout.toSeconds() + " s: "
                        + shown + "\n" + output.getNow("(no output yet)"));
            }
            return new Result(shown, process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + shown, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read the output of " + shown, e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** Where the main class was loaded from, then this JVM's module path and class path. */
    private static String classPath(Class<?> mainClass) {
        Set<String> entries = new LinkedHashSet<>();
        URL self = mainClass.getResource(mainClass.getSimpleName() + ".class");
        if (self != null && "file".equals(self.getProtocol())) {
            try {
                Path root = Path.of(self.toURI()).getParent();
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
