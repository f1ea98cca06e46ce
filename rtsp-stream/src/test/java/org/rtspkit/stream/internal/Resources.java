package org.rtspkit.stream.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the test JVM holds (descriptors, threads, heap), to show that a server gives back what its
 * clients made it take. Linux only, like the CI machines: descriptors are counted in /proc/self/fd.
 */
final class Resources {
    /** Descriptors the JVM may open on its own meanwhile (a jar, an entropy source). */
    static final int FD_TOLERANCE = 16;

    private static final String WORKER_PREFIX = "rtspkit-worker-";

    private Resources() {
    }

    static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the open file descriptors in /proc/self/fd", e);
        }
    }

    /**
     * The server's threads by kind, with the counter in their names removed ({@code rtspkit-io} → 2).
     * Request workers are a cached pool whose idle threads live on for a minute: they are counted
     * apart, by {@link #busyWorkers()}.
     */
    static Map<String, Integer> serverThreads() {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.startsWith("rtspkit") && !name.startsWith(WORKER_PREFIX) && t.isAlive()) {
                kinds.merge(name.replaceAll("[-0-9 /.:]+$", ""), 1, Integer::sum);
            }
        }
        return kinds;
    }

    /** Request workers that are not parked waiting for work: busy, or stuck in a handler. */
    static int busyWorkers() {
        int busy = 0;
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (t.getName().startsWith(WORKER_PREFIX) && t.isAlive() && !idleInPool(e.getValue())) {
                busy++;
            }
        }
        return busy;
    }

    private static boolean idleInPool(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")
                    && frame.getMethodName().equals("getTask")) {
                return true;
            }
        }
        return false;
    }

    /** Heap in use after collections, in bytes: what is still reachable. */
    static long retainedHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            // Runtime rather than MemoryMXBean: java.management is not a module the engine reads.
            Runtime rt = Runtime.getRuntime();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
