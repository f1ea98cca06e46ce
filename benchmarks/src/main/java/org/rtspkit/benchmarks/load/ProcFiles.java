package org.rtspkit.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What Linux's /proc says about a process's CPU time and about UDP sockets' receive drops. */
final class ProcFiles {
    private ProcFiles() {
    }

    /** Clock ticks per second of /proc/PID/stat's times: {@code getconf CLK_TCK}, 100 when that fails. */
    static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the usual value
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    /** utime + stime of the process (all its threads) in clock ticks, or -1 when it cannot be read. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            // The command name may hold spaces and parentheses: count fields after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
            // Fields 14 and 15 of the whole line are the 12th and 13th after the name (state is the 3rd).
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The kernel's receive drop count of every UDP socket, by local port (summed over IPv4 and IPv6
     * and over sockets sharing a port): the last column of /proc/net/udp and /proc/net/udp6.
     */
    static Map<Integer, Long> udpDropsByPort() {
        Map<Integer, Long> drops = new HashMap<>();
        for (String file : List.of("/proc/net/udp", "/proc/net/udp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(file), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                continue;
            }
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split(" +");
                if (f.length < 13) {
                    continue;
                }
                String local = f[1];
                int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                drops.merge(port, Long.parseLong(f[f.length - 1]), Long::sum);
            }
        }
        return drops;
    }
}
