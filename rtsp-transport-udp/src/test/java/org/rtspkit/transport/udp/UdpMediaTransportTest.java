package org.rtspkit.transport.udp;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
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

class UdpMediaTransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int TIMEOUT_MS = 2000;

    private UdpMediaTransport transport;
    private int rtpPort;
    private final DatagramSocket clientRtp = socket();
    private final DatagramSocket clientRtcp = socket();
    private final DatagramSocket stranger = socket();
    private final RecordingInbound inbound = new RecordingInbound();
    /** The RTSP connection of the session: UDP never touches it. */
    private final ControlChannel control = mock(ControlChannel.class);

    @AfterEach
    void tearDown() {
        verifyNoInteractions(control);
        if (transport != null) {
            transport.close();
        }
        clientRtp.close();
        clientRtcp.close();
        stranger.close();
    }

    @Test
    void readerReplyAdvertisesClientAndServerPorts() throws IOException {
        open(b -> b);
        MediaBinding binding = transport.bind(request(false, TransportProfile.AVP));

        TransportSpec expected = new TransportSpec(TransportProtocol.UDP, TransportProfile.AVP, null, null, null, null,
                null, clientPorts(), new PortPair(rtpPort, rtpPort + 1), null, null);
        assertEquals(expected, binding.reply());
        assertEquals(Set.of(), binding.channels());
        assertEquals(TransportProfile.SAVP, transport.bind(request(false, TransportProfile.SAVP)).reply().profile());
    }

    @Test
    void sinkSendsFromServerPortsToClientPorts() throws IOException {
        open(b -> b);
        MediaBinding binding = transport.bind(request(false, TransportProfile.AVP));
        byte[] data = {9, 1, 2, 3, 4, 9};

        assertTrue(binding.sink().send(false, data, 1, 4));
        DatagramPacket rtp = receive(clientRtp);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, payload(rtp));
        assertEquals(rtpPort, rtp.getPort());

        assertTrue(binding.sink().send(true, data, 0, 6));
        DatagramPacket rtcp = receive(clientRtcp);
        assertArrayEquals(data, payload(rtcp));
        assertEquals(rtpPort + 1, rtcp.getPort());
    }

    @Test
    void readerReceivesRtcpOnlyFromItsRtcpPort() throws Exception {
        open(b -> b);
        MediaBinding binding = transport.bind(request(false, TransportProfile.AVP));
        binding.start();

        sendTo(clientRtcp, rtpPort + 1, 1, 2, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, inbound.rtcp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));

        // A reader listens for RTCP only; RTP from it, RTCP from its RTP port and anything from a
        // port it did not announce are dropped.
        sendTo(clientRtp, rtpPort, 4);
        sendTo(clientRtp, rtpPort + 1, 5);
        sendTo(stranger, rtpPort + 1, 6);
        awaitCount(transport::unknownSourceDrops, 3);
        assertTrue(inbound.rtp.isEmpty());
        assertTrue(inbound.rtcp.isEmpty());

        // A reader gets no firewall packets.
        assertNull(receiveOrNull(clientRtp, 100));
    }

    @Test
    void publisherGetsFirewallPacketsAndReceivesRtpAndRtcp() throws Exception {
        open(b -> b);
        MediaBinding binding = transport.bind(request(true, TransportProfile.AVP));
        binding.start();

        DatagramPacket rtpHole = receive(clientRtp);
        assertEquals(rtpPort, rtpHole.getPort());
        assertArrayEquals(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, payload(rtpHole));
        DatagramPacket rtcpHole = receive(clientRtcp);
        assertEquals(rtpPort + 1, rtcpHole.getPort());
        assertArrayEquals(new byte[] {(byte) 0x80, (byte) 0xc9, 0, 1, 0, 0, 0, 0}, payload(rtcpHole));

        sendTo(clientRtp, rtpPort, 7, 7);
        sendTo(clientRtcp, rtpPort + 1, 8, 8);
        assertArrayEquals(new byte[] {7, 7}, inbound.rtp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertArrayEquals(new byte[] {8, 8}, inbound.rtcp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));

        // RTP sent to the RTCP socket (and the reverse) does not match the source registered there.
        sendTo(clientRtp, rtpPort + 1, 1);
        sendTo(clientRtcp, rtpPort, 2);
        awaitCount(transport::unknownSourceDrops, 2);
        assertTrue(inbound.rtp.isEmpty());
        assertTrue(inbound.rtcp.isEmpty());
    }

    @Test
    void stopEndsDeliveryAndStartResumesIt() throws Exception {
        open(b -> b);
        MediaBinding binding = transport.bind(request(true, TransportProfile.AVP));
        binding.start();
        sendTo(clientRtp, rtpPort, 1);
        assertArrayEquals(new byte[] {1}, inbound.rtp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));

        binding.stop();
        binding.stop();
        sendTo(clientRtp, rtpPort, 2);
        sendTo(clientRtcp, rtpPort + 1, 3);
        awaitCount(transport::unknownSourceDrops, 2);
        assertTrue(inbound.rtp.isEmpty());
        assertTrue(inbound.rtcp.isEmpty());

        binding.start();
        sendTo(clientRtp, rtpPort, 4);
        assertArrayEquals(new byte[] {4}, inbound.rtp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));

        binding.close();
        binding.close();
        binding.start(); // a closed binding stays closed
        sendTo(clientRtp, rtpPort, 5);
        awaitCount(transport::unknownSourceDrops, 3);
        assertTrue(inbound.rtp.isEmpty());
    }

    @Test
    void closingAnOldSessionKeepsTheNewSessionFromTheSamePorts() throws Exception {
        open(b -> b);
        MediaBinding old = transport.bind(request(true, TransportProfile.AVP));
        old.start();
        RecordingInbound newer = new RecordingInbound();
        MediaBinding current = transport.bind(new BindRequest(true, offer(TransportProfile.AVP, clientPorts()),
                new InetSocketAddress(LOOPBACK, 554), control, Set.of(), newer, 1472));
        current.start();
        old.close();

        sendTo(clientRtp, rtpPort, 1);
        assertArrayEquals(new byte[] {1}, newer.rtp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertTrue(inbound.rtp.isEmpty());
    }

    @Test
    void datagramLongerThanMaxPacketSizeIsDropped() throws Exception {
        open(b -> b.maxPacketSize(100));
        transport.bind(request(true, TransportProfile.AVP)).start();

        sendTo(clientRtp, rtpPort, new byte[101]);
        awaitCount(transport::tooBigDrops, 1);
        sendTo(clientRtp, rtpPort, new byte[2000]);
        awaitCount(transport::tooBigDrops, 2);
        assertTrue(inbound.rtp.isEmpty());

        sendTo(clientRtp, rtpPort, new byte[100]);
        assertEquals(100, inbound.rtp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS).length);
    }

    @Test
    void ipv4MappedConnectionAddressMatchesIpv4Datagrams() throws Exception {
        open(b -> b);
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(LOOPBACK.getAddress(), 0, mapped, 12, 4);
        InetAddress mappedLoopback = Inet6Address.getByAddress(null, mapped, -1);
        assertTrue(mappedLoopback instanceof Inet6Address);

        MediaBinding binding = transport.bind(new BindRequest(true, offer(TransportProfile.AVP, clientPorts()),
                new InetSocketAddress(mappedLoopback, 554), control, Set.of(), inbound, 1472));
        binding.start();

        // Sends go to the IPv4 address (an IPv4 socket could not send to a mapped one) ...
        assertEquals(12, receive(clientRtp).getLength());
        assertEquals(8, receive(clientRtcp).getLength());
        // ... and datagrams from the IPv4 client find the session.
        sendTo(clientRtp, rtpPort, 3);
        assertArrayEquals(new byte[] {3}, inbound.rtp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void closeStopsTheThreadAndFreesThePorts() throws IOException {
        open(b -> b);
        Thread receiver = transport.receiver();
        assertEquals("rtspkit-udp-receive", receiver.getName());
        assertTrue(receiver.isDaemon());
        assertTrue(receiver.isAlive());

        transport.close();
        assertFalse(receiver.isAlive());
        transport.close();
        assertBindable(rtpPort);
        assertBindable(rtpPort + 1);
        assertThrows(IllegalStateException.class, () -> transport.bind(request(false, TransportProfile.AVP)));
    }

    @Test
    void missingClientPortsIsBadRequest() throws IOException {
        open(b -> b);
        BindRequest request = new BindRequest(false, offer(TransportProfile.AVP, null),
                new InetSocketAddress(LOOPBACK, 554), control, Set.of(), inbound, 1472);
        RtspStatusException e = assertThrows(RtspStatusException.class, () -> transport.bind(request));
        assertEquals(RtspStatus.BAD_REQUEST, e.status());
        assertEquals("transport header does not contain client ports", e.getMessage());
    }

    @Test
    void clientPortZeroIsBadRequest() throws IOException {
        open(b -> b);
        BindRequest request = new BindRequest(false, offer(TransportProfile.AVP, new PortPair(0, 1)),
                new InetSocketAddress(LOOPBACK, 554), control, Set.of(), inbound, 1472);
        RtspStatusException e = assertThrows(RtspStatusException.class, () -> transport.bind(request));
        assertEquals(RtspStatus.BAD_REQUEST, e.status());
    }

    @Test
    void oddRtpPortIsRefused() {
        ServerConfig config = config(8001, 8002, b -> b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UdpTransportProvider().open(config));
        assertEquals("RTP port (8001) must be even", e.getMessage());
    }

    @Test
    void nonConsecutiveRtcpPortIsRefused() {
        ServerConfig config = config(8000, 8003, b -> b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UdpTransportProvider().open(config));
        assertEquals("RTP (8000) and RTCP (8003) ports must be consecutive", e.getMessage());
    }

    @Test
    void noUdpAddressesMeansNoTransport() throws IOException {
        ServerConfig config = ServerConfig.builder().rtspAddress(new InetSocketAddress(LOOPBACK, 0)).build();
        assertTrue(new UdpTransportProvider().open(config).isEmpty());
    }

    @Test
    void providerDescribesItself() {
        UdpTransportProvider provider = new UdpTransportProvider();
        assertEquals("udp", provider.name());
        assertEquals(TransportProtocol.UDP, provider.protocol());
        assertEquals(0, provider.priority());
    }

    @Test
    void readBufferThatTheSystemGrantsIsAccepted() throws IOException {
        open(b -> b.udpReadBufferSize(65_536));
        assertEquals("udp", transport.name());
        assertEquals(TransportProtocol.UDP, transport.protocol());
    }

    @Test
    void readBufferTheSystemCapsIsRefusedAndLeavesThePortsFree() throws IOException {
        int asked = 1 << 30;
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freeEvenPort();
            ServerConfig config = config(port, port + 1, b -> b.udpReadBufferSize(asked));
            try {
                new UdpTransportProvider().open(config).orElseThrow().close();
                fail("this system granted a 1 GiB UDP read buffer, so the refusal cannot be checked here"
                        + " (Linux caps SO_RCVBUF at net.core.rmem_max)");
            } catch (BindException e) {
                continue;
            } catch (IOException e) {
                assertTrue(e.getMessage().matches("unable to set UDP read buffer size to " + asked
                        + ", got \\d+, check that the operating system allows that"), e.getMessage());
                assertBindable(port);
                assertBindable(port + 1);
                return;
            }
        }
        throw new AssertionError("no free even port pair found");
    }

    @Test
    void portInUseNamesTheSocket() throws IOException {
        open(b -> b);
        int taken = rtpPort;
        ServerConfig config = config(taken, taken + 1, b -> b);
        BindException e = assertThrows(BindException.class, () -> new UdpTransportProvider().open(config));
        assertTrue(e.getMessage().startsWith("cannot bind the UDP RTP socket to "), e.getMessage());
    }

    // ---- helpers

    private void open(UnaryOperator<ServerConfig.Builder> settings) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freeEvenPort();
            try {
                MediaTransport opened = new UdpTransportProvider().open(config(port, port + 1, settings)).orElseThrow();
                transport = (UdpMediaTransport) opened;
                rtpPort = port;
                assertEquals(new PortPair(port, port + 1), transport.serverPorts());
                return;
            } catch (BindException e) {
                // another process took one of the two ports between the probe and the bind
            }
        }
        throw new AssertionError("no free even port pair found in 20 attempts");
    }

    private static int freeEvenPort() throws IOException {
        while (true) {
            try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
                probe.bind(new InetSocketAddress(LOOPBACK, 0));
                int port = ((InetSocketAddress) probe.getLocalAddress()).getPort() & ~1;
                if (port >= 1024 && port < 65_534) {
                    return port;
                }
            }
        }
    }

    private static ServerConfig config(int rtp, int rtcp, UnaryOperator<ServerConfig.Builder> settings) {
        return settings.apply(ServerConfig.builder()
                        .rtspAddress(new InetSocketAddress(LOOPBACK, 0))
                        .udpAddresses(new InetSocketAddress(LOOPBACK, rtp), new InetSocketAddress(LOOPBACK, rtcp)))
                .build();
    }

    private PortPair clientPorts() {
        return new PortPair(clientRtp.getLocalPort(), clientRtcp.getLocalPort());
    }

    private BindRequest request(boolean record, TransportProfile profile) {
        return new BindRequest(record, offer(profile, clientPorts()), new InetSocketAddress(LOOPBACK, 554),
                control, Set.of(), inbound, 1472);
    }

    private static TransportSpec offer(TransportProfile profile, PortPair clientPorts) {
        return new TransportSpec(TransportProtocol.UDP, profile, null, null, null, null, null, clientPorts, null, null,
                null);
    }

    private static DatagramSocket socket() {
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            socket.setSoTimeout(TIMEOUT_MS);
            return socket;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void sendTo(DatagramSocket from, int port, int... bytes) throws IOException {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        sendTo(from, port, data);
    }

    private static void sendTo(DatagramSocket from, int port, byte[] data) throws IOException {
        from.send(new DatagramPacket(data, data.length, new InetSocketAddress(LOOPBACK, port)));
    }

    private static DatagramPacket receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = receiveOrNull(socket, TIMEOUT_MS);
        assertNotNull(packet, "no datagram within " + TIMEOUT_MS + " ms");
        return packet;
    }

    private static DatagramPacket receiveOrNull(DatagramSocket socket, int timeoutMs) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        int before = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMs);
        try {
            socket.receive(packet);
            assertEquals(LOOPBACK, packet.getAddress());
            return packet;
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    private static byte[] payload(DatagramPacket packet) {
        return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }

    private static void awaitCount(LongSupplier counter, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, counter.getAsLong());
    }

    private static void assertBindable(int port) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
            channel.bind(new InetSocketAddress(LOOPBACK, port));
        }
    }

    /**
     * Copies what the transport hands over, since the bytes are only valid during the call: the
     * receive thread reuses its buffer, so a mock's recorded arguments would show later datagrams.
     */
    static final class RecordingInbound implements InboundPackets {
        final BlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();

        @Override
        public void rtp(byte[] data, int offset, int length) {
            rtp.add(Arrays.copyOfRange(data, offset, offset + length));
        }

        @Override
        public void rtcp(byte[] data, int offset, int length) {
            rtcp.add(Arrays.copyOfRange(data, offset, offset + length));
        }
    }
}
