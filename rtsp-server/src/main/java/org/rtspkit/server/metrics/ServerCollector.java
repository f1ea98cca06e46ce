package org.rtspkit.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The server's numbers as Prometheus metric snapshots, built at each scrape from {@link ServerCounts}:
 * the engine already keeps every counter, so nothing is counted twice on the packet path. Counter names
 * here lack {@code _total}: the Prometheus client adds it when it writes them.
 */
final class ServerCollector implements MultiCollector {
    private final Supplier<ServerCounts> counts;

    ServerCollector(Supplier<ServerCounts> counts) {
        this.counts = counts;
    }

    @Override
    public MetricSnapshots collect() {
        ServerCounts c = counts.get();
        GaugeSnapshot.Builder readers = GaugeSnapshot.builder().name("rtspkit_readers")
                .help("Readers playing, by transport.");
        for (String transport : ServerCounts.TRANSPORTS) {
            readers.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("transport", transport)).value(c.readers(transport)).build());
        }
        return MetricSnapshots.of(
                gauge("rtspkit_paths", "Paths held by a publisher.", c.paths()),
                gauge("rtspkit_publishers", "Publishers recording.", c.publishers()),
                readers.build(),
                perPath(c, "rtspkit_rtp_packets_received", "RTP packets received from the publisher of a path.",
                        ServerCounts.PathCounts::received),
                perPath(c, "rtspkit_rtp_packets_sent",
                        "RTP packets sent to the readers of a path, once per reader or multicast group.",
                        ServerCounts.PathCounts::sent),
                perPath(c, "rtspkit_rtp_packets_dropped", "RTP packets of a path that a slow reader's full queue refused.",
                        ServerCounts.PathCounts::dropped));
    }

    private static GaugeSnapshot gauge(String name, String help, long value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static CounterSnapshot perPath(ServerCounts c, String name, String help,
                                           ToLongFunction<ServerCounts.PathCounts> value) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        for (ServerCounts.PathCounts path : c.recording()) {
            counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("path", path.path())).value(value.applyAsLong(path)).build());
        }
        return counter.build();
    }
}
