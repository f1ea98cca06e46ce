package org.rtspkit.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics as the Prometheus client writes them: the names and help texts /metrics had before it. */
class ServerCollectorTest {
    static final ServerCounts COUNTS = new ServerCounts(2, 1, Map.of("udp", 3, "tcp", 1),
            List.of(new ServerCounts.PathCounts("/cam", 1500, 6000, 7)));

    @Test
    void everyMetricHasHelpAndTypeAndCountersEndInTotal() throws IOException {
        assertEquals("""
                # HELP rtspkit_paths Paths held by a publisher.
                # TYPE rtspkit_paths gauge
                rtspkit_paths 2.0
                # HELP rtspkit_publishers Publishers recording.
                # TYPE rtspkit_publishers gauge
                rtspkit_publishers 1.0
                # HELP rtspkit_readers Readers playing, by transport.
                # TYPE rtspkit_readers gauge
                rtspkit_readers{transport="multicast"} 0.0
                rtspkit_readers{transport="tcp"} 1.0
                rtspkit_readers{transport="udp"} 3.0
                # HELP rtspkit_rtp_packets_dropped_total RTP packets of a path that a slow reader's full queue refused.
                # TYPE rtspkit_rtp_packets_dropped_total counter
                rtspkit_rtp_packets_dropped_total{path="/cam"} 7.0
                # HELP rtspkit_rtp_packets_received_total RTP packets received from the publisher of a path.
                # TYPE rtspkit_rtp_packets_received_total counter
                rtspkit_rtp_packets_received_total{path="/cam"} 1500.0
                # HELP rtspkit_rtp_packets_sent_total RTP packets sent to the readers of a path, once per reader or multicast group.
                # TYPE rtspkit_rtp_packets_sent_total counter
                rtspkit_rtp_packets_sent_total{path="/cam"} 6000.0
                """, text(COUNTS, null));
    }

    @Test
    void pathsAreEscapedAsLabelValues() throws IOException {
        ServerCounts odd = new ServerCounts(1, 1, Map.of(), List.of(new ServerCounts.PathCounts("/a\\b\"c\nd", 1, 2, 0)));
        String text = text(odd, null);
        assertTrue(text.contains("rtspkit_rtp_packets_sent_total{path=\"/a\\\\b\\\"c\\nd\"} 2.0\n"), text);
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws IOException {
        String text = text(COUNTS, "application/openmetrics-text; version=1.0.0");
        assertTrue(text.contains("# TYPE rtspkit_rtp_packets_sent counter\n"), text);
        assertTrue(text.contains("rtspkit_rtp_packets_sent_total{path=\"/cam\"} 6000.0\n"), text);
        assertTrue(text.endsWith("# EOF\n"), text);
    }

    private static String text(ServerCounts counts, String accept) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ServerCollector(() -> counts));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExpositionFormats.init().findWriter(accept).write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
