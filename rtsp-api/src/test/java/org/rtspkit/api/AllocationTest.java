package org.rtspkit.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The per-packet calls of the write path allocate nothing. Measured with the JDK's per-thread
 * allocation counter, reached by reflection because this module does not read java.management.
 */
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

    @Test
    void marshalToAndPtsEqualsDtsDoNotAllocate() {
        assertTrue(allocatedBytes() >= 0, "this JVM has no per-thread allocation counter (HotSpot has one)");
        RtpPacket packet = new RtpPacket(true, 96, 1, 2, 3, new int[] {4, 5}, new RtpPacket.RtpExtension(1, new byte[8]),
                new byte[] {0x7C, (byte) 0x85, 1, 2, 3}, 4);
        H264Format h264 = H264Format.of(96, null, null);
        H265Format h265 = H265Format.of(96, null, null, null);
        byte[] buf = new byte[1500];
        long sink = 0;
        for (int i = 0; i < ROUNDS; i++) {
            sink += packet.marshalTo(buf, 0) + (h264.ptsEqualsDts(packet) ? 1 : 0) + (h265.ptsEqualsDts(packet) ? 1 : 0);
        }
        // The counter itself allocates a little (reflection boxing); measure it with no work in between.
        long before = allocatedBytes();
        long overhead = allocatedBytes() - before;
        long start = allocatedBytes();
        for (int i = 0; i < ROUNDS; i++) {
            sink += packet.marshalTo(buf, 0) + (h264.ptsEqualsDts(packet) ? 1 : 0) + (h265.ptsEqualsDts(packet) ? 1 : 0);
        }
        long used = allocatedBytes() - start - overhead;
        assertTrue(sink > 0);
        // Far below one byte per call: a single allocation per call would be >= 16 * ROUNDS bytes.
        assertTrue(used < ROUNDS, "allocated " + used + " bytes in " + ROUNDS + " rounds");
    }
}
