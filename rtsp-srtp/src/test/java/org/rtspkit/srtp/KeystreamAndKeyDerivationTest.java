package org.rtspkit.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.api.SrtpSuite;

/** RFC 3711 Appendix B.2 and B.3, RFC 6188 §7.1 and §7.2. */
class KeystreamAndKeyDerivationTest {

    /** Keystream for SSRC 0 and index 0 over {@code blocks} AES blocks. */
    private static byte[] keystream(String sessionKey, String sessionSalt, int blocks) {
        AesCounterMode cm = new AesCounterMode(Hex.bytes(sessionKey), Hex.bytes(sessionSalt));
        byte[] zeros = new byte[blocks * 16];
        byte[] out = new byte[zeros.length];
        cm.apply(0, 0, zeros, 0, zeros.length, out, 0);
        return out;
    }

    @Test
    void rfc3711AppendixB2AesCmKeystream() {
        // The counter runs from F0F1...FCFD0000 to F0F1...FCFDFF01: 0xFF02 blocks.
        byte[] ks = keystream("2B7E151628AED2A6ABF7158809CF4F3C", "F0F1F2F3F4F5F6F7F8F9FAFBFCFD", 0xFF02);
        assertEquals("e03ead0935c95e80e166b16dd92b4eb4"
                + "d23513162b02d0f72a43a2fe4a5f97ab"
                + "41e95b3bb0a2e8dd477901e4fca894c0", Hex.of(ks, 0, 48));
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4"
                + "362b7c3c6773516318a077d7fc5073ae"
                + "6a2cc3787889374fbeb4c81b17ba6c44", Hex.of(ks, ks.length - 48, 48));
    }

    @Test
    void rfc6188Section71Aes256CmKeystream() {
        byte[] ks = keystream("57f82fe3613fd170a85ec93c40b1f0922ec4cb0dc025b58272147cc438944a98",
                "F0F1F2F3F4F5F6F7F8F9FAFBFCFD", 0xFF02);
        assertEquals("92bdd28a93c3f52511c677d08b5515a4"
                + "9da71b2378a854f67050756ded165bac"
                + "63c4868b7096d88421b563b8c94c9a31", Hex.of(ks, 0, 48));
        assertEquals("cea518c90fd91ced9cbb18c078a54711"
                + "3dbc4814f4da5f00a08772b63c6a046d"
                + "6eb246913062a16891433e97dd01a57f", Hex.of(ks, ks.length - 48, 48));
    }

    @Test
    void ssrcAndIndexEnterTheCounterWhereRfc3711Puts() {
        // IV = salt·2^16 XOR SSRC·2^64 XOR index·2^16: with a zero salt the counter is
        // 00000000 | SSRC | index (48 bits) | 0000, so the keystream equals plain AES-CTR at that counter.
        byte[] key = Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C");
        AesCounterMode viaSrtp = new AesCounterMode(key, new byte[14]);
        AesCounterMode viaCounter = new AesCounterMode(key, Hex.bytes("00000000 12345678 0000ABCDEF01"));
        byte[] a = new byte[40];
        byte[] b = new byte[40];
        viaSrtp.apply(0x12345678, 0xABCDEF01L, new byte[40], 0, 40, a, 0);
        viaCounter.apply(0, 0, new byte[40], 0, 40, b, 0);
        assertEquals(Hex.of(b), Hex.of(a));
    }

    @Test
    void rfc3711AppendixB3KeyDerivation() {
        byte[] masterKey = Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] masterSalt = Hex.bytes("0EC675AD498AFEEBB6960B3AABE6");
        assertEquals("c61e7a93744f39ee10734afe3ff7a087",
                Hex.of(KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.LABEL_RTP_ENCRYPTION, 16)));
        assertEquals("30cbbc08863d8c85d49db34a9ae1",
                Hex.of(KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.LABEL_RTP_SALT, 14)));
        // The RFC prints 94 bytes of auth key output; SRTP uses the first 20.
        assertEquals(("CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE"
                + "E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25"
                + "6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2").replace(" ", "").toLowerCase(),
                Hex.of(KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.LABEL_RTP_AUTH, 94)));
    }

    @Test
    void rfc3711SessionKeysForRtpAndRtcp() {
        SrtpKeyMaterial key = new SrtpKeyMaterial(SrtpSuite.AES_CM_128_HMAC_SHA1_80,
                Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139"), Hex.bytes("0EC675AD498AFEEBB6960B3AABE6"));
        SessionKeys rtp = KeyDerivation.rtp(key);
        assertEquals("c61e7a93744f39ee10734afe3ff7a087", Hex.of(rtp.encryptionKey()));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", Hex.of(rtp.salt()));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4", Hex.of(rtp.authKey()));
        // The RFC lists no SRTCP vectors; labels 3, 4 and 5 were cross-checked with an independent
        // AES-CTR implementation (Python's cryptography package) from the same definition.
        SessionKeys rtcp = KeyDerivation.rtcp(key);
        assertEquals("4c1aa45a81f73d61c800bbb00fbb1eaa", Hex.of(rtcp.encryptionKey()));
        assertEquals("9581c7ad87b3e530bf3e4454a8b3", Hex.of(rtcp.salt()));
        assertEquals("8d54534feb49ae8e7993a6bd0b844fc323a93dfd", Hex.of(rtcp.authKey()));
    }

    @Test
    void rfc6188Section72Aes256KeyDerivation() {
        SrtpKeyMaterial key = new SrtpKeyMaterial(SrtpSuite.AES_256_CM_HMAC_SHA1_80,
                Hex.bytes("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6"),
                Hex.bytes("3b04803de51ee7c96423ab5b78d2"));
        SessionKeys rtp = KeyDerivation.rtp(key);
        assertEquals("5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4", Hex.of(rtp.encryptionKey()));
        assertEquals("fa31791685ca444a9e07c6c64e93", Hex.of(rtp.salt()));
        assertEquals("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05", Hex.of(rtp.authKey()));
        // Cross-checked as above.
        SessionKeys rtcp = KeyDerivation.rtcp(key);
        assertEquals("8ee75f2de53606ebfb9aabce0b530213ce0966976277ff918700903dcc406073", Hex.of(rtcp.encryptionKey()));
        assertEquals("b174376e041b45cd4031056e44ba", Hex.of(rtcp.salt()));
        assertEquals("0235c1262ca7178cf9d8180fa6574a1d997fdc7a", Hex.of(rtcp.authKey()));
    }

    @Test
    void gcmPadsItsTwelveByteSaltOnTheRightAndDerivesNoAuthKey() {
        // Cross-checked with the independent implementation: 14-byte PRF salt = 12-byte salt | 0000.
        SrtpKeyMaterial key = new SrtpKeyMaterial(SrtpSuite.AEAD_AES_128_GCM,
                Hex.bytes("000102030405060708090a0b0c0d0e0f"), Hex.bytes("517569642070726f2071756f"));
        SessionKeys rtp = KeyDerivation.rtp(key);
        assertEquals("b1bb5ee1803c7cb022c25343feb23261", Hex.of(rtp.encryptionKey()));
        assertEquals("52fa33dcddd7c677e513ce75", Hex.of(rtp.salt()));
        assertNull(rtp.authKey());
        SessionKeys rtcp = KeyDerivation.rtcp(key);
        assertEquals("02657506d1e93c6639357fb793c2b082", Hex.of(rtcp.encryptionKey()));
        assertEquals("6f09033e2235e99cc6537c7a", Hex.of(rtcp.salt()));
    }
}
