package org.rtspkit.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
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
    private final FakeControl control = new FakeControl(10_000);
    private final RecordingInbound inbound = new RecordingInbound();

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
        assertArrayEquals(expected, control.output.toByteArray());
    }

    @Test
    void fullOutputAsksToRetryAndWritesNothing() throws IOException {
        FakeControl small = new FakeControl(4 + 10 + 4 + 5);
        MediaBinding binding = transport.bind(new BindRequest(false, offer(TransportProfile.AVP, null),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), small, Set.of(), inbound, 1472));

        assertTrue(binding.sink().send(false, new byte[10], 0, 10));
        assertEquals(9, small.writableBytes());
        assertFalse(binding.sink().send(false, new byte[6], 0, 6));
        assertEquals(14, small.output.size());
        assertTrue(binding.sink().send(true, new byte[5], 0, 5));
        assertEquals(0, small.writableBytes());
        assertFalse(binding.sink().send(true, new byte[0], 0, 0));
        assertEquals(23, small.output.size());
    }

    @Test
    void packetLongerThanAFrameCanSayIsAnError() {
        MediaBinding binding = bind(null, Set.of());
        control.capacity = 1 << 20;
        IOException e = assertThrows(IOException.class, () -> binding.sink().send(false, new byte[65_536], 0, 65_536));
        assertTrue(e.getMessage().contains("65536"), e.getMessage());
        assertEquals(0, control.output.size());
    }

    @Test
    void startRoutesTheClientsFramesAndStopRemovesTheRoutes() {
        MediaBinding binding = bind(new PortPair(2, 3), Set.of(0, 1));
        assertTrue(control.receivers.isEmpty());

        binding.start();
        binding.start();
        assertEquals(Set.of(2, 3), control.receivers.keySet());
        control.receivers.get(2).frame(new byte[] {9, 1, 2, 9}, 1, 2);
        control.receivers.get(3).frame(new byte[] {3}, 0, 1);
        assertEquals(List.of("rtp [1, 2]", "rtcp [3]"), inbound.calls);

        binding.stop();
        assertTrue(control.receivers.isEmpty());
        assertEquals(List.of(2, 3), control.removed);
        binding.stop();
        assertEquals(List.of(2, 3), control.removed);

        binding.start();
        assertEquals(Set.of(2, 3), control.receivers.keySet());
        binding.close();
        binding.close();
        assertTrue(control.receivers.isEmpty());
        binding.start(); // a closed binding stays closed
        assertTrue(control.receivers.isEmpty());
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

    /** An RTSP connection whose output is a byte array of limited capacity. */
    static final class FakeControl implements ControlChannel {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final Map<Integer, InterleavedReceiver> receivers = new HashMap<>();
        final List<Integer> removed = new ArrayList<>();
        int capacity;

        FakeControl(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
        }

        @Override
        public int writableBytes() {
            return capacity - output.size();
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            if (length > writableBytes()) {
                throw new AssertionError("wrote " + length + " bytes with room for " + writableBytes());
            }
            output.write(data, offset, length);
        }

        @Override
        public void onInterleaved(int channel, InterleavedReceiver receiver) {
            receivers.put(channel, receiver);
        }

        @Override
        public void removeInterleaved(int channel) {
            receivers.remove(channel);
            removed.add(channel);
        }
    }

    static final class RecordingInbound implements InboundPackets {
        final List<String> calls = new ArrayList<>();

        @Override
        public void rtp(byte[] data, int offset, int length) {
            calls.add("rtp " + Arrays.toString(Arrays.copyOfRange(data, offset, offset + length)));
        }

        @Override
        public void rtcp(byte[] data, int offset, int length) {
            calls.add("rtcp " + Arrays.toString(Arrays.copyOfRange(data, offset, offset + length)));
        }
    }
}
