package org.rtspkit.benchmarks.load;

import com.google.common.util.concurrent.Uninterruptibles;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load of scripts/soak: publishers and readers with random churn against a running RTSP server,
 * through the load tool's {@link RtspConnection}.
 *
 * <p>Publishers ANNOUNCE an H264 path, RECORD over TCP or UDP and send numbered RTP packets at a
 * steady rate; now and then one leaves (TEARDOWN, close or reset) and comes back. Readers join a
 * path over TCP or UDP, read for a random while and leave by TEARDOWN, close, reset, or (UDP) by
 * vanishing. Every reader checks what it received against the publisher's numbering, between the
 * first and the last packet it saw: delivered = offered - gaps, with duplicates and reordering
 * counted apart. TCP cannot lose a packet between server and reader, so a TCP gap is a packet the
 * server dropped for a slow reader (or lost); UDP gaps include what the network lost. With
 * {@code --server-pid} the server process's descriptors, threads and resident memory are sampled.
 */
public final class SoakLoad {
    private static final int PACKETS_PER_SECOND = 200;
    private static final int PAYLOAD = 600;
    private static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=soak\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=control:trackID=0\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1; profile-level-id=64001F; "
            + "sprop-parameter-sets=Z2QAH6zZQFAFuwEQAAADABAAAAMDwPGDGWA=,aOvjyyLA\r\n";

    private final String host;
    private final int port;
    private final long durationMillis;
    private final int publisherCount;
    private final int readerTarget;
    private final long serverPid;
    private final long settleMillis;
    private volatile boolean running = true;

    private final Map<String, Publisher> livePublishers = new ConcurrentHashMap<>();
    private final List<Reader> liveReaders = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    // Totals.
    private final AtomicLong publisherSessions = new AtomicLong();
    private final AtomicLong packetsSent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, AtomicLong> readersByKind = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> offered = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> delivered = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gaps = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong endedByServer = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();

    private SoakLoad(String host, int port, long durationMillis, int publishers, int readers, long serverPid,
                     long settleMillis) {
        this.host = host;
        this.port = port;
        this.durationMillis = durationMillis;
        this.publisherCount = publishers;
        this.readerTarget = readers;
        this.serverPid = serverPid;
        this.settleMillis = settleMillis;
    }

    public static void main(String[] args) throws Exception {
        String rtsp = "127.0.0.1:18554";
        long seconds = 60;
        int publishers = 4;
        int readers = 40;
        long pid = -1;
        long settle = 65;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rtsp" -> rtsp = args[++i];
                case "--duration" -> seconds = Long.parseLong(args[++i]);
                case "--publishers" -> publishers = Integer.parseInt(args[++i]);
                case "--readers" -> readers = Integer.parseInt(args[++i]);
                case "--server-pid" -> pid = Long.parseLong(args[++i]);
                case "--settle" -> settle = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: SoakLoad [--rtsp HOST:PORT] [--duration SECONDS] [--publishers N]"
                            + " [--readers N] [--server-pid PID] [--settle SECONDS]");
                    System.exit(2);
                }
            }
        }
        int colon = rtsp.lastIndexOf(':');
        new SoakLoad(rtsp.substring(0, colon), Integer.parseInt(rtsp.substring(colon + 1)), seconds * 1000,
                publishers, readers, pid, settle * 1000).run();
    }

    private void run() throws Exception {
        long start = System.currentTimeMillis();
        ProcessSample before = ProcessSample.of(serverPid);
        long liveHeapBefore = liveHeapKiB(serverPid);
        for (int i = 0; i < publisherCount; i++) {
            String path = "/soak-" + i;
            spawn("publisher " + path, () -> publisherLoop(path));
        }
        Thread.sleep(1000);
        List<ProcessSample> samples = new ArrayList<>();
        long nextSample = start;
        while (System.currentTimeMillis() - start < durationMillis) {
            // Keep about the target number of readers, each on a path that has a publisher.
            while (liveReaders.size() < readerTarget && !livePublishers.isEmpty()) {
                List<String> paths = new ArrayList<>(livePublishers.keySet());
                String path = paths.get(ThreadLocalRandom.current().nextInt(paths.size()));
                boolean udp = ThreadLocalRandom.current().nextBoolean();
                Reader r = new Reader(path, udp);
                liveReaders.add(r);
                spawn("reader " + path, () -> r.run());
            }
            if (System.currentTimeMillis() >= nextSample) {
                ProcessSample s = ProcessSample.of(serverPid);
                samples.add(s);
                System.err.printf(Locale.ROOT, "[%3ds] publishers %d, readers %d, sent %d, delivered %d%s%n",
                        (System.currentTimeMillis() - start) / 1000, livePublishers.size(), liveReaders.size(),
                        packetsSent.get(), total(delivered), s.describe());
                nextSample += 10_000;
            }
            Thread.sleep(50);
        }
        running = false;
        for (Thread t : threads) {
            t.join(15_000);
        }
        ProcessSample stopped = ProcessSample.of(serverPid);
        // Readers that vanished over UDP end at the server's idle timeout (60 s by default), and idle
        // request workers at a minute: what the server holds after that is what it kept.
        System.err.printf(Locale.ROOT, "load stopped%s; settling for %d s%n", stopped.describe(), settleMillis / 1000);
        Thread.sleep(settleMillis);
        ProcessSample after = ProcessSample.of(serverPid);
        long liveHeapAfter = liveHeapKiB(serverPid);
        report(start, before, samples, stopped, after);
        if (liveHeapBefore >= 0 && liveHeapAfter >= 0) {
            System.out.printf(Locale.ROOT, "server heap after a full GC: %.1f MiB before the load, %.1f MiB after it%n",
                    liveHeapBefore / 1024.0, liveHeapAfter / 1024.0);
        }
    }

    private void spawn(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                System.err.println(name + ": " + e);
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    // ---------------------------------------------------------------------------------------------
    // Publishers

    private final class Publisher {
        final String path;
        final AtomicInteger nextSeq = new AtomicInteger();

        Publisher(String path) {
            this.path = path;
        }
    }

    private void publisherLoop(String path) {
        while (running) {
            Publisher p = new Publisher(path);
            boolean udp = ThreadLocalRandom.current().nextBoolean();
            long lifetime = ThreadLocalRandom.current().nextLong(20_000, 90_000);
            String url = "rtsp://" + host + ":" + port + path;
            try (RtspConnection c = connect(url); UdpPair ports = udp ? UdpPair.open() : null) {
                RtspConnection.Response a = c.request("ANNOUNCE", url, SDP, "Content-Type: application/sdp");
                if (a.status() != 200) {
                    refused.incrementAndGet();
                    sleep(1000);
                    continue;
                }
                String transport = udp
                        ? "RTP/AVP;unicast;client_port=" + ports.rtp().getLocalPort() + "-" + ports.rtcp().getLocalPort()
                                + ";mode=record"
                        : "RTP/AVP/TCP;unicast;interleaved=0-1;mode=record";
                RtspConnection.Response s = c.request("SETUP", url + "/trackID=0", null, "Transport: " + transport);
                RtspConnection.Response r = s.status() == 200 ? c.request("RECORD", url, null) : s;
                if (r.status() != 200) {
                    refused.incrementAndGet();
                    continue;
                }
                int serverRtp = udp ? LoadTool.serverPort(s.header("transport")) : -1;
                publisherSessions.incrementAndGet();
                livePublishers.put(path, p);
                long end = System.currentTimeMillis() + lifetime;
                long next = System.nanoTime();
                byte[] payload = new byte[PAYLOAD];
                while (running && System.currentTimeMillis() < end) {
                    int seq = p.nextSeq.getAndIncrement();
                    payload[0] = (byte) (seq % 30 == 0 ? 0x65 : 0x41);
                    byte[] packet = rtpPacket(seq, payload);
                    if (udp) {
                        ports.rtp().send(new DatagramPacket(packet, packet.length, new InetSocketAddress(host, serverRtp)));
                    } else {
                        c.sendFrame(0, packet);
                    }
                    packetsSent.incrementAndGet();
                    next += 1_000_000_000L / PACKETS_PER_SECOND;
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                livePublishers.remove(path, p);
                switch (ThreadLocalRandom.current().nextInt(3)) {
                    case 0 -> c.request("TEARDOWN", url, null);
                    case 1 -> c.reset();
                    default -> {
                        // just close
                    }
                }
            } catch (IOException e) {
                livePublishers.remove(path, p);
                if (running) {
                    errors.incrementAndGet();
                    System.err.println("publisher " + path + ": " + e);
                }
            }
            sleep(ThreadLocalRandom.current().nextLong(500, 3000));
        }
    }

    private static long ssrc(String transport) {
        for (String part : transport.split(";")) {
            if (part.startsWith("ssrc=")) {
                return Long.parseLong(part.substring("ssrc=".length()), 16);
            }
        }
        return -1;
    }

    private static byte[] rtpPacket(int seq, byte[] payload) {
        byte[] b = new byte[12 + payload.length];
        b[0] = (byte) 0x80;
        b[1] = 96;
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        long ts = seq * 450L;
        b[4] = (byte) (ts >> 24);
        b[5] = (byte) (ts >> 16);
        b[6] = (byte) (ts >> 8);
        b[7] = (byte) ts;
        b[8] = 0x50;
        b[9] = 0x0a;
        b[10] = 0x6b;
        b[11] = 0x01;
        System.arraycopy(payload, 0, b, 12, payload.length);
        return b;
    }

    // ---------------------------------------------------------------------------------------------
    // Readers

    private final class Reader {
        final String path;
        final boolean udp;
        /** Packets seen, by extended sequence number relative to the first one. */
        final BitSet seen = new BitSet();
        /** The stream's SSRC from the SETUP reply: packets with another come from someone else's session. */
        long ssrc = -1;
        int first = -1;
        long lastExtended = -1;
        long received;

        Reader(String path, boolean udp) {
            this.path = path;
            this.udp = udp;
        }

        void run() {
            String kind = udp ? "udp" : "tcp";
            long lifetime = ThreadLocalRandom.current().nextLong(1_000, 20_000);
            int leave = ThreadLocalRandom.current().nextInt(udp ? 4 : 3);
            String url = "rtsp://" + host + ":" + port + path;
            boolean ended = false;
            try (RtspConnection c = connect(url); UdpPair ports = udp ? UdpPair.open() : null) {
                RtspConnection.Response d = c.request("DESCRIBE", url, null, "Accept: application/sdp");
                if (d.status() != 200) {
                    refused.incrementAndGet();
                    return;
                }
                String transport = udp ? "RTP/AVP;unicast;client_port=" + ports.rtp.getLocalPort() + "-" + ports.rtcp.getLocalPort()
                        : "RTP/AVP/TCP;unicast;interleaved=0-1";
                RtspConnection.Response s = c.request("SETUP", url + "/trackID=0", null, "Transport: " + transport);
                if (s.status() != 200) {
                    refused.incrementAndGet();
                    return;
                }
                RtspConnection.Response p = c.request("PLAY", url, null);
                if (p.status() != 200) {
                    refused.incrementAndGet();
                    return;
                }
                readersByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                int serverRtcp = udp ? LoadTool.serverPort(s.header("transport")) + 1 : -1;
                ssrc = ssrc(s.header("transport"));
                long end = System.currentTimeMillis() + lifetime;
                long nextReport = 0;
                byte[] buf = new byte[2048];
                while (running && System.currentTimeMillis() < end && !ended) {
                    if (udp) {
                        if (System.currentTimeMillis() > nextReport) {
                            byte[] rr = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0x51, 0x57};
                            ports.rtcp.send(new DatagramPacket(rr, rr.length, new InetSocketAddress(host, serverRtcp)));
                            nextReport = System.currentTimeMillis() + 2000;
                        }
                        DatagramPacket dp = new DatagramPacket(buf, buf.length);
                        try {
                            ports.rtp.receive(dp);
                            onRtp(buf, 0, dp.getLength());
                        } catch (SocketTimeoutException quiet) {
                            ended = c.closedByServer();
                        }
                    } else {
                        RtspConnection.Frame f = c.readFrame();
                        if (f == null) {
                            ended = true;
                        } else if (f.channel() == 0) {
                            onRtp(f.data(), 0, f.data().length);
                        }
                    }
                }
                if (ended) {
                    endedByServer.incrementAndGet();
                } else {
                    switch (leave) {
                        case 0 -> c.request("TEARDOWN", url, null);
                        case 1 -> c.reset();
                        default -> {
                            // 2: close the connection; 3 (UDP): vanish, leaving the session to time out
                        }
                    }
                }
            } catch (IOException e) {
                if (running) {
                    errors.incrementAndGet();
                    System.err.println("reader " + path + " (" + kind + "): " + e);
                }
            } finally {
                account(kind);
                liveReaders.remove(this);
            }
        }

        private void onRtp(byte[] b, int off, int len) {
            if (len < 12) {
                return;
            }
            long packetSsrc = ((b[off + 8] & 0xffL) << 24) | ((b[off + 9] & 0xff) << 16) | ((b[off + 10] & 0xff) << 8)
                    | (b[off + 11] & 0xff);
            if (ssrc >= 0 && packetSsrc != ssrc) {
                // A reader that vanished left its session sending to these (since reused) ports.
                foreign.incrementAndGet();
                return;
            }
            int seq = ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
            if (first < 0) {
                first = seq;
                lastExtended = 0;
            }
            // Extend relative to the last packet: within half the sequence space forward or back.
            long lastSeq = (first + lastExtended) & 0xFFFF;
            int delta = (short) (seq - lastSeq);
            long extended = lastExtended + delta;
            if (extended < 0) {
                reordered.incrementAndGet();
                return;
            }
            if (seen.get((int) extended)) {
                duplicates.incrementAndGet();
                return;
            }
            if (extended < lastExtended) {
                reordered.incrementAndGet();
            }
            seen.set((int) extended);
            lastExtended = Math.max(lastExtended, extended);
            received++;
        }

        private void account(String kind) {
            if (first < 0) {
                return;
            }
            long offer = lastExtended + 1;
            offered.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(offer);
            delivered.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(received);
            gaps.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(offer - received);
        }
    }

    /** Two consecutive UDP ports, even first. */
    private record UdpPair(DatagramSocket rtp, DatagramSocket rtcp) implements AutoCloseable {
        static UdpPair open() throws IOException {
            InetAddress any = InetAddress.getByName("127.0.0.1");
            for (int attempt = 0; attempt < 100; attempt++) {
                DatagramSocket a;
                try (DatagramSocket probe = new DatagramSocket(0, any)) {
                    int p = probe.getLocalPort() & ~1;
                    probe.close();
                    a = new DatagramSocket(p, any);
                } catch (IOException busy) {
                    continue;
                }
                try {
                    DatagramSocket b = new DatagramSocket(a.getLocalPort() + 1, any);
                    a.setSoTimeout(500);
                    a.setReceiveBufferSize(1 << 20);
                    return new UdpPair(a, b);
                } catch (IOException busy) {
                    a.close();
                }
            }
            throw new IOException("no free UDP port pair");
        }

        @Override
        public void close() {
            rtp.close();
            rtcp.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Reporting

    /** The server process's descriptors, threads and resident memory, from /proc. */
    private record ProcessSample(long fds, long threads, long rssKiB) {
        static ProcessSample of(long pid) {
            if (pid <= 0) {
                return new ProcessSample(-1, -1, -1);
            }
            try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                long fds = list.count();
                long threads = -1;
                long rss = -1;
                for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (l.startsWith("Threads:")) {
                        threads = Long.parseLong(l.substring(8).trim());
                    } else if (l.startsWith("VmRSS:")) {
                        rss = Long.parseLong(l.substring(6).trim().split("\\s+")[0]);
                    }
                }
                return new ProcessSample(fds, threads, rss);
            } catch (IOException e) {
                return new ProcessSample(-1, -1, -1);
            }
        }

        String describe() {
            return fds < 0 ? "" : String.format(Locale.ROOT, "; server: %d fds, %d threads, %d MiB resident",
                    fds, threads, rssKiB / 1024);
        }
    }

    /** The server's heap in use right after a full collection (jcmd GC.run), in KiB; -1 when unknown. */
    private static long liveHeapKiB(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String p = Long.toString(pid);
            new ProcessBuilder("jcmd", p, "GC.run").redirectErrorStream(true).start().waitFor();
            Process info = new ProcessBuilder("jcmd", p, "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            info.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long total(Map<String, AtomicLong> m) {
        return m.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private static long get(Map<String, AtomicLong> m, String k) {
        AtomicLong v = m.get(k);
        return v == null ? 0 : v.get();
    }

    private void report(long start, ProcessSample before, List<ProcessSample> samples, ProcessSample stopped,
                        ProcessSample after) {
        long seconds = durationMillis / 1000;
        StringBuilder r = new StringBuilder();
        r.append(String.format(Locale.ROOT, "%nsoak: %d s against %s:%d, %d publisher paths, about %d readers at a time%n",
                seconds, host, port, publisherCount, readerTarget));
        r.append(String.format(Locale.ROOT, "publishers: %d sessions, %d packets sent (%d a second each)%n",
                publisherSessions.get(), packetsSent.get(), PACKETS_PER_SECOND));
        for (String kind : List.of("tcp", "udp")) {
            long o = get(offered, kind);
            long d = get(delivered, kind);
            long g = get(gaps, kind);
            r.append(String.format(Locale.ROOT,
                    "%s readers: %d sessions; offered %d, delivered %d, gaps %d (%.4f%%); delivered = offered - gaps: %s%n",
                    kind, get(readersByKind, kind), o, d, g, o == 0 ? 0.0 : 100.0 * g / o, o - g == d ? "yes" : "NO"));
        }
        r.append(String.format(Locale.ROOT, "duplicates %d, reordered %d, readers ended by their publisher leaving %d, "
                + "refused requests %d, client errors %d, datagrams of other sessions on reused ports %d%n",
                duplicates.get(), reordered.get(), endedByServer.get(), refused.get(), errors.get(), foreign.get()));
        if (before.fds() >= 0) {
            long maxFds = samples.stream().mapToLong(ProcessSample::fds).max().orElse(before.fds());
            long maxThreads = samples.stream().mapToLong(ProcessSample::threads).max().orElse(before.threads());
            long maxRss = samples.stream().mapToLong(ProcessSample::rssKiB).max().orElse(before.rssKiB());
            r.append(String.format(Locale.ROOT, "server process (start / peak / load stopped / %d s later): fds %d / %d / %d / %d;"
                    + " threads %d / %d / %d / %d; resident MiB %d / %d / %d / %d%n", settleMillis / 1000,
                    before.fds(), maxFds, stopped.fds(), after.fds(),
                    before.threads(), maxThreads, stopped.threads(), after.threads(),
                    before.rssKiB() / 1024, maxRss / 1024, stopped.rssKiB() / 1024, after.rssKiB() / 1024));
        }
        System.out.print(r);
    }

    private static void sleep(long millis) {
        Uninterruptibles.sleepUninterruptibly(millis, TimeUnit.MILLISECONDS);
    }

    /** A connection whose reads give up after 10 s, so that a stalled server cannot hang the soak. */
    private static RtspConnection connect(String url) throws IOException {
        RtspConnection c = new RtspConnection(URI.create(url), "rtspkit-soak");
        c.readTimeout(Duration.ofSeconds(10));
        return c;
    }
}
