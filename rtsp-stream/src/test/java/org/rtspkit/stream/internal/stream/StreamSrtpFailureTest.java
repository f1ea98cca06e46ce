package org.rtspkit.stream.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SrtpSuite;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.spi.SrtpProvider;
import org.rtspkit.stream.internal.net.IoLoop;
import org.rtspkit.stream.internal.net.SessionOutput;

/** A packet the SRTP key cannot protect fails the write, and gives its pooled buffers back. */
class StreamSrtpFailureTest {
    private final IoLoop loop = new IoLoop("test-io");
    private final Media video = new Media(MediaType.VIDEO, null, false, null,
            List.of(Format.fromSdp(96, "H264/90000", Map.of("packetization-mode", "1"))));

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void aPacketThatCannotBeEncryptedGoesBackToThePool() throws Exception {
        SrtpContext key = mock(SrtpContext.class);
        when(key.protectRtp(any(), anyInt(), anyInt(), any(), anyInt()))
                .thenThrow(new SrtpException(SrtpException.Reason.INDEX_UNUSABLE, "index before the stream's start"));
        SrtpProvider srtp = mock(SrtpProvider.class);
        when(srtp.createContext(any(), anyList())).thenReturn(key);
        StreamHost host = mock(StreamHost.class);
        when(host.config()).thenReturn(ServerConfig.builder().writeQueueSize(16).build());
        when(host.handler()).thenReturn(mock(ServerHandler.class));
        when(host.srtpAvailable()).thenReturn(true);
        when(host.srtp()).thenReturn(srtp);
        when(host.srtpSuite()).thenReturn(SrtpSuite.DEFAULT);
        Stream stream = new Stream(host, new SessionDescription("s", List.of(video)), new SecureRandom(), Map.of());

        StreamReader reader = mock(StreamReader.class);
        when(reader.output()).thenReturn(new SessionOutput(e -> { }, 16, loop,
                new PacketSink[] {mock(PacketSink.class)}, null));
        when(reader.readerCounters()).thenReturn(new ReaderCounters());
        when(reader.secure()).thenReturn(true);
        stream.addReader(reader);
        stream.activate(reader, new int[0], null);

        for (int i = 0; i < 5; i++) {
            RtpPacket p = RtpPacket.of(false, 96, i, 0, 0, new byte[4]);
            RtspkitException e = assertThrows(RtspkitException.class, () -> stream.writePacketRtp(video, p));
            assertTrue(e.getMessage().contains("cannot encrypt"), e.getMessage());
        }
        // The plain packet and its encrypted twin of each failed write went back, and were reused.
        assertEquals(2, stream.packetPool().freeCount());
        assertEquals(0, stream.stats().outboundRtpPackets());
    }
}
