package org.rtspkit.transport.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rtspkit.testkit.NetworkNamespace;
import org.rtspkit.testkit.Tools;

/**
 * {@link NamespaceChecks} in a network namespace created for each run, its {@code lo} set up by
 * {@code tc} or {@code ip} first. The child JVM is this one's, with this module's classes and the
 * test classes on its class path (so native access is granted to {@code ALL-UNNAMED}).
 */
@Tag("ffm")
class NamespaceTest {
    private static final String WHY = "the send-buffer and GSO-refusal tests run in a private network namespace and";

    @BeforeAll
    static void available() {
        assertTrue(LinuxUdp.availability().available(), LinuxUdp.availability().description());
    }

    @Test
    void aFullSendBuffer() {
        Path tc = Tools.require("tc", WHY, "iproute2");
        run("\"" + tc + "\" qdisc add dev lo root tbf rate 1mbit burst 1600 latency 2s || exit "
                + NetworkNamespace.SETUP_FAILED, NamespaceChecks.FULL_BUFFER);
    }

    @Test
    void aGsoMessageTheKernelRefuses() {
        run("\"$IP\" link set lo mtu 1500 || exit " + NetworkNamespace.SETUP_FAILED, NamespaceChecks.SMALL_MTU);
    }

    private static void run(String setup, String mode) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = root(LinuxUdp.class) + File.pathSeparator + root(NamespaceChecks.class);
        String script = "IP=\"$(command -v ip)\"\n" + setup + "\nexec \"" + java + "\" -XX:TieredStopAtLevel=1"
                + " --enable-native-access=ALL-UNNAMED -cp \"" + classPath + "\" " + NamespaceChecks.class.getName()
                + " " + mode + "\n";
        NetworkNamespace.Result result = NetworkNamespace.runScript(Path.of("."), script, Duration.ofSeconds(60));
        List<String> expected = new ArrayList<>();
        for (String name : NamespaceChecks.checks(mode).keySet()) {
            expected.add("PASS " + name);
        }
        List<String> passed = result.output().lines().filter(l -> l.startsWith("PASS ")).toList();
        assertEquals(expected, passed, result.describe());
        assertEquals(0, result.exitCode(), result.describe());
    }

    /** The directory {@code type}'s package tree starts in (target/classes or target/test-classes). */
    private static String root(Class<?> type) {
        URL url = type.getResource(type.getSimpleName() + ".class");
        try {
            Path root = Path.of(url.toURI()).getParent();
            for (int i = 0; i < type.getPackageName().split("\\.").length; i++) {
                root = root.getParent();
            }
            return root.toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new AssertionError("cannot tell where " + type + " was loaded from: " + url, e);
        }
    }
}
