package org.rtspkit.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rtspkit.testkit.NetworkNamespace;

/**
 * The multicast socket checks of {@link MulticastNamespaceChecks}, run in a child JVM inside a network
 * namespace created for this run (see rtsp-testkit's {@link NetworkNamespace}), one dynamic test per check. Multicast
 * never leaves the machine: in the namespace the only interface is loopback, and the child refuses to
 * start otherwise.
 */
class MulticastNamespaceTest {

    @TestFactory
    Stream<DynamicTest> withOnlyLoopbackUp() throws IOException {
        return runChecks(true, MulticastNamespaceChecks.LOOPBACK);
    }

    @TestFactory
    Stream<DynamicTest> withNoInterfaceUp() throws IOException {
        return runChecks(false, MulticastNamespaceChecks.NO_INTERFACE);
    }

    private static Stream<DynamicTest> runChecks(boolean loopbackUp, String mode) throws IOException {
        String parentNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        NetworkNamespace.Result result = NetworkNamespace.runJava(loopbackUp, MulticastNamespaceChecks.class, mode, parentNamespace);
        List<String> expected = new ArrayList<>(MulticastNamespaceChecks.checks(mode).keySet());
        Map<String, String> failures = new LinkedHashMap<>();
        List<String> passed = new ArrayList<>();
        String current = null;
        for (String line : result.output().lines().toList()) {
            if (line.startsWith("PASS ")) {
                current = null;
                passed.add(line.substring(5));
            } else if (line.startsWith("FAIL ")) {
                String rest = line.substring(5);
                String name = expected.stream().filter(n -> rest.startsWith(n + ": ")).findFirst().orElse(rest);
                current = name;
                failures.put(name, line);
            } else if (current != null && line.startsWith("  ")) {
                failures.merge(current, line, (a, b) -> a + "\n" + b);
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : expected) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (failures.containsKey(name)) {
                    fail(failures.get(name));
                }
                if (!passed.contains(name)) {
                    fail("the check did not run in the namespace child.\n" + result.describe());
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("namespace child ran every check and exited 0", () -> {
            if (result.exitCode() != 0 || !result.output().contains("\nDONE")) {
                fail(result.describe());
            }
            assertEquals(expected.size(), passed.size() + failures.size(), result.describe());
        }));
        return tests.stream();
    }
}
