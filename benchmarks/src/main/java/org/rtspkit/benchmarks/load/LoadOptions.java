package org.rtspkit.benchmarks.load;

import java.net.URI;
import java.util.Locale;

/** The load tool's command line. */
record LoadOptions(
        URI url,
        URI readUrl,
        int readers,
        boolean udpReaders,
        String publish,
        int rate,
        int size,
        String format,
        double duration,
        double warmup,
        double drain,
        int threads,
        long serverPid,
        String droppedUrl,
        String droppedMetric,
        String raw,
        boolean json,
        String label,
        int receiveBuffer,
        String rawSend,
        String rawJava) {

    static final String USAGE = """
            Usage: load [flags]

            Publishes a synthetic video stream to an RTSP server and reads it back with many readers
            (a few NIO selector threads), then reports what each reader got, lost and got out of order
            (from RTP sequence numbers), the publisher-to-reader latency, and the server's CPU time per
            delivered packet.

            Flags:
              --url URL             the stream, e.g. rtsp://127.0.0.1:8554/load (required unless --raw)
              --read-url URL        where readers play it, when not at --url (e.g. a server with
                                    separate publish and play mounts)
              --readers N           readers (default 10)
              --transport udp|tcp   how readers get the media (default udp)
              --publish tcp|udp|none  how the publisher sends: interleaved in its RTSP connection (default),
                                    over UDP, or not at all (read a path someone else publishes)
              --rate N              packets per second published (default 1000)
              --size BYTES          RTP packet size, header included (default 1400, at least 33)
              --format h264|generic the announced format: H264/90000 (default) or x-rtspkit-load/90000
              --warmup SECONDS      run before the measurement window (default 2)
              --duration SECONDS    the measurement window (default 10)
              --drain SECONDS       wait after the publisher stops, for packets in flight (default 1)
              --threads N           reader selector threads (default 2)
              --server-pid PID      the server process, for its CPU time (utime+stime from /proc)
              --dropped-url URL     a Prometheus text endpoint, scraped before and after the run ...
              --dropped-metric RE   ... summing the series whose metric name matches RE (default .*drop.*):
                                    packets the server counted as dropped for slow readers
              --raw udp|tcp         no RTSP server: start the raw send loop (RawSender) as a separate process
                                    and read from it over UDP or TCP; its pid is the server pid
              --raw-send channel|sendmmsg|gso  how the raw send loop sends to UDP readers: one
                                    DatagramChannel.send per packet per reader (default), one sendmmsg per
                                    packet, or GSO bursts in one sendmmsg (the last two need JDK 22+)
              --raw-java PATH       the java command for the raw send loop (default: the load tool's own)
              --rcvbuf BYTES        SO_RCVBUF of UDP reader sockets (default 4194304; capped by net.core.rmem_max)
              --json                also print the result as one line of JSON (last line of stdout)
              --label NAME          the name of the server in the JSON line (default: rtsp, or raw)

            Exit status: 0 when every reader got packets and every lost packet was counted (by the server's
            drop metric, or by the kernel on the reader's UDP socket); 1 otherwise, or when the run failed;
            2 for a bad command line.
            """;

    private static final java.util.Set<String> FLAGS_WITH_VALUE = java.util.Set.of("--url", "--read-url", "--readers",
            "--transport", "--publish", "--rate", "--size", "--format", "--duration", "--warmup", "--drain",
            "--threads", "--server-pid", "--dropped-url", "--dropped-metric", "--raw", "--rcvbuf", "--label",
            "--raw-send", "--raw-java");

    static LoadOptions parse(String[] args) {
        URI url = null;
        URI readUrl = null;
        int readers = 10;
        boolean udp = true;
        String publish = "tcp";
        int rate = 1000;
        int size = 1400;
        String format = "h264";
        double duration = 10;
        double warmup = 2;
        double drain = 1;
        int threads = 2;
        long pid = -1;
        String droppedUrl = null;
        String droppedMetric = ".*drop.*";
        String raw = null;
        boolean json = false;
        String label = null;
        int rcvbuf = 4 << 20;
        String rawSend = "channel";
        String rawJava = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (a.equals("--help") || a.equals("-h")) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (a.equals("--json")) {
                json = true;
                continue;
            }
            if (!FLAGS_WITH_VALUE.contains(a)) {
                throw new IllegalArgumentException("unknown flag " + a);
            }
            if (v == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                v = args[++i];
            }
            switch (a) {
                case "--url" -> url = URI.create(v);
                case "--read-url" -> readUrl = URI.create(v);
                case "--readers" -> readers = Integer.parseInt(v);
                case "--transport" -> udp = transport(v);
                case "--publish" -> publish = oneOf(v, "--publish", "tcp", "udp", "none");
                case "--rate" -> rate = Integer.parseInt(v);
                case "--size" -> size = Integer.parseInt(v);
                case "--format" -> format = oneOf(v, "--format", "h264", "generic");
                case "--duration" -> duration = Double.parseDouble(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                case "--drain" -> drain = Double.parseDouble(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--server-pid" -> pid = Long.parseLong(v);
                case "--dropped-url" -> droppedUrl = v;
                case "--dropped-metric" -> droppedMetric = v;
                case "--raw" -> {
                    raw = oneOf(v, "--raw", "udp", "tcp");
                    udp = raw.equals("udp");
                }
                case "--rcvbuf" -> rcvbuf = Integer.parseInt(v);
                case "--label" -> label = v;
                case "--raw-send" -> rawSend = oneOf(v, "--raw-send", "channel", "sendmmsg", "gso");
                case "--raw-java" -> rawJava = v;
                default -> throw new IllegalArgumentException("unknown flag " + a);
            }
        }
        if (url == null && raw == null) {
            throw new IllegalArgumentException("--url is required (or --raw udp|tcp)");
        }
        if (readUrl == null) {
            readUrl = url;
        }
        if (url != null && (!"rtsp".equals(url.getScheme()) || !"rtsp".equals(readUrl.getScheme()))) {
            throw new IllegalArgumentException("--url must be rtsp://host:port/path");
        }
        if (raw != null && publish.equals("none")) {
            throw new IllegalArgumentException("--raw needs the publisher");
        }
        if (raw != null && publish.equals("udp")) {
            throw new IllegalArgumentException("--raw takes the publisher's packets over TCP only");
        }
        if (readers < 1 || rate < 1 || threads < 1 || duration <= 0 || warmup < 0 || drain < 0) {
            throw new IllegalArgumentException("--readers, --rate, --threads and --duration must be positive");
        }
        if (size < SyntheticPacket.MIN_SIZE || size > 65_000) {
            throw new IllegalArgumentException("--size must be between " + SyntheticPacket.MIN_SIZE + " and 65000");
        }
        if (label == null) {
            label = raw != null ? "raw" : "rtsp";
        }
        return new LoadOptions(url, readUrl, readers, udp, publish, rate, size, format, duration, warmup, drain, threads,
                pid, droppedUrl, droppedMetric, raw, json, label, rcvbuf, rawSend, rawJava);
    }

    private static boolean transport(String v) {
        return oneOf(v, "--transport", "udp", "tcp").equals("udp");
    }

    private static String oneOf(String v, String flag, String... allowed) {
        String lower = v.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(lower)) {
                return a;
            }
        }
        throw new IllegalArgumentException(flag + " takes " + String.join(", ", allowed) + "; got " + v);
    }
}
