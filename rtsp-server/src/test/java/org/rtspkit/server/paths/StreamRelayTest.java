package org.rtspkit.server.paths;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.StreamClosedException;

class StreamRelayTest {
    private final Media video = Media.of(MediaType.VIDEO, null, Format.fromSdp(96, "H264/90000", Map.of()));
    private final ServerStream rtsp = mock(ServerStream.class, "rtsp");
    private final ServerStream rtsps = mock(ServerStream.class, "rtsps");

    @Test
    void everyPacketReachesEveryListenersStream() {
        StreamRelay relay = new StreamRelay(List.of(rtsp, rtsps), "/cam");
        for (int i = 0; i < 3; i++) {
            RtpPacket packet = packet(i);
            relay.accept(video, packet);
            verify(rtsp).writePacketRtp(video, packet);
            verify(rtsps).writePacketRtp(video, packet);
        }
    }

    @Test
    void aStreamThatRefusesPacketsLeavesTheOthersTheirs() {
        doThrow(new IllegalArgumentException("payload type 96 is not announced"))
                .when(rtsp).writePacketRtp(any(Media.class), any(RtpPacket.class));
        StreamRelay relay = new StreamRelay(List.of(rtsp, rtsps), "/cam");
        for (int i = 0; i < 100; i++) {
            relay.accept(video, packet(i));
        }
        verify(rtsps, times(100)).writePacketRtp(any(Media.class), any(RtpPacket.class));
    }

    @Test
    void aClosedStreamIsNotAnError() {
        doThrow(new StreamClosedException()).when(rtsp).writePacketRtp(any(Media.class), any(RtpPacket.class));
        StreamRelay relay = new StreamRelay(List.of(rtsp, rtsps), "/cam");
        relay.accept(video, packet(1));
        verify(rtsps).writePacketRtp(any(Media.class), any(RtpPacket.class));
    }

    private static RtpPacket packet(int sequenceNumber) {
        return RtpPacket.of(true, 96, sequenceNumber, 3000L * sequenceNumber, 0, new byte[] {0x41, 1, 2});
    }
}
