package org.rtspkit.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The load tool: one synthetic publisher, N readers on a few selector threads, and the accounting of
 * what they got. See {@link LoadOptions#USAGE} and the README's "Load tool and comparison".
 */
public final class LoadTool {
    private final LoadOptions o;
    private final long clockTicks = ProcFiles.clockTicksPerSecond();
    private Process rawProcess;
    private InetSocketAddress rawAddress;
    private long serverPid;

    private LoadTool(LoadOptions options) {
        this.o = options;
        this.serverPid = options.serverPid();
    }

    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        int status;
        LoadTool tool = new LoadTool(options);
        try {
            status = tool.run();
        } catch (Exception e) {
            System.err.println("load: " + e);
            status = 1;
        } finally {
            tool.stopRaw();
        }
        System.exit(status);
    }

    private int run() throws Exception {
        if (o.raw() != null) {
            startRaw();
        }
        Map<String, Double> droppedBefore = o.droppedUrl() == null ? null : scrapeDropped();
        String target = o.raw() != null
                ? "raw sender at " + rawAddress.getPort() + " (pid " + serverPid + ", UDP sends: " + o.rawSend() + ")"
                : o.url().equals(o.readUrl()) ? o.url().toString() : o.url() + " read at " + o.readUrl();

        Publisher publisher = null;
        if (!o.publish().equals("none")) {
            publisher = o.raw() != null ? Publisher.raw(rawAddress, o.rate(), o.size())
                    : Publisher.rtsp(o.url(), o.publish().equals("udp"), o.format(), o.rate(), o.size());
            publisher.start();
            Thread.sleep(300);
        }

        List<ReaderLoop> loops = new ArrayList<>();
        for (int i = 0; i < o.threads(); i++) {
            ReaderLoop loop = new ReaderLoop(i);
            loops.add(loop);
            loop.thread.start();
        }
        long setupStart = System.nanoTime();
        List<Reader> readers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        setUpReaders(loops, readers, failures);
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
        if (readers.isEmpty()) {
            System.out.println("result: FAIL: no reader could start (first: " + failures.get(0) + ")");
            return 1;
        }

        long windowStart = System.nanoTime() + (long) (o.warmup() * 1e9);
        long windowEnd = windowStart + (long) (o.duration() * 1e9);
        for (ReaderLoop loop : loops) {
            loop.window(windowStart, windowEnd);
        }
        sleepUntil(windowStart);
        long cpuStart = ProcFiles.cpuTicks(serverPid);
        long selfStart = ProcFiles.cpuTicks(ProcessHandle.current().pid());
        long sentStart = publisher == null ? 0 : publisher.sent();
        sleepUntil(windowEnd);
        long cpuEnd = ProcFiles.cpuTicks(serverPid);
        long selfEnd = ProcFiles.cpuTicks(ProcessHandle.current().pid());
        long sentEnd = publisher == null ? 0 : publisher.sent();
        long published = publisher == null ? 0 : publisher.stop();
        Thread.sleep((long) (o.drain() * 1000));
        for (ReaderLoop loop : loops) {
            loop.stop();
        }
        Map<Integer, Long> dropsAfter = ProcFiles.udpDropsByPort();
        Map<String, Double> droppedAfter = o.droppedUrl() == null ? null : scrapeDropped();
        for (Reader r : readers) {
            r.close();
        }
        if (publisher != null) {
            publisher.close();
        }

        // Accounting.
        LatencyHistogram latencies = new LatencyHistogram();
        loops.forEach(l -> latencies.add(l.latencies));
        int n = readers.size();
        long[] delivered = new long[n];
        long[] lost = new long[n];
        long[] reordered = new long[n];
        long kernelDrops = 0;
        long silent = 0;
        long tail = 0;
        long lostInWindow = 0;
        long closed = 0;
        long readErrors = 0;
        String firstError = null;
        for (int i = 0; i < n; i++) {
            Reader r = readers.get(i);
            r.closeWindow();
            delivered[i] = r.deliveredInWindow();
            long tailLost = publisher != null && r.maxCounter >= 0 ? Math.max(0, published - 1 - r.maxCounter) : 0;
            tail += tailLost;
            lost[i] = r.lostInSequence() + tailLost;
            reordered[i] = r.reordered;
            lostInWindow += r.lostInWindow();
            if (r.received == 0) {
                silent++;
            }
            if (r.closedByPeer) {
                closed++;
            }
            if (r.error != null) {
                if (firstError == null) {
                    firstError = "reader " + r.index + ": " + r.error;
                }
                readErrors++;
            }
            if (r.udp) {
                kernelDrops += Math.max(0, dropsAfter.getOrDefault(r.rtpPort(), 0L) - r.kernelDropsAtOpen);
            }
        }
        long totalDelivered = Arrays.stream(delivered).sum();
        long totalLost = Arrays.stream(lost).sum();
        long serverDropped = 0;
        if (droppedBefore != null) {
            double sum = 0;
            for (var e : droppedAfter.entrySet()) {
                sum += e.getValue() - droppedBefore.getOrDefault(e.getKey(), 0.0);
            }
            serverDropped = Math.round(sum);
        }
        long uncounted = Math.max(0, totalLost - kernelDrops - serverDropped);
        double windowSeconds = (windowEnd - windowStart) / 1e9;
        double cpuSeconds = cpuStart >= 0 && cpuEnd >= 0 ? (cpuEnd - cpuStart) / (double) clockTicks : Double.NaN;
        double cpuMicrosPerPacket = totalDelivered > 0 ? cpuSeconds * 1e6 / totalDelivered : Double.NaN;
        double selfSeconds = (selfEnd - selfStart) / (double) clockTicks;
        double publishedRate = (sentEnd - sentStart) / windowSeconds;

        List<String> problems = new ArrayList<>(failures.isEmpty() ? List.of()
                : List.of(failures.size() + " readers could not start (first: " + failures.get(0) + ")"));
        if (readErrors > 0) {
            problems.add(readErrors + " readers stopped on an error (first: " + firstError + ")");
        }
        if (silent > 0) {
            problems.add(silent + " readers received nothing");
        }
        if (uncounted > 0) {
            problems.add(uncounted + " packets lost without being counted");
        }

        String transport = o.udpReaders() ? "udp" : "tcp";
        System.out.printf(Locale.ROOT, "load: %s%n", target);
        System.out.printf(Locale.ROOT, "readers: %d over %s playing (%d failed), set up in %.1f s, %d threads%n",
                n, transport, failures.size(), setupSeconds, o.threads());
        if (publisher != null) {
            System.out.printf(Locale.ROOT, "publisher: %s, %d-byte packets, %d pkt/s asked, %.0f pkt/s sent in the window, %d sent%n",
                    o.raw() != null ? "tcp" : o.publish(), o.size(), o.rate(), publishedRate, published);
        }
        System.out.printf(Locale.ROOT, "window: %.1f s after a %.1f s warm-up%n", windowSeconds, o.warmup());
        System.out.printf(Locale.ROOT, "%-26s %10s %10s %10s %12s%n", "per reader", "min", "median", "max", "total");
        row("delivered (window)", delivered);
        row("lost (whole run)", lost);
        row("reordered (whole run)", reordered);
        System.out.printf(Locale.ROOT, "lost in the window: %d; of the losses, after the last packet received: %d%n",
                lostInWindow, tail);
        System.out.printf(Locale.ROOT, "receive-buffer drops (kernel, reader UDP sockets): %d%n", kernelDrops);
        System.out.printf(Locale.ROOT, "server-counted drops: %s%n", droppedBefore == null
                ? "0 (no --dropped-url)" : serverDropped + " (" + o.droppedMetric() + " at " + o.droppedUrl() + ")");
        System.out.printf(Locale.ROOT, "lost and not counted: %d%n", uncounted);
        if (closed > 0) {
            System.out.printf(Locale.ROOT, "readers whose connection the server closed: %d%n", closed);
        }
        System.out.printf(Locale.ROOT, "delivered: %.0f pkt/s in total%n", totalDelivered / windowSeconds);
        System.out.printf(Locale.ROOT, "latency: p50 %d µs, p99 %d µs (%d packets)%n",
                latencies.percentileMicros(0.50), latencies.percentileMicros(0.99), latencies.count());
        if (serverPid > 0) {
            System.out.printf(Locale.ROOT, "server CPU: %.2f s in the window (pid %d, CLK_TCK %d) = %.3f µs per delivered packet%n",
                    cpuSeconds, serverPid, clockTicks, cpuMicrosPerPacket);
        }
        System.out.printf(Locale.ROOT, "load tool CPU: %.2f s in the window%n", selfSeconds);
        System.out.println(problems.isEmpty() ? "result: OK" : "result: FAIL: " + String.join("; ", problems));
        if (o.json()) {
            System.out.println(String.format(Locale.ROOT, "{\"label\":\"%s\",\"transport\":\"%s\",\"readers\":%d,"
                            + "\"failed\":%d,\"rate\":%d,\"size\":%d,\"window_s\":%.3f,\"published_pps\":%.1f,"
                            + "\"delivered\":%d,\"delivered_pps\":%.1f,\"lost\":%d,\"lost_in_window\":%d,\"reordered\":%d,"
                            + "\"rcvbuf_drops\":%d,\"server_dropped\":%d,\"uncounted\":%d,\"silent\":%d,"
                            + "\"p50_us\":%d,\"p99_us\":%d,\"server_cpu_s\":%s,\"cpu_us_per_packet\":%s,"
                            + "\"tool_cpu_s\":%.2f,\"raw_send\":%s,\"ok\":%b}",
                    o.label().replace("\"", ""), transport, n, failures.size(), o.rate(), o.size(), windowSeconds,
                    publishedRate, totalDelivered, totalDelivered / windowSeconds, totalLost, lostInWindow,
                    Arrays.stream(reordered).sum(), kernelDrops, serverDropped, uncounted, silent,
                    latencies.percentileMicros(0.50), latencies.percentileMicros(0.99),
                    jsonNumber(cpuSeconds, 3), jsonNumber(cpuMicrosPerPacket, 4), selfSeconds,
                    o.raw() != null ? "\"" + o.rawSend() + "\"" : "null", problems.isEmpty()));
        }
        return problems.isEmpty() ? 0 : 1;
    }

    private void setUpReaders(List<ReaderLoop> loops, List<Reader> readers, List<String> failures)
            throws InterruptedException {
        int parallel = Math.min(8, o.readers());
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<Reader>> futures = new ArrayList<>();
        for (int i = 0; i < o.readers(); i++) {
            int index = i;
            futures.add(pool.submit(() -> o.raw() != null ? rawReader(index) : rtspReader(index)));
            if (i == 0) {
                // The first reader alone: a server that prepares a path's media on its first reader (GStreamer's)
                // gets it done before the others ask.
                try {
                    futures.get(0).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // accounted below
                }
            }
        }
        for (int i = 0; i < futures.size(); i++) {
            try {
                Reader r = futures.get(i).get();
                readers.add(r);
                loops.get(i % loops.size()).add(r);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
        pool.shutdown();
        if (!failures.isEmpty()) {
            System.err.println("load: " + failures.size() + " readers failed to start; first: " + failures.get(0));
        }
    }

    /** DESCRIBE, SETUP and PLAY on one connection. */
    private Reader rtspReader(int index) throws IOException {
        RtspConnection c = new RtspConnection(o.readUrl());
        DatagramChannel[] pair = null;
        try {
            String url = withoutTrailingSlash(o.readUrl().toString());
            RtspConnection.Response d = c.request("DESCRIBE", url, null, "Accept: application/sdp");
            if (d.status() != 200) {
                throw new IOException("DESCRIBE answered " + d.status());
            }
            String base = d.header("content-base") != null ? d.header("content-base") : url;
            String setupUrl = controlUrl(base, d.body());
            String transport;
            if (o.udpReaders()) {
                pair = udpPair();
                int port = ((InetSocketAddress) pair[0].getLocalAddress()).getPort();
                transport = "RTP/AVP;unicast;client_port=" + port + "-" + (port + 1);
            } else {
                transport = "RTP/AVP/TCP;unicast;interleaved=0-1";
            }
            RtspConnection.Response s = c.request("SETUP", setupUrl, null, "Transport: " + transport);
            if (s.status() != 200) {
                throw new IOException("SETUP answered " + s.status());
            }
            int channel = o.udpReaders() ? -1 : interleavedChannel(s.header("transport"));
            RtspConnection.Response p = c.request("PLAY", withoutTrailingSlash(base), null, "Range: npt=0.000-");
            if (p.status() != 200) {
                throw new IOException("PLAY answered " + p.status());
            }
            Reader r = o.udpReaders() ? new Reader(index, c.channel(), pair[0], pair[1], -1, 0)
                    : new Reader(index, c.channel(), null, null, channel, 0);
            r.keepalive = c.encode("OPTIONS", url);
            if (!o.udpReaders() && c.leftover().hasRemaining()) {
                // Frames that came right behind the PLAY response: the loop parses them first.
                r.carry = java.nio.ByteBuffer.allocate(Math.max(4096, c.leftover().remaining()));
                r.carry.put(c.leftover());
            }
            return r;
        } catch (IOException | RuntimeException e) {
            c.close();
            if (pair != null) {
                pair[0].close();
                pair[1].close();
            }
            throw e;
        }
    }

    private Reader rawReader(int index) throws IOException {
        SocketChannel c = SocketChannel.open(rawAddress);
        if (o.udpReaders()) {
            DatagramChannel[] pair = udpPair();
            int port = ((InetSocketAddress) pair[0].getLocalAddress()).getPort();
            RawSender.handshake(c, "READ UDP " + port);
            return new Reader(index, c, pair[0], pair[1], -1, 0);
        }
        c.setOption(StandardSocketOptions.SO_RCVBUF, o.receiveBuffer());
        RawSender.handshake(c, "READ TCP");
        return new Reader(index, c, null, null, 0, 0);
    }

    /** An RTP socket on an even port and an RTCP socket on the next one, both on loopback's address family. */
    private DatagramChannel[] udpPair() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 2 * ThreadLocalRandom.current().nextInt(20_000, 30_000);
            DatagramChannel rtp = DatagramChannel.open();
            DatagramChannel rtcp = DatagramChannel.open();
            try {
                rtp.setOption(StandardSocketOptions.SO_RCVBUF, o.receiveBuffer());
                // The wildcard address: no other socket can hold the port, so the kernel's drop count for
                // the port is this socket's, and a new socket's starts at 0.
                rtp.bind(new InetSocketAddress(port));
                rtcp.bind(new InetSocketAddress(port + 1));
                return new DatagramChannel[] {rtp, rtcp};
            } catch (IOException busy) {
                rtp.close();
                rtcp.close();
            }
        }
        throw new IOException("no free even UDP port pair");
    }

    private void startRaw() throws IOException {
        String java = o.rawJava() != null ? o.rawJava() : ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        if (!o.rawSend().equals("channel")) {
            // The batched sends call the C library through the FFM API (JDK 22+), from the class path.
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RawSender.class.getName(),
                "--listen", "127.0.0.1:0", "--udp-send", o.rawSend()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        rawProcess = pb.start();
        serverPid = rawProcess.pid();
        BufferedReader out = new BufferedReader(new InputStreamReader(rawProcess.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) {
            throw new IOException("the raw sender did not start: " + line);
        }
        rawAddress = new InetSocketAddress("127.0.0.1", Integer.parseInt(line.substring("listening ".length()).trim()));
    }

    private void stopRaw() {
        if (rawProcess != null) {
            rawProcess.destroy();
            try {
                rawProcess.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The Prometheus series whose metric name matches --dropped-metric, by series (name and labels). */
    private Map<String, Double> scrapeDropped() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(o.droppedUrl()))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(o.droppedUrl() + " answered " + r.statusCode());
        }
        Pattern name = Pattern.compile(o.droppedMetric());
        Map<String, Double> series = new java.util.HashMap<>();
        for (String line : r.body().split("\n")) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int nameEnd = brace >= 0 && brace < space ? brace : space;
            int valueStart = brace >= 0 && brace < space ? line.indexOf('}') + 1 : space;
            if (nameEnd <= 0 || valueStart <= 0) {
                continue;
            }
            if (name.matcher(line.substring(0, nameEnd)).matches()) {
                String[] rest = line.substring(valueStart).trim().split("\\s+");
                try {
                    series.merge(line.substring(0, valueStart), Double.parseDouble(rest[0]), Double::sum);
                } catch (NumberFormatException ignored) {
                    // NaN or garbage: not a count
                }
            }
        }
        return series;
    }

    private static void row(String name, long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        if (s.length == 0) {
            System.out.printf(Locale.ROOT, "%-26s %10s%n", name, "-");
            return;
        }
        System.out.printf(Locale.ROOT, "%-26s %10d %10d %10d %12d%n", name, s[0], s[s.length / 2], s[s.length - 1],
                Arrays.stream(s).sum());
    }

    private static String jsonNumber(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The URL to SETUP the first media of an SDP: its a=control resolved against the base. */
    static String controlUrl(String base, String sdp) {
        String session = null;
        String media = null;
        boolean inMedia = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (inMedia) {
                    break;
                }
                inMedia = true;
            } else if (line.startsWith("a=control:")) {
                String v = line.substring("a=control:".length()).trim();
                if (inMedia) {
                    media = v;
                } else {
                    session = v;
                }
            }
        }
        String control = media != null ? media : session;
        if (control == null || control.equals("*")) {
            return withoutTrailingSlash(base);
        }
        if (control.startsWith("rtsp://") || control.startsWith("rtsps://")) {
            return control;
        }
        return base.endsWith("/") ? base + control : base + "/" + control;
    }

    static int serverPort(String transport) throws IOException {
        String v = parameter(transport, "server_port");
        if (v == null) {
            throw new IOException("no server_port in Transport: " + transport);
        }
        return Integer.parseInt(v.split("-")[0].trim());
    }

    private static int interleavedChannel(String transport) {
        String v = parameter(transport, "interleaved");
        return v == null ? 0 : Integer.parseInt(v.split("-")[0].trim());
    }

    private static String parameter(String transport, String name) {
        if (transport == null) {
            return null;
        }
        for (String part : transport.split(";")) {
            String p = part.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }
}
