package org.rtspkit.srtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.api.SrtpSuite;

/**
 * What the AES-CM path allocates per packet: our code nothing; the JDK's {@code Cipher.init} a
 * little (about 112 bytes on JDK 17). The bound is far below the payload size, so it catches a copy
 * of the packet (the JDK does one for overlapping in-place buffers) or a per-packet HMAC result.
 * Measured with the JDK's per-thread allocation counter, reached by reflection because this module
 * does not read java.management.
 */
class SrtpAllocationTest {
    private static final int ROUNDS = 20_000;
    private static final int PAYLOAD = 1400;
    private static final long MAX_BYTES_PER_PACKET = 400;

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

    private static byte[] rtp(int seq) {
        byte[] p = new byte[12 + PAYLOAD];
        p[0] = (byte) 0x80;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[11] = 1;
        return p;
    }

    @Test
    void protectOutOfPlaceAndUnprotectInPlaceAllocateLessThanAPacket() throws SrtpException {
        assertTrue(allocatedBytes() >= 0, "this JVM has no per-thread allocation counter (HotSpot has one)");
        SrtpKeyMaterial key = SrtpKeyMaterial.generate(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        SrtpContext sender = new JcaSrtpProvider().createContext(key, List.of());
        SrtpContext receiver = new JcaSrtpProvider().createContext(key, List.of());
        byte[] plain = rtp(0);
        byte[] shared = new byte[plain.length + sender.rtpOverhead()];
        int seq = 0;
        // Warm up so that one-time allocations (scratch buffers, per-SSRC state, JIT) are done.
        for (int i = 0; i < ROUNDS; i++, seq++) {
            plain[2] = (byte) (seq >>> 8);
            plain[3] = (byte) seq;
            int n = sender.protectRtp(plain, 0, plain.length, shared, 0);
            receiver.unprotectRtp(shared, 0, n, shared, 0);
        }
        long before = allocatedBytes();
        long overhead = allocatedBytes() - before;
        long start = allocatedBytes();
        for (int i = 0; i < ROUNDS; i++, seq++) {
            plain[2] = (byte) (seq >>> 8);
            plain[3] = (byte) seq;
            int n = sender.protectRtp(plain, 0, plain.length, shared, 0);
            receiver.unprotectRtp(shared, 0, n, shared, 0);
        }
        long perPacket = (allocatedBytes() - start - overhead) / (2L * ROUNDS);
        assertTrue(perPacket < MAX_BYTES_PER_PACKET, "allocated " + perPacket + " bytes per protect or unprotect");
    }
}
