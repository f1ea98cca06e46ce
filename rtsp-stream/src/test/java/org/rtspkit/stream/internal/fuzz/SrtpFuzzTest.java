package org.rtspkit.stream.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.spi.MikeyMessage;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.spi.SrtpProvider;
import org.rtspkit.spi.SrtpProviders;
import org.rtspkit.api.SrtpSuite;

/**
 * What an RTSPS client sends for SRTP: the MIKEY message of its {@code KeyMgmt} header, and its
 * protected RTP and RTCP, through the SRTP provider the engine finds on the module path.
 */
class SrtpFuzzTest {
    /** The time the committed MIKEY seeds are stamped with: their T payload is checked against it. */
    static final Instant SEED_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private static final SrtpProvider PROVIDER = SrtpProviders.require();

    /**
     * Only {@link MalformedDataException} escapes; a message that decodes encodes again to one that
     * decodes to the same key and crypto sessions.
     */
    @FuzzTest(maxDuration = "60s")
    void mikey(byte[] data) {
        MikeyMessage message;
        try {
            message = PROVIDER.decodeMikey(data, SEED_TIME);
        } catch (MalformedDataException expected) {
            return;
        }
        MikeyMessage again = PROVIDER.decodeMikey(PROVIDER.encodeMikey(message));
        assertEquals(message.keyMaterial(), again.keyMaterial());
        assertEquals(message.cryptoSessions(), again.cryptoSessions());
    }

    /**
     * Arbitrary bytes are refused with {@link SrtpException} only. A packet protected under a key
     * unprotects, under a fresh context of the same key, to exactly the plain packet; the same packet
     * with any byte changed or cut short is refused and yields nothing.
     */
    @FuzzTest(maxDuration = "60s")
    void srtpUnprotect(FuzzedDataProvider data) {
        unprotect(data, false);
    }

    /** As {@link #srtpUnprotect} for SRTCP. */
    @FuzzTest(maxDuration = "60s")
    void srtcpUnprotect(FuzzedDataProvider data) {
        unprotect(data, true);
    }

    private static void unprotect(FuzzedDataProvider data, boolean rtcp) {
        SrtpSuite suite = data.pickValue(SrtpSuite.values());
        byte[] keyAndSalt = new byte[suite.keyMaterialLength()];
        Arrays.fill(keyAndSalt, (byte) 0x5a);
        byte[] mki = data.consumeBoolean() ? new byte[] {1, 2, 3, 4} : new byte[0];
        SrtpKeyMaterial key = SrtpKeyMaterial.fromConcatenated(suite, keyAndSalt, mki);
        SrtpContext receiver = PROVIDER.createContext(key, List.of());
        int mode = data.consumeInt(0, 2);
        int mutateAt = data.consumeInt(0, Integer.MAX_VALUE);
        byte mutation = data.consumeByte();
        int cut = data.consumeInt(0, 16);
        byte[] packet = data.consumeRemainingAsBytes();

        if (mode == 0) {
            // Raw bytes, as anyone may send to the server's ports.
            byte[] out = new byte[packet.length];
            try {
                int n = rtcp ? receiver.unprotectRtcp(packet, 0, packet.length, out, 0)
                        : receiver.unprotectRtp(packet, 0, packet.length, out, 0);
                assertTrue(n >= 0 && n <= packet.length, "unprotected length " + n);
            } catch (SrtpException refused) {
                // the documented refusal
            }
            return;
        }
        SrtpContext sender = PROVIDER.createContext(key, List.of());
        int overhead = rtcp ? sender.rtcpOverhead() : sender.rtpOverhead();
        byte[] sealed = new byte[packet.length + overhead];
        int n;
        try {
            n = rtcp ? sender.protectRtcp(packet, 0, packet.length, sealed, 0)
                    : sender.protectRtp(packet, 0, packet.length, sealed, 0);
        } catch (SrtpException notAPacket) {
            return;
        }
        assertEquals(sealed.length, n);
        byte[] tampered = sealed.clone();
        int length = n;
        if (mode == 2) {
            if (mutation != 0) {
                tampered[mutateAt % n] ^= mutation;
            } else {
                length = Math.max(0, n - 1 - cut);
            }
        }
        byte[] out = new byte[n];
        try {
            int plain = rtcp ? receiver.unprotectRtcp(tampered, 0, length, out, 0)
                    : receiver.unprotectRtp(tampered, 0, length, out, 0);
            if (mode == 2) {
                fail("a changed " + (rtcp ? "SRTCP" : "SRTP") + " packet was accepted (" + suite + ")");
            }
            assertArrayEquals(packet, Arrays.copyOf(out, plain));
        } catch (SrtpException refused) {
            if (mode == 1) {
                fail("an intact " + (rtcp ? "SRTCP" : "SRTP") + " packet was refused (" + suite + "): " + refused.getMessage());
            }
            assertTrue(Arrays.equals(new byte[n], out), "nothing is written for a refused packet");
        }
    }
}
