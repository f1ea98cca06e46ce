package org.rtspkit.transport.udp.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One packet to many destinations with sendmmsg, on real loopback sockets. */
@Tag("ffm")
class SendToAllTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @BeforeAll
    static void available() {
        assertTrue(LinuxUdp.availability().available(), LinuxUdp.availability().description());
    }

    private static BatchUdpSocket open() throws IOException {
        return LinuxUdp.open(new InetSocketAddress("127.0.0.1", 0), LinuxUdp.Options.DEFAULT);
    }

    @Test
    void everyReceiverGetsTheExactBytesFromTheSocketsPortInOneCall() throws IOException {
        try (BatchUdpSocket socket = open(); Receivers receivers = new Receivers(7, LOOPBACK);
             UdpDestinations to = socket.newDestinations(2); BatchSender sender = socket.newSender()) {
            for (int i = 0; i < receivers.size(); i++) {
                assertEquals(i, to.add(receivers.address(i)));
            }
            byte[] packet = Receivers.pattern(1400, 1);
            assertEquals(7, sender.sendToAll(packet, 0, packet.length, to));
            for (int i = 0; i < receivers.size(); i++) {
                List<Receivers.Datagram> got = receivers.drain(i);
                assertEquals(1, got.size(), "receiver " + i);
                assertArrayEquals(packet, got.get(0).bytes());
                assertEquals(socket.localAddress(), got.get(0).from());
                assertEquals(0, to.dropped(i));
            }
            SendCounters c = sender.counters();
            assertEquals(new SendCounters(1, 7, 0, 0, 0, 0, 0), c);
        }
    }

    @Test
    void aBufferSendsItsRemainingBytesAndKeepsItsPosition() throws IOException {
        try (BatchUdpSocket socket = open(); Receivers receivers = new Receivers(2, LOOPBACK);
             UdpDestinations to = socket.newDestinations(2); BatchSender sender = socket.newSender()) {
            to.add(receivers.address(0));
            to.add(receivers.address(1));
            byte[] bytes = Receivers.pattern(1000, 2);
            for (ByteBuffer buffer : List.of(ByteBuffer.wrap(bytes), ByteBuffer.allocateDirect(1000).put(bytes).clear())) {
                buffer.position(100).limit(900);
                assertEquals(2, sender.sendToAll(buffer, to));
                assertEquals(100, buffer.position());
                assertEquals(900, buffer.limit());
                for (int i = 0; i < 2; i++) {
                    assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 100, 900), receivers.drain(i).get(0).bytes());
                }
            }
            byte[] empty = new byte[0];
            assertEquals(2, sender.sendToAll(empty, 0, 0, to), "an empty datagram is a datagram");
        }
    }

    @Test
    void moreDestinationsThanOneCallTakesNeedMoreCalls() throws IOException {
        int destinations = BatchSender.MAX_MESSAGES_PER_CALL + 176;
        try (BatchUdpSocket socket = open(); Receivers receivers = new Receivers(12, LOOPBACK);
             UdpDestinations to = socket.newDestinations(1); BatchSender sender = socket.newSender()) {
            for (int i = 0; i < destinations; i++) {
                to.add(receivers.address(i % receivers.size()));
            }
            byte[] packet = Receivers.pattern(200, 3);
            assertEquals(destinations, sender.sendToAll(packet, 0, packet.length, to));
            int total = 0;
            for (int i = 0; i < receivers.size(); i++) {
                for (Receivers.Datagram d : receivers.drain(i)) {
                    assertArrayEquals(packet, d.bytes());
                    total++;
                }
            }
            assertEquals(destinations, total);
            assertEquals(2, sender.counters().calls());
        }
    }

    @Test
    void removeMovesTheLastIntoThePlaceWithItsDropCount() throws IOException {
        try (BatchUdpSocket socket = open(); Receivers receivers = new Receivers(3, LOOPBACK);
             UdpDestinations to = socket.newDestinations(4); BatchSender sender = socket.newSender()) {
            for (int i = 0; i < 3; i++) {
                to.add(receivers.address(i));
            }
            assertEquals(2, to.remove(0));
            assertEquals(receivers.address(2), to.get(0));
            assertEquals(receivers.address(1), to.get(1));
            assertEquals(-1, to.remove(1));
            assertEquals(1, to.size());
            byte[] packet = {9, 8, 7};
            assertEquals(1, sender.sendToAll(packet, 0, 3, to));
            assertEquals(1, receivers.drain(2).size());
            assertThrows(IndexOutOfBoundsException.class, () -> to.get(1));
        }
    }

    @Test
    void anIpv4SocketRefusesAnIpv6DestinationButTakesAMappedOne() throws IOException {
        try (BatchUdpSocket socket = open(); UdpDestinations to = socket.newDestinations(1)) {
            InetAddress v6 = InetAddress.getByName("::1");
            assertThrows(IllegalArgumentException.class, () -> to.add(new InetSocketAddress(v6, 9)));
            assertThrows(IllegalArgumentException.class, () -> to.add(InetSocketAddress.createUnresolved("example.org", 9)));
            InetAddress mapped = Inet6Address.getByAddress(null,
                    new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1}, -1);
            assertEquals(0, to.add(new InetSocketAddress(mapped, 9)));
            assertEquals(0, to.size() - 1);
        }
    }

    @Test
    void aDualStackSocketSendsToIpv4AndIpv6() throws IOException {
        InetAddress v6 = InetAddress.getByName("::1");
        assertTrue(NetworkInterface.getByInetAddress(v6) != null, "no IPv6 loopback (::1) here: the test needs one");
        try (BatchUdpSocket socket = LinuxUdp.open(new InetSocketAddress(InetAddress.getByName("::"), 0),
                     LinuxUdp.Options.DEFAULT);
             Receivers four = new Receivers(1, InetAddress.getByName("127.0.0.1"));
             Receivers six = new Receivers(1, v6);
             UdpDestinations to = socket.newDestinations(2); BatchSender sender = socket.newSender()) {
            to.add(four.address(0));
            to.add(six.address(0));
            byte[] packet = Receivers.pattern(500, 4);
            assertEquals(2, sender.sendToAll(packet, 0, packet.length, to));
            assertArrayEquals(packet, four.drain(0).get(0).bytes());
            assertArrayEquals(packet, six.drain(0).get(0).bytes());
        }
    }

    @Test
    void aPerDestinationFailureIsCountedForThatOneAndTheOthersStillGetThePacket() throws IOException {
        // Port 0 cannot be sent to (EINVAL): the middle destination fails, the two around it do not.
        try (BatchUdpSocket socket = open(); Receivers receivers = new Receivers(2, LOOPBACK);
             UdpDestinations to = socket.newDestinations(3); BatchSender sender = socket.newSender()) {
            to.add(receivers.address(0));
            to.add(new InetSocketAddress(LOOPBACK, 0));
            to.add(receivers.address(1));
            byte[] packet = Receivers.pattern(300, 5);
            assertEquals(2, sender.sendToAll(packet, 0, packet.length, to));
            assertEquals(1, receivers.drain(0).size());
            assertEquals(1, receivers.drain(1).size());
            assertEquals(0, to.dropped(0));
            assertEquals(1, to.dropped(1));
            assertEquals(0, to.dropped(2));
            SendCounters c = sender.counters();
            assertEquals(2, c.datagrams());
            assertEquals(1, c.failed());
            assertEquals(Errno.EINVAL, c.lastErrno());
            // Sent 0..0, then the failing one alone, then the rest.
            assertEquals(3, c.calls());
        }
    }

    @Test
    void aClosedSocketRefusesSendsAndClosesOnce() throws IOException {
        BatchUdpSocket socket = open();
        try (UdpDestinations to = socket.newDestinations(1); BatchSender sender = socket.newSender()) {
            to.add(new InetSocketAddress(LOOPBACK, 9));
            socket.close();
            socket.close();
            assertThrows(ClosedChannelException.class, () -> sender.sendToAll(new byte[1], 0, 1, to));
        }
    }

    @Test
    void closingWhileAnotherThreadSendsEndsItsSendsCleanly() throws Exception {
        BatchUdpSocket socket = open();
        Receivers receivers = new Receivers(1, LOOPBACK);
        UdpDestinations to = socket.newDestinations(64);
        for (int i = 0; i < 64; i++) {
            to.add(receivers.address(0));
        }
        BatchSender sender = socket.newSender();
        Throwable[] outcome = new Throwable[1];
        Thread t = new Thread(() -> {
            byte[] packet = new byte[100];
            try {
                while (true) {
                    sender.sendToAll(packet, 0, packet.length, to);
                }
            } catch (Throwable e) {
                outcome[0] = e;
            }
        });
        t.start();
        Thread.sleep(50);
        socket.close();
        t.join(10_000);
        assertEquals(ClosedChannelException.class, outcome[0] == null ? null : outcome[0].getClass());
        sender.close();
        to.close();
        receivers.close();
    }
}
