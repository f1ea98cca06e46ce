package org.rtspkit.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    static final ServerCounts COUNTS = new ServerCounts(2, 1, Map.of("udp", 3, "tcp", 1),
            List.of(new ServerCounts.PathCounts("/cam", 1500, 6000, 7)));

    @Test
    void everyMetricHasHelpAndTypeAndCountersEndInTotal() {
        assertEquals("""
                # HELP rtspkit_paths Paths held by a publisher.
                # TYPE rtspkit_paths gauge
                rtspkit_paths 2
                # HELP rtspkit_publishers Publishers recording.
                # TYPE rtspkit_publishers gauge
                rtspkit_publishers 1
                # HELP rtspkit_readers Readers playing, by transport.
                # TYPE rtspkit_readers gauge
                rtspkit_readers{transport="udp"} 3
                rtspkit_readers{transport="tcp"} 1
                rtspkit_readers{transport="multicast"} 0
                # HELP rtspkit_rtp_packets_received_total RTP packets received from the publisher of a path.
                # TYPE rtspkit_rtp_packets_received_total counter
                rtspkit_rtp_packets_received_total{path="/cam"} 1500
                # HELP rtspkit_rtp_packets_sent_total RTP packets sent to the readers of a path, once per reader or multicast group.
                # TYPE rtspkit_rtp_packets_sent_total counter
                rtspkit_rtp_packets_sent_total{path="/cam"} 6000
                # HELP rtspkit_rtp_packets_dropped_total RTP packets of a path that a slow reader's full queue refused.
                # TYPE rtspkit_rtp_packets_dropped_total counter
                rtspkit_rtp_packets_dropped_total{path="/cam"} 7
                """, PrometheusText.format(COUNTS));
    }

    @Test
    void pathsAreEscapedAsLabelValues() {
        assertEquals("/a\\\\b\\\"c\\nd", PrometheusText.labelValue("/a\\b\"c\nd"));
        ServerCounts odd = new ServerCounts(1, 1, Map.of(), List.of(new ServerCounts.PathCounts("/\"x\"", 1, 2, 0)));
        String text = PrometheusText.format(odd);
        assertEquals(true, text.contains("rtspkit_rtp_packets_sent_total{path=\"/\\\"x\\\"\"} 2\n"), text);
    }

    @Test
    void noPathsLeavesCountersWithoutSamples() {
        String text = PrometheusText.format(new ServerCounts(0, 0, Map.of(), List.of()));
        assertEquals(true, text.contains("# TYPE rtspkit_rtp_packets_sent_total counter\n# HELP rtspkit_rtp_packets_dropped_total"),
                text);
    }
}
