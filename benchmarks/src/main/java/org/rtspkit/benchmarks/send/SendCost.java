package org.rtspkit.benchmarks.send;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.rtspkit.transport.udp.linux.BatchSender;
import org.rtspkit.transport.udp.linux.BatchUdpSocket;
import org.rtspkit.transport.udp.linux.LinuxUdp;
import org.rtspkit.transport.udp.linux.UdpDestinations;

/**
 * The CPU a process spends per UDP datagram it hands to the kernel, by way of sending: one
 * {@link DatagramChannel#send} per datagram (what rtspkit and the raw loop do today), one
 * {@code sendmmsg} per packet for all its destinations, and UDP GSO for a burst of equal-size packets
 * (to one destination with {@code sendmsg}; to several in one {@code sendmmsg}). Measured on loopback
 * against N receiving sockets held by a second process that only drains them ({@link Drain}), at a
 * fixed total rate, each method in turn within a repeat so that they share the machine's moods.
 *
 * <p>Per window it reads utime+stime of this process ({@code /proc/self/stat}, the figure the load
 * tool uses for servers) and the CPU time of the sending thread, and divides by the datagrams the
 * kernel took. Loopback runs the receive path up to the receiver's socket inside the send call, so
 * the figures include that share, the same for every method.
 *
 * <pre>
 * scripts/send-cost [--readers 1,10,100,1000] [--rate 100000] [--size 1400] [--burst 16]
 *                   [--seconds 2] [--repeats 5] [--out FILE]
 * </pre>
 */
public final class SendCost {
    private final int[] readers;
    private final double rate;
    private final int size;
    private final int burst;
    private final double seconds;
    private final int repeats;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long ticksPerSecond = clockTicksPerSecond();

    /** One measured window. */
    record Window(String method, int readers, int repeat, double processUs, double threadUs, long datagrams,
                  long received, double seconds) {
    }

    private SendCost(String[] args) {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--readers", "1,10,100,1000", "--rate", "100000",
                "--size", "1400", "--burst", "16", "--seconds", "2", "--repeats", "5"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!o.containsKey(args[i]) && !args[i].equals("--out")) {
                throw new IllegalArgumentException("unknown flag " + args[i]);
            }
            o.put(args[i], args[i + 1]);
        }
        readers = Arrays.stream(o.get("--readers").split(",")).mapToInt(Integer::parseInt).toArray();
        rate = Double.parseDouble(o.get("--rate"));
        size = Integer.parseInt(o.get("--size"));
        burst = Integer.parseInt(o.get("--burst"));
        seconds = Double.parseDouble(o.get("--seconds"));
        repeats = Integer.parseInt(o.get("--repeats"));
        out = o.get("--out");
    }

    private final String out;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--drain")) {
            Drain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        new SendCost(args).run();
    }

    /** Sends one unit of work (a packet to every reader, or a burst) and says how many datagrams that was. */
    private interface Method {
        long send() throws IOException;
    }

    private void run() throws Exception {
        if (!LinuxUdp.availability().available()) {
            throw new IllegalStateException("batched sends are " + LinuxUdp.availability().description()
                    + "; run on JDK 22+ with --enable-native-access=ALL-UNNAMED (scripts/send-cost does)");
        }
        Process drain = startDrain();
        List<Window> windows = new ArrayList<>();
        try (BufferedReader fromDrain = new BufferedReader(new InputStreamReader(drain.getInputStream(), StandardCharsets.US_ASCII));
             PrintStream toDrain = new PrintStream(drain.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            List<List<InetSocketAddress>> sets = new ArrayList<>();
            for (int n : readers) {
                String line = fromDrain.readLine();
                List<InetSocketAddress> set = new ArrayList<>();
                for (String port : line.trim().split(" ")) {
                    set.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port)));
                }
                if (set.size() != n) {
                    throw new IOException("the drain opened " + set.size() + " sockets, not " + n);
                }
                sets.add(set);
            }
            InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            try (DatagramChannel channel = DatagramChannel.open();
                 BatchUdpSocket gsoSocket = LinuxUdp.open(any, new LinuxUdp.Options(4 << 20, true));
                 BatchUdpSocket plainSocket = LinuxUdp.open(any, new LinuxUdp.Options(4 << 20, false));
                 BatchSender gso = gsoSocket.newSender(); BatchSender plain = plainSocket.newSender()) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
                channel.bind(any);
                channel.configureBlocking(false);
                System.err.printf(Locale.ROOT, "send-cost: %s; %d-byte datagrams, %.0f/s delivered, bursts of %d, "
                        + "%d repeats of %.1f s%n", LinuxUdp.availability().description(), size, rate, burst, repeats, seconds);
                for (int repeat = -1; repeat < repeats; repeat++) {
                    for (int s = 0; s < readers.length; s++) {
                        int n = readers[s];
                        List<InetSocketAddress> set = sets.get(s);
                        UdpDestinations gsoTo = gsoSocket.newDestinations(n);
                        UdpDestinations plainTo = plainSocket.newDestinations(n);
                        for (InetSocketAddress a : set) {
                            gsoTo.add(a);
                            plainTo.add(a);
                        }
                        InetSocketAddress[] to = set.toArray(new InetSocketAddress[0]);
                        ByteBuffer packet = ByteBuffer.allocateDirect(size);
                        ByteBuffer frame = ByteBuffer.allocateDirect(size * burst);
                        Map<String, Method> methods = new LinkedHashMap<>();
                        methods.put("channel", () -> {
                            long taken = 0;
                            for (InetSocketAddress d : to) {
                                packet.clear();
                                if (channel.send(packet, d) != 0) {
                                    taken++;
                                }
                            }
                            return taken;
                        });
                        methods.put("sendmmsg", () -> plain.sendToAll(packet, plainTo));
                        if (n == 1) {
                            methods.put("sendmmsg-burst", () -> plain.sendSegments(frame, size, plainTo, 0));
                            methods.put("gso", () -> gso.sendSegments(frame, size, gsoTo, 0));
                        } else {
                            methods.put("gso", () -> gso.sendSegmentsToAll(frame, size, gsoTo));
                        }
                        for (Map.Entry<String, Method> m : methods.entrySet()) {
                            int perCall = m.getKey().equals("channel") || m.getKey().equals("sendmmsg") ? n : n * burst;
                            toDrain.println("count " + s);
                            long before = Long.parseLong(fromDrain.readLine().trim());
                            Window w = window(m.getKey(), n, repeat, m.getValue(), perCall, repeat < 0 ? 0.5 : seconds);
                            Thread.sleep(150);
                            toDrain.println("count " + s);
                            long received = Long.parseLong(fromDrain.readLine().trim()) - before;
                            w = new Window(w.method(), n, repeat, w.processUs(), w.threadUs(), w.datagrams(), received,
                                    w.seconds());
                            if (repeat >= 0) {
                                windows.add(w);
                                System.err.printf(Locale.ROOT, "  [%d/%d] N=%-5d %-15s process %.3f µs/dgram, thread %.3f,"
                                                + " %d sent, %d received (%.0f/s)%n", repeat + 1, repeats, n, w.method(),
                                        w.processUs(), w.threadUs(), w.datagrams(), w.received(), w.datagrams() / w.seconds());
                            }
                        }
                        gsoTo.close();
                        plainTo.close();
                    }
                }
            }
            toDrain.println("quit");
        } finally {
            drain.destroy();
            drain.waitFor();
        }
        String report = report(windows);
        System.out.print(report);
        if (out != null) {
            Files.writeString(Path.of(out), report);
        }
    }

    private Window window(String method, int n, int repeat, Method send, int perCall, double length) throws IOException {
        double callsPerSecond = rate / perCall;
        long cpu0 = processTicks();
        long thread0 = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long calls = 0;
        long datagrams = 0;
        while (true) {
            double t = (System.nanoTime() - start) / 1e9;
            if (t >= length) {
                break;
            }
            long due = (long) (t * callsPerSecond) + 1;
            if (calls >= due) {
                LockSupport.parkNanos(200_000);
                continue;
            }
            while (calls < due) {
                datagrams += send.send();
                calls++;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long thread1 = threads.getCurrentThreadCpuTime();
        long cpu1 = processTicks();
        double processUs = (cpu1 - cpu0) * 1e6 / ticksPerSecond / Math.max(1, datagrams);
        double threadUs = (thread1 - thread0) / 1e3 / Math.max(1, datagrams);
        return new Window(method, n, repeat, processUs, threadUs, datagrams, 0, elapsed);
    }

    private String report(List<Window> windows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "# CPU per UDP datagram sent, by way of sending%n%n"
                + "- command: `scripts/send-cost --readers %s --rate %.0f --size %d --burst %d --seconds %.1f --repeats %d`%n"
                + "- %s; kernel %s; %d CPUs; load average at the end %s%n"
                + "- %s%n"
                + "- loopback, %d-byte datagrams, %.0f delivered/s in total (the publisher's rate is that / N), receivers"
                + " in a second process that only drains; each cell: median over %d repeats, methods interleaved"
                + " within each repeat%n"
                + "- process: utime+stime of the sending JVM per datagram (µs); thread: the sending thread's CPU time;"
                + " ratio: process µs against `channel` in the same repeat, median of the per-repeat ratios%n%n",
                Arrays.toString(readers).replaceAll("[\\[\\] ]", ""), rate, size, burst, seconds, repeats,
                "JDK " + Runtime.version(), System.getProperty("os.version"), Runtime.getRuntime().availableProcessors(),
                loadAverage(), LinuxUdp.availability().description(), size, rate, repeats));
        b.append("| N | method | process µs/dgram | thread µs/dgram | ratio to channel | datagrams/s | received/sent |\n");
        b.append("|---:|---|---:|---:|---:|---:|---:|\n");
        for (int n : readers) {
            List<String> methods = windows.stream().filter(w -> w.readers() == n).map(Window::method).distinct().toList();
            for (String m : methods) {
                List<Window> ws = windows.stream().filter(w -> w.readers() == n && w.method().equals(m)).toList();
                List<Double> ratios = new ArrayList<>();
                for (Window w : ws) {
                    windows.stream().filter(c -> c.readers() == n && c.repeat() == w.repeat() && c.method().equals("channel"))
                            .findFirst().ifPresent(c -> ratios.add(w.processUs() / c.processUs()));
                }
                b.append(String.format(Locale.ROOT, "| %,d | %s | %.2f | %.2f | %.2f | %,.0f | %.3f |%n", n, m,
                        median(ws.stream().map(Window::processUs).toList()),
                        median(ws.stream().map(Window::threadUs).toList()), median(ratios),
                        median(ws.stream().map(w -> w.datagrams() / w.seconds()).toList()),
                        median(ws.stream().map(w -> (double) w.received() / Math.max(1, w.datagrams())).toList())));
            }
        }
        b.append("\nEvery window (process µs/dgram by repeat):\n\n");
        for (int n : readers) {
            for (String m : windows.stream().filter(w -> w.readers() == n).map(Window::method).distinct().toList()) {
                b.append(String.format(Locale.ROOT, "- N=%d %s: %s%n", n, m, windows.stream()
                        .filter(w -> w.readers() == n && w.method().equals(m))
                        .map(w -> String.format(Locale.ROOT, "%.2f", w.processUs())).toList()));
            }
        }
        return b.toString();
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private Process startDrain() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SendCost.class.getName(), "--drain"));
        command.add(Arrays.toString(readers).replaceAll("[\\[\\] ]", ""));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static long processTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/stat", e);
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "?";
        }
    }
}
