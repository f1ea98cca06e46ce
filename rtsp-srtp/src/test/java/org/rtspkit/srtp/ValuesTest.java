package org.rtspkit.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.spi.CryptoSession;
import org.rtspkit.spi.MikeyMessage;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.api.SrtpSuite;

/** The SPI's value types check what they are given. */
class ValuesTest {

    @Test
    void suiteLengthsAndOverheads() {
        assertEquals(30, SrtpSuite.AES_CM_128_HMAC_SHA1_80.keyMaterialLength());
        assertEquals(46, SrtpSuite.AES_256_CM_HMAC_SHA1_80.keyMaterialLength());
        assertEquals(28, SrtpSuite.AEAD_AES_128_GCM.keyMaterialLength());
        assertEquals(10, SrtpSuite.DEFAULT.rtpOverhead());
        assertEquals(14, SrtpSuite.DEFAULT.rtcpOverhead());
        assertEquals(16, SrtpSuite.AEAD_AES_128_GCM.rtpOverhead());
        assertEquals(20, SrtpSuite.AEAD_AES_128_GCM.rtcpOverhead());
    }

    @Test
    void keyMaterialChecksLengthsAndCopiesArrays() {
        assertEquals("AES_CM_128_HMAC_SHA1_80 needs a 16-byte master key, got 15 bytes",
                assertThrows(IllegalArgumentException.class, () -> new SrtpKeyMaterial(SrtpSuite.DEFAULT,
                        new byte[15], new byte[14])).getMessage());
        assertEquals("AEAD_AES_128_GCM needs a 12-byte master salt, got 14 bytes",
                assertThrows(IllegalArgumentException.class, () -> new SrtpKeyMaterial(SrtpSuite.AEAD_AES_128_GCM,
                        new byte[16], new byte[14])).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SrtpKeyMaterial(SrtpSuite.DEFAULT, new byte[16], new byte[14], new byte[17]));
        assertThrows(IllegalArgumentException.class,
                () -> SrtpKeyMaterial.fromConcatenated(SrtpSuite.DEFAULT, new byte[29], null));

        byte[] key = new byte[16];
        SrtpKeyMaterial k = new SrtpKeyMaterial(SrtpSuite.DEFAULT, key, new byte[14]);
        key[0] = 1;
        k.masterKey()[1] = 1;
        assertArrayEquals(new byte[16], k.masterKey());
        assertEquals(k, SrtpKeyMaterial.fromConcatenated(SrtpSuite.DEFAULT, k.concatenated(), new byte[0]));
        assertNotEquals(k, k.withMki(new byte[] {1}));
        assertNotEquals(SrtpKeyMaterial.generate(SrtpSuite.DEFAULT), SrtpKeyMaterial.generate(SrtpSuite.DEFAULT));
    }

    @Test
    void cryptoSessionsAreUnsigned32BitValues() {
        new CryptoSession(0xFFFF_FFFFL, 0xFFFF_FFFFL);
        assertThrows(IllegalArgumentException.class, () -> new CryptoSession(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CryptoSession(0, 1L << 32));
    }

    @Test
    void mikeyMessageCarriesAtMost255CryptoSessions() {
        SrtpKeyMaterial k = SrtpKeyMaterial.generate(SrtpSuite.DEFAULT);
        List<CryptoSession> many = java.util.stream.LongStream.range(0, 256).mapToObj(i -> new CryptoSession(i, 0)).toList();
        assertThrows(IllegalArgumentException.class, () -> new MikeyMessage(k, many));
        assertEquals(255, new MikeyMessage(k, many.subList(0, 255)).cryptoSessions().size());
    }
}
