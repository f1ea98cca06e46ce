package org.rtspkit.stream.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.SessionStats;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.spi.TransportSpec;
import org.rtspkit.stream.internal.stream.ReaderTotals;
import org.rtspkit.stream.internal.stream.Stream;

/** A reader's counters: every packet its stream offered it is sent, dropped by its queue, or dropped by its transport. */
class SessionStatsTest {
    private static final TransportSpec UDP_REPLY = new TransportSpec(TransportProtocol.UDP, TransportProfile.AVP,
            null, null, null, null, null, null, null, null, null);

    private static Media media(int pt) {
        return new Media(MediaType.VIDEO, null, false, null,
                List.of(Format.fromSdp(pt, "H264/90000", Map.of("packetization-mode", "1"))));
    }

    /** A media bound to a transport whose sink says the system refused {@code dropped} RTP packets. */
    private static SetupMedia udpMedia(Media media, int index, long dropped) {
        PacketSink sink = mock(PacketSink.class);
        when(sink.droppedRtpPackets()).thenReturn(dropped);
        MediaBinding binding = mock(MediaBinding.class);
        when(binding.sink()).thenReturn(sink);
        return new SetupMedia(media, index, binding, null, UDP_REPLY);
    }

    @Test
    void packetsTheTransportCouldNotSendAreReportedApartFromTheSentOnes() {
        SessionHost host = mock(SessionHost.class);
        Session reader = new Session("s1", host, new SessionRegistry(host), InetAddress.getLoopbackAddress());
        Stream stream = mock(Stream.class);
        // The stream queued 20 packets for the reader and its full queue refused 3 more.
        when(stream.totals(reader)).thenReturn(new ReaderTotals(20, 20 * 16, 3));
        reader.joinStream(stream);
        SessionTransport udp = new SessionTransport(TransportProtocol.UDP, TransportProfile.AVP);
        reader.setUp(udpMedia(media(96), 0, 4), udp, "/cam", "");
        reader.setUp(udpMedia(media(97), 1, 1), udp, "/cam", "");

        SessionStats stats = reader.stats();
        assertEquals(5, stats.outboundRtpPacketsDroppedByTransport(), "both medias' sinks");
        assertEquals(3, stats.outboundRtpPacketsDropped());
        assertEquals(15, stats.outboundRtpPackets(), "queued less what the sockets refused");
        assertEquals(23, stats.outboundRtpPackets() + stats.outboundRtpPacketsDropped()
                + stats.outboundRtpPacketsDroppedByTransport(), "offered");
    }
}
