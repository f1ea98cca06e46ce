package org.rtspkit.stream.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.StreamStats;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.stream.internal.net.IoLoop;
import org.rtspkit.stream.internal.net.SessionOutput;

/**
 * What a stream counts when it fans a packet out: queued for a reader, or dropped because that
 * reader's queue was full, never both. The readers' outputs are not started, so nothing drains them.
 */
class StreamCountingTest {
    private static final int PAYLOAD = 4;
    private static final int SIZE = RtpPacket.HEADER_SIZE + PAYLOAD;

    private final IoLoop loop = new IoLoop("test-io");
    private final ServerHandler handler = mock(ServerHandler.class);
    private final Media video = new Media(MediaType.VIDEO, null, false, null,
            List.of(Format.fromSdp(96, "H264/90000", Map.of("packetization-mode", "1"))));

    @AfterEach
    void stop() {
        loop.close();
    }

    private Stream stream() {
        StreamHost host = mock(StreamHost.class);
        when(host.config()).thenReturn(ServerConfig.builder().writeQueueSize(16).build());
        when(host.handler()).thenReturn(handler);
        return new Stream(host, new SessionDescription("test", List.of(video)), new SecureRandom(), Map.of());
    }

    /** A playing reader whose queue holds {@code capacity} packets. */
    private StreamReader reader(Stream stream, int capacity) {
        StreamReader reader = mock(StreamReader.class);
        SessionOutput output = new SessionOutput(e -> { }, capacity, loop, new PacketSink[] {mock(PacketSink.class)},
                null);
        ReaderCounters counters = new ReaderCounters();
        when(reader.output()).thenReturn(output);
        when(reader.readerCounters()).thenReturn(counters);
        when(reader.creatorAddress()).thenReturn(InetAddress.getLoopbackAddress());
        when(reader.id()).thenReturn("reader-" + capacity);
        stream.addReader(reader);
        stream.activate(reader, new int[0], null);
        return reader;
    }

    private void write(Stream stream, int packets) {
        for (int i = 0; i < packets; i++) {
            stream.writePacketRtp(video, RtpPacket.of(false, 96, i, 0, 0, new byte[PAYLOAD]));
        }
    }

    @Test
    void aPacketAFullQueueRefusedIsCountedAsDroppedNotAsSent() {
        Stream stream = stream();
        StreamReader roomy = reader(stream, 16);
        StreamReader small = reader(stream, 4);
        write(stream, 10);

        StreamStats stats = stream.stats();
        // Offered 20 times: the roomy reader queued 10, the small one 4 and refused 6.
        assertEquals(6, stats.outboundRtpPacketsDropped());
        assertEquals(14, stats.outboundRtpPackets(), "queued for readers");
        assertEquals(14L * SIZE, stats.outboundBytes());
        StreamStats.MediaStats media = stats.medias().get(video);
        assertEquals(14L * SIZE, media.outboundBytes());
        assertEquals(14, media.formats().get(96).outboundRtpPackets());

        assertEquals(new ReaderTotals(10, 10L * SIZE, 0), stream.totals(roomy));
        assertEquals(new ReaderTotals(4, 4L * SIZE, 6), stream.totals(small));
    }
}
