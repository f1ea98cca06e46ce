package org.rtspkit.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSummaryTest {
    @Test
    void summaryLineSaysTheSameInOneLine() {
        assertEquals("summary: 2 paths, 1 publisher, 4 readers (udp 3, tcp 1, multicast 0), "
                + "RTP packets received 1500, sent 6000, dropped 7", ServerSummary.line(ServerCollectorTest.COUNTS));
        assertEquals("summary: 0 paths, 0 publishers, 0 readers (udp 0, tcp 0, multicast 0), "
                + "RTP packets received 0, sent 0, dropped 0",
                ServerSummary.line(new ServerCounts(0, 0, Map.of(), List.of())));
    }
}
