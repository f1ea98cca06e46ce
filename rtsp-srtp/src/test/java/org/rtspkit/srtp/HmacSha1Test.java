package org.rtspkit.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** RFC 2202 HMAC-SHA-1 test cases, and agreement with the JDK's own HmacSHA1. */
class HmacSha1Test {

    private static String tag(byte[] key, byte[] data) {
        HmacSha1 mac = new HmacSha1(key);
        mac.start();
        mac.update(data, 0, data.length);
        mac.finish();
        byte[] out = new byte[20];
        mac.copyTag(out, 0, 20);
        return Hex.of(out);
    }

    @Test
    void rfc2202TestCases() {
        byte[] key1 = new byte[20];
        Arrays.fill(key1, (byte) 0x0b);
        assertEquals("b617318655057264e28bc0b6fb378c8ef146be00",
                tag(key1, "Hi There".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
                tag("Jefe".getBytes(StandardCharsets.US_ASCII),
                        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
        byte[] key6 = new byte[80];
        Arrays.fill(key6, (byte) 0xaa);
        assertEquals("aa4ae5e15272d00e95705637ce8a3b55ed402112",
                tag(key6, "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void agreesWithTheJdkMacIncludingTheAppendedRoc() throws Exception {
        Random random = new Random(7);
        byte[] key = new byte[20];
        random.nextBytes(key);
        HmacSha1 ours = new HmacSha1(key);
        Mac jdk = Mac.getInstance("HmacSHA1");
        jdk.init(new SecretKeySpec(key, "HmacSHA1"));
        for (int length : new int[] {0, 1, 55, 56, 63, 64, 65, 1400}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            int roc = random.nextInt();
            ours.start();
            ours.update(data, 0, length);
            ours.updateInt(roc);
            ours.finish();
            byte[] mine = new byte[20];
            ours.copyTag(mine, 0, 20);
            jdk.update(data);
            jdk.update(new byte[] {(byte) (roc >>> 24), (byte) (roc >>> 16), (byte) (roc >>> 8), (byte) roc});
            byte[] expected = jdk.doFinal();
            assertArrayEquals(expected, mine, "length " + length);
            assertTrue(ours.matches(expected, 0, 10));
            expected[9] ^= 1;
            assertFalse(ours.matches(expected, 0, 10));
        }
    }
}
