package org.rtspkit.server.metrics;

import java.util.function.ToLongFunction;

/**
 * {@link ServerCounts} in the Prometheus text exposition format, version 0.0.4: a {@code # HELP} and
 * {@code # TYPE} line per metric, counters named {@code ..._total}, label values escaped.
 */
final class PrometheusText {
    /** The {@code Content-Type} of the format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    static String format(ServerCounts c) {
        StringBuilder b = new StringBuilder();
        header(b, "rtspkit_paths", "gauge", "Paths held by a publisher.");
        b.append("rtspkit_paths ").append(c.paths()).append('\n');
        header(b, "rtspkit_publishers", "gauge", "Publishers recording.");
        b.append("rtspkit_publishers ").append(c.publishers()).append('\n');
        header(b, "rtspkit_readers", "gauge", "Readers playing, by transport.");
        for (String transport : ServerCounts.TRANSPORTS) {
            b.append("rtspkit_readers{transport=\"").append(transport).append("\"} ")
                    .append(c.readers(transport)).append('\n');
        }
        perPath(b, c, "rtspkit_rtp_packets_received_total", "RTP packets received from the publisher of a path.",
                ServerCounts.PathCounts::received);
        perPath(b, c, "rtspkit_rtp_packets_sent_total",
                "RTP packets sent to the readers of a path, once per reader or multicast group.",
                ServerCounts.PathCounts::sent);
        perPath(b, c, "rtspkit_rtp_packets_dropped_total",
                "RTP packets of a path that a slow reader's full queue refused.", ServerCounts.PathCounts::dropped);
        return b.toString();
    }

    private static void perPath(StringBuilder b, ServerCounts c, String name, String help,
                                ToLongFunction<ServerCounts.PathCounts> value) {
        header(b, name, "counter", help);
        for (ServerCounts.PathCounts path : c.recording()) {
            b.append(name).append("{path=\"").append(labelValue(path.path())).append("\"} ")
                    .append(value.applyAsLong(path)).append('\n');
        }
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Backslash, double quote and line feed are escaped in label values; a path may hold any of them. */
    static String labelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
