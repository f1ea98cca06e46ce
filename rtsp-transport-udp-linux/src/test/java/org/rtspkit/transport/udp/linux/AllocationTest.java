package org.rtspkit.transport.udp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A send allocates nothing once warm: the native staging buffer, message headers and errno capture are
 * made once per sender, the destinations once per change. Measured with the JDK's per-thread
 * allocation counter, reached by reflection because this module does not read java.management.
 */
@Tag("ffm")
class AllocationTest {
    private static final int ROUNDS = 20_000;

    private static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Class<?> sunBean = Class.forName("com.sun.management.ThreadMXBean");
            if (!sunBean.isInstance(bean)) {
                return -1;
            }
            Method m = sunBean.getMethod("getCurrentThreadAllocatedBytes");
            return (long) m.invoke(bean);
        } catch (ReflectiveOperationException | LinkageError e) {
            return -1;
        }
    }

    interface Send {
        void run() throws Exception;
    }

    /**
     * The bytes one send allocates, in the best of up to ten rounds: the interpreter and the first JIT
     * tier allocate where the optimising compiler does not (about 27 bytes a send at first), and when
     * that compiler gets to a method depends on the machine's load.
     */
    private static long bytesPerSend(Send send) throws Exception {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 10 && best > 0; round++) {
            long before = allocatedBytes();
            long overhead = allocatedBytes() - before;
            long start = allocatedBytes();
            for (int i = 0; i < ROUNDS; i++) {
                send.run();
            }
            best = Math.min(best, (allocatedBytes() - start - overhead) / ROUNDS);
        }
        return best;
    }

    @Test
    void sendsAllocateNothingOnceWarm() throws Exception {
        assertTrue(LinuxUdp.availability().available(), LinuxUdp.availability().description());
        assertTrue(allocatedBytes() >= 0, "this JVM has no per-thread allocation counter (HotSpot has one)");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // Nobody receives on these ports: loopback answers with ICMP, which an unconnected socket ignores.
        try (BatchUdpSocket socket = LinuxUdp.open(new InetSocketAddress(loopback, 0), LinuxUdp.Options.DEFAULT);
             Receivers sink = new Receivers(1, loopback);
             UdpDestinations to = socket.newDestinations(8); BatchSender sender = socket.newSender()) {
            for (int i = 0; i < 8; i++) {
                to.add(sink.address(0));
            }
            byte[] packet = new byte[1400];
            ByteBuffer heap = ByteBuffer.wrap(packet);
            ByteBuffer direct = ByteBuffer.allocateDirect(1400);
            ByteBuffer burst = ByteBuffer.allocateDirect(10 * 1400 + 100);
            sink.close();
            assertEquals(0, bytesPerSend(() -> sender.sendToAll(packet, 0, packet.length, to)), "sendToAll(byte[])");
            assertEquals(0, bytesPerSend(() -> sender.sendToAll(heap, to)), "sendToAll(heap buffer)");
            assertEquals(0, bytesPerSend(() -> sender.sendToAll(direct, to)), "sendToAll(direct buffer)");
            assertEquals(0, bytesPerSend(() -> sender.sendSegments(burst, 1400, to, 3)), "sendSegments");
            assertEquals(0, bytesPerSend(() -> sender.sendSegmentsToAll(burst, 1400, to)), "sendSegmentsToAll");
        }
    }
}
