package org.rtspkit.transport.udp.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A burst of equal-size packets split by the kernel (UDP GSO), and the same without GSO. */
@Tag("ffm")
class SegmentsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @BeforeAll
    static void available() {
        assertTrue(LinuxUdp.availability().available(), LinuxUdp.availability().description());
    }

    private static BatchUdpSocket open(boolean gso) throws IOException {
        return LinuxUdp.open(new InetSocketAddress("127.0.0.1", 0), new LinuxUdp.Options(0, gso));
    }

    /** The datagrams a burst of {@code length} bytes cut at {@code segment} must arrive as. */
    private static void assertSegments(byte[] burst, int segment, List<Receivers.Datagram> got) {
        int expected = (burst.length + segment - 1) / segment;
        assertEquals(expected, got.size(), "datagrams");
        for (int k = 0; k < expected; k++) {
            int from = k * segment;
            byte[] want = Arrays.copyOfRange(burst, from, Math.min(burst.length, from + segment));
            assertArrayEquals(want, got.get(k).bytes(), "datagram " + k + " of " + expected);
        }
    }

    @Test
    void gsoSplitsABurstIntoSegmentsWithAShortLastOneInOneCall() throws IOException {
        try (BatchUdpSocket socket = open(true); Receivers receivers = new Receivers(1, LOOPBACK);
             UdpDestinations to = socket.newDestinations(1); BatchSender sender = socket.newSender()) {
            assertTrue(socket.gso());
            to.add(receivers.address(0));
            byte[] burst = Receivers.pattern(10 * 1000 + 333, 10);
            assertEquals(11, sender.sendSegments(ByteBuffer.wrap(burst), 1000, to, 0));
            List<Receivers.Datagram> got = receivers.drain(0);
            assertSegments(burst, 1000, got);
            assertEquals(1000, got.get(9).bytes().length);
            assertEquals(333, got.get(10).bytes().length);
            assertEquals(new SendCounters(1, 11, 0, 0, 0, 0, 0), sender.counters());
        }
    }

    @Test
    void aBurstLargerThanOneUdpPayloadGoesOutInSeveralGsoMessages() throws IOException {
        try (BatchUdpSocket socket = open(true); Receivers receivers = new Receivers(1, LOOPBACK);
             UdpDestinations to = socket.newDestinations(1); BatchSender sender = socket.newSender()) {
            to.add(receivers.address(0));
            // 100 packets of 1,400 bytes: 46 fit in one 65,507-byte message, so 46 + 46 + 8.
            byte[] burst = Receivers.pattern(100 * 1400, 11);
            ByteBuffer direct = ByteBuffer.allocateDirect(burst.length).put(burst).flip();
            assertEquals(100, sender.sendSegments(direct, 1400, to, 0));
            assertEquals(0, direct.position());
            assertSegments(burst, 1400, receivers.drain(0));
            assertEquals(3, sender.counters().calls());
            // Small segments: at most 64 per message.
            byte[] small = Receivers.pattern(200 * 100, 12);
            assertEquals(200, sender.sendSegments(ByteBuffer.wrap(small), 100, to, 0));
            assertSegments(small, 100, receivers.drain(0));
            assertEquals(3 + 4, sender.counters().calls());
        }
    }

    @Test
    void withoutGsoTheBurstGoesOutAsOneSendmmsgOfSeparateDatagrams() throws IOException {
        try (BatchUdpSocket socket = open(false); Receivers receivers = new Receivers(1, LOOPBACK);
             UdpDestinations to = socket.newDestinations(1); BatchSender sender = socket.newSender()) {
            assertFalse(socket.gso());
            to.add(receivers.address(0));
            byte[] burst = Receivers.pattern(20 * 1200 + 1, 13);
            assertEquals(21, sender.sendSegments(ByteBuffer.wrap(burst), 1200, to, 0));
            assertSegments(burst, 1200, receivers.drain(0));
            assertEquals(new SendCounters(1, 21, 0, 0, 0, 0, 0), sender.counters());
        }
    }

    @Test
    void oneBurstToManyDestinationsIsOneCallWithGso() throws IOException {
        try (BatchUdpSocket socket = open(true); Receivers receivers = new Receivers(5, LOOPBACK);
             UdpDestinations to = socket.newDestinations(5); BatchSender sender = socket.newSender()) {
            for (int i = 0; i < 5; i++) {
                to.add(receivers.address(i));
            }
            byte[] burst = Receivers.pattern(8 * 1400 + 700, 14);
            assertEquals(5 * 9, sender.sendSegmentsToAll(ByteBuffer.wrap(burst), 1400, to));
            for (int i = 0; i < 5; i++) {
                assertSegments(burst, 1400, receivers.drain(i));
            }
            assertEquals(new SendCounters(1, 45, 0, 0, 0, 0, 0), sender.counters());
        }
    }

    @Test
    void oneBurstToManyDestinationsWithoutGsoIsOneSendmmsgPerSegment() throws IOException {
        try (BatchUdpSocket socket = open(false); Receivers receivers = new Receivers(3, LOOPBACK);
             UdpDestinations to = socket.newDestinations(3); BatchSender sender = socket.newSender()) {
            for (int i = 0; i < 3; i++) {
                to.add(receivers.address(i));
            }
            byte[] burst = Receivers.pattern(4 * 1000, 15);
            assertEquals(12, sender.sendSegmentsToAll(ByteBuffer.wrap(burst), 1000, to));
            for (int i = 0; i < 3; i++) {
                assertSegments(burst, 1000, receivers.drain(i));
            }
            assertEquals(new SendCounters(4, 12, 0, 0, 0, 0, 0), sender.counters());
        }
    }

    @Test
    void segmentSizesOutOfRangeAreRefusedBeforeAnySystemCall() throws IOException {
        // A segment the kernel refuses to split (longer than the path's MTU) cannot be made on lo, whose
        // MTU is 65,536: NamespaceTest lowers it in a namespace of its own and checks the fallback there.
        try (BatchUdpSocket socket = open(true); UdpDestinations to = socket.newDestinations(1);
             BatchSender sender = socket.newSender()) {
            to.add(new InetSocketAddress(LOOPBACK, 9));
            assertThrows(IllegalArgumentException.class, () -> sender.sendSegments(ByteBuffer.allocate(10), 0, to, 0));
            assertThrows(IllegalArgumentException.class,
                    () -> sender.sendSegments(ByteBuffer.allocate(10), BatchSender.MAX_UDP_PAYLOAD + 1, to, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> sender.sendSegments(ByteBuffer.allocate(10), 5, to, 1));
            assertEquals(0, sender.counters().calls());
        }
    }
}
