package org.rtspkit.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.rtspkit.api.RtspStatus;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.BindRequest;
import org.rtspkit.spi.ControlChannel;
import org.rtspkit.spi.InboundPackets;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.MediaTransport;
import org.rtspkit.spi.PortPair;
import org.rtspkit.spi.TransportSpec;

class TcpMediaTransportTest {
    private final MediaTransport transport = new TcpTransportProvider()
            .open(ServerConfig.builder().rtspAddress(new InetSocketAddress(0)).build()).orElseThrow();
    /** The RTSP connection: what the binding writes to it and which channels it routes. */
    private final ControlChannel control = mock(ControlChannel.class);
    private final InboundPackets inbound = mock(InboundPackets.class);

    @Test
    void providerAndTransportDescribeThemselves() {
        TcpTransportProvider provider = new TcpTransportProvider();
        assertEquals("tcp", provider.name());
        assertEquals(TransportProtocol.TCP, provider.protocol());
        assertEquals(0, provider.priority());
        assertEquals("tcp", transport.name());
        assertEquals(TransportProtocol.TCP, transport.protocol());
        transport.close();
        transport.close();
    }

    @Test
    void withoutInterleavedTheServerPicksTheLowestFreeEvenPair() {
        assertEquals(new PortPair(0, 1), bind(null, Set.of()).reply().interleaved());
        assertEquals(new PortPair(2, 3), bind(null, Set.of(0, 1)).reply().interleaved());
        // A client pair 1-2 blocks both 0-1 and 2-3; 3-4 blocks 2-3 and 4-5.
        assertEquals(new PortPair(4, 5), bind(null, Set.of(1, 2)).reply().interleaved());
        assertEquals(new PortPair(6, 7), bind(null, Set.of(0, 1, 3, 4)).reply().interleaved());
    }

    @Test
    void replyCarriesProtocolProfileAndPairOnly() {
        MediaBinding binding = transport.bind(request(TransportProfile.SAVP, new PortPair(5, 6), Set.of()));
        TransportSpec expected = new TransportSpec(TransportProtocol.TCP, TransportProfile.SAVP, null, null,
                new PortPair(5, 6), null, null, null, null, null, null);
        assertEquals(expected, binding.reply());
        assertEquals(Set.of(5, 6), binding.channels());
    }

    @Test
    void clientPairIsAcceptedEvenWhenOdd() {
        assertEquals(new PortPair(5, 6), bind(new PortPair(5, 6), Set.of()).reply().interleaved());
        assertEquals(new PortPair(254, 255), bind(new PortPair(254, 255), Set.of(0, 1)).reply().interleaved());
    }

    @Test
    void clientPairThatIsNotConsecutiveOrOutOfRangeIsRefused() {
        for (PortPair bad : List.of(new PortPair(3, 5), new PortPair(1, 0), new PortPair(4, 4),
                new PortPair(255, 256), new PortPair(-1, 0))) {
            RtspStatusException e = assertThrows(RtspStatusException.class, () -> bind(bad, Set.of()), bad::toString);
            assertEquals(RtspStatus.BAD_REQUEST, e.status());
            assertEquals("invalid interleaved IDs", e.getMessage());
        }
    }

    @Test
    void clientPairOverlappingIdsInUseIsRefused() {
        for (PortPair overlapping : List.of(new PortPair(0, 1), new PortPair(1, 2))) {
            RtspStatusException e = assertThrows(RtspStatusException.class,
                    () -> bind(overlapping, Set.of(0, 1)), overlapping::toString);
            assertEquals(RtspStatus.BAD_REQUEST, e.status());
            assertEquals("interleaved IDs are in use", e.getMessage());
        }
        assertEquals(new PortPair(2, 3), bind(new PortPair(2, 3), Set.of(0, 1)).reply().interleaved());
    }

    @Test
    void noFreePairIsRefused() {
        // Every id but 255: no pair is left.
        Set<Integer> all = new HashSet<>();
        for (int i = 0; i < 255; i++) {
            all.add(i);
        }
        RtspStatusException e = assertThrows(RtspStatusException.class, () -> bind(null, all));
        assertEquals(RtspStatus.BAD_REQUEST, e.status());
    }

    @Test
    void framesCarryDollarChannelAndBigEndianLength() throws IOException {
        ByteArrayOutputStream output = connectionOutput(10_000);
        MediaBinding binding = bind(new PortPair(6, 7), Set.of());
        byte[] data = new byte[302];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }

        assertTrue(binding.sink().send(false, data, 1, 300));
        assertTrue(binding.sink().send(true, data, 0, 2));

        byte[] expected = new byte[4 + 300 + 4 + 2];
        expected[0] = '$';
        expected[1] = 6;
        expected[2] = 0x01;
        expected[3] = 0x2c;
        System.arraycopy(data, 1, expected, 4, 300);
        expected[304] = '$';
        expected[305] = 7;
        expected[306] = 0;
        expected[307] = 2;
        expected[308] = 0;
        expected[309] = 1;
        assertArrayEquals(expected, output.toByteArray());
    }

    @Test
    void fullOutputAsksToRetryAndWritesNothing() throws IOException {
        ByteArrayOutputStream output = connectionOutput(4 + 10 + 4 + 5);
        MediaBinding binding = bind(null, Set.of());

        assertTrue(binding.sink().send(false, new byte[10], 0, 10));
        assertEquals(9, control.writableBytes());
        assertFalse(binding.sink().send(false, new byte[6], 0, 6));
        assertEquals(14, output.size());
        assertTrue(binding.sink().send(true, new byte[5], 0, 5));
        assertEquals(0, control.writableBytes());
        assertFalse(binding.sink().send(true, new byte[0], 0, 0));
        assertEquals(23, output.size());
    }

    @Test
    void packetLongerThanAFrameCanSayIsAnError() {
        when(control.writableBytes()).thenReturn(1 << 20);
        MediaBinding binding = bind(null, Set.of());
        IOException e = assertThrows(IOException.class, () -> binding.sink().send(false, new byte[65_536], 0, 65_536));
        assertTrue(e.getMessage().contains("65536"), e.getMessage());
        verify(control, never()).write(any(), anyInt(), anyInt());
    }

    @Test
    void startRoutesTheClientsFramesAndStopRemovesTheRoutes() {
        MediaBinding binding = bind(new PortPair(2, 3), Set.of(0, 1));
        verify(control, never()).onInterleaved(anyInt(), any());

        binding.start();
        binding.start();
        ArgumentCaptor<ControlChannel.InterleavedReceiver> rtp = ArgumentCaptor.forClass(ControlChannel.InterleavedReceiver.class);
        ArgumentCaptor<ControlChannel.InterleavedReceiver> rtcp = ArgumentCaptor.forClass(ControlChannel.InterleavedReceiver.class);
        verify(control).onInterleaved(eq(2), rtp.capture());
        verify(control).onInterleaved(eq(3), rtcp.capture());
        byte[] frame = {9, 1, 2, 9};
        rtp.getValue().frame(frame, 1, 2);
        verify(inbound).rtp(frame, 1, 2);
        rtcp.getValue().frame(frame, 0, 1);
        verify(inbound).rtcp(frame, 0, 1);

        binding.stop();
        binding.stop();
        verify(control).removeInterleaved(2);
        verify(control).removeInterleaved(3);

        binding.start();
        verify(control, times(2)).onInterleaved(eq(2), any());
        verify(control, times(2)).onInterleaved(eq(3), any());
        binding.close();
        binding.close();
        verify(control, times(2)).removeInterleaved(2);
        verify(control, times(2)).removeInterleaved(3);
        binding.start(); // a closed binding stays closed
        verifyNoMoreInteractions(control, inbound);
    }

    // ---- helpers

    private MediaBinding bind(PortPair interleaved, Set<Integer> inUse) {
        return transport.bind(request(TransportProfile.AVP, interleaved, inUse));
    }

    private BindRequest request(TransportProfile profile, PortPair interleaved, Set<Integer> inUse) {
        return new BindRequest(false, offer(profile, interleaved),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), control, inUse, inbound, 1472);
    }

    private static TransportSpec offer(TransportProfile profile, PortPair interleaved) {
        return new TransportSpec(TransportProtocol.TCP, profile, null, null, interleaved, null, null, null, null, null,
                null);
    }

    /** Gives the connection room for {@code capacity} bytes, and what is written to it. */
    private ByteArrayOutputStream connectionOutput(int capacity) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        when(control.writableBytes()).thenAnswer(call -> capacity - output.size());
        doAnswer(call -> {
            int length = call.getArgument(2);
            if (length > capacity - output.size()) {
                throw new AssertionError("wrote " + length + " bytes with room for " + (capacity - output.size()));
            }
            output.write(call.<byte[]>getArgument(0), call.<Integer>getArgument(1), length);
            return null;
        }).when(control).write(any(), anyInt(), anyInt());
        return output;
    }
}
