package org.rtspkit.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.NtpTime;
import org.rtspkit.spi.CryptoSession;
import org.rtspkit.spi.MikeyMessage;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.api.SrtpSuite;

/** MIKEY encoding, decoding and the checks on what peers send. */
class MikeyTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final JcaSrtpProvider PROVIDER = new JcaSrtpProvider();
    private static final String KEY_30 = "00112233445566778899aabbccddeeff" + "0102030405060708090a0b0c0d0e";

    // ---- hand-built messages: each helper is one payload, "next" is the type of the payload after it

    private static String header(String next, String... csEntries) {
        return "01" + "00" + next + "00" + "cafe0001" + hex8(csEntries.length) + "00" + String.join("", csEntries);
    }

    private static String cs(int policy, long ssrc, long roc) {
        return hex8(policy) + String.format("%08x%08x", ssrc, roc);
    }

    private static String t(String next, Instant time) {
        return next + "00" + String.format("%016x", NtpTime.encode(time));
    }

    private static String rand(String next) {
        return next + "10" + "5a".repeat(16);
    }

    private static String sp(String next, String params) {
        return next + "00" + "00" + String.format("%04x", params.length() / 2) + params;
    }

    private static String param(int type, int value) {
        return hex8(type) + "01" + hex8(value);
    }

    private static String kemac(String next, String... keyData) {
        String data = String.join("", keyData);
        return next + "00" + String.format("%04x", data.length() / 2) + data + "00";
    }

    private static String keyData(String next, int typeAndValidity, String key) {
        return next + hex8(typeAndValidity) + String.format("%04x", key.length() / 2) + key;
    }

    private static String hex8(int v) {
        return String.format("%02x", v);
    }

    /** GStreamer's policy: AES-CM, key length, HMAC-SHA-1, auth key length 10 (its tag length), all on. */
    private static final String GSTREAMER_POLICY = param(0, 1) + param(1, 16) + param(2, 1) + param(3, 10)
            + param(7, 1) + param(8, 1) + param(10, 1);

    private static String message(String policy, String kemac) {
        return header("05", cs(0, 0x30685760L, 0)) + t("0b", NOW.minusSeconds(5)) + rand("0a") + sp("01", policy) + kemac;
    }

    private static MikeyMessage decode(String hex) {
        return PROVIDER.decodeMikey(Hex.bytes(hex), NOW);
    }

    private static String rejection(String hex) {
        return assertThrows(MalformedDataException.class, () -> decode(hex)).getMessage();
    }

    // ---- round trips and layout

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void roundTripKeepsSuiteKeyMkiAndCryptoSessions(SrtpSuite suite) {
        SrtpKeyMaterial key = SrtpKeyMaterial.generate(suite).withMki(new byte[] {0, 0, 0, 7});
        List<CryptoSession> sessions = List.of(new CryptoSession(0xdeadbeefL, 0), new CryptoSession(0x12345678L, 3));
        byte[] wire = MikeyCodec.encode(new MikeyMessage(key, sessions), NOW, new Random(1));
        MikeyMessage back = PROVIDER.decodeMikey(wire, NOW.plusSeconds(30));
        assertEquals(suite, back.suite());
        assertEquals(key, back.keyMaterial());
        assertEquals(sessions, back.cryptoSessions());
    }

    @Test
    void eachEncodingIsFreshButCarriesTheSameKey() {
        MikeyMessage m = new MikeyMessage(SrtpKeyMaterial.generate(SrtpSuite.DEFAULT), List.of());
        byte[] a = PROVIDER.encodeMikey(m);
        byte[] b = PROVIDER.encodeMikey(m);
        assertNotEquals(Hex.of(a), Hex.of(b), "CSB ID and RAND are random");
        assertEquals(PROVIDER.decodeMikey(a).keyMaterial(), PROVIDER.decodeMikey(b).keyMaterial());
    }

    @Test
    void defaultSuiteEncodingHasTheLayoutClientsExpect() {
        SrtpKeyMaterial key = SrtpKeyMaterial.fromConcatenated(SrtpSuite.AES_CM_128_HMAC_SHA1_80, Hex.bytes(KEY_30), null);
        byte[] wire = MikeyCodec.encode(new MikeyMessage(key, List.of(new CryptoSession(0x01020304L, 5))),
                NOW, new Random(1));
        String hex = Hex.of(wire);
        // HDR: version 1, PSK init, next = T, V=0 PRF=0, CSB ID (random), 1 CS, SRTP-ID map: policy 0, SSRC, ROC.
        assertTrue(hex.startsWith("01000500"), hex);
        assertEquals("0100" + "00" + "01020304" + "00000005", hex.substring(16, 38));
        // T (next RAND, NTP-UTC), then RAND (next SP, 16 bytes).
        assertEquals("0b00" + String.format("%016x", NtpTime.encode(NOW)), hex.substring(38, 58));
        assertEquals("0a10", hex.substring(58, 62));
        // SP (next KEMAC, policy 0, SRTP) with EncrAlg 1, key 16, HMAC-SHA-1, auth key 20, enc/enc/auth on, tag 10.
        assertEquals("01" + "00" + "00" + "0018" + "000101" + "010110" + "020101" + "030114" + "070101" + "080101"
                + "0a0101" + "0b010a", hex.substring(94, 152));
        // KEMAC (last, NULL encryption, 34 bytes): one TEK, KV null, 30 bytes; MAC NULL.
        assertEquals("00" + "00" + "0022" + "00" + "20" + "001e" + KEY_30 + "00", hex.substring(152));
        assertEquals(115, wire.length);
    }

    @Test
    void aGstreamerStyleMessageIsAccepted() {
        MikeyMessage m = decode(message(GSTREAMER_POLICY, kemac("00", keyData("00", 0x20, KEY_30))));
        assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, m.suite());
        assertEquals(KEY_30, Hex.of(m.keyMaterial().concatenated()));
        assertEquals(List.of(new CryptoSession(0x30685760L, 0)), m.cryptoSessions());
        assertFalse(m.keyMaterial().hasMki());
    }

    @Test
    void aes256AndMkiAndASeparateSaltAreRead() {
        String key256 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        String salt = "0102030405060708090a0b0c0d0e";
        String policy = param(0, 1) + param(1, 32) + param(2, 1) + param(3, 20) + param(11, 10);
        // TEK+SALT (type 3) with an SPI (KV 1): key length, key, salt length, salt, SPI length, SPI.
        String sub = "00" + "31" + "0020" + key256 + "000e" + salt + "02" + "beef";
        MikeyMessage m = decode(message(policy, kemac("00", sub)));
        assertEquals(SrtpSuite.AES_256_CM_HMAC_SHA1_80, m.suite());
        assertEquals(key256 + salt, Hex.of(m.keyMaterial().concatenated()));
        assertArrayEquals(Hex.bytes("beef"), m.keyMaterial().mki());
    }

    @Test
    void gcmPolicyIsRead() {
        String policy = param(0, 6) + param(1, 16) + param(4, 12) + param(20, 16);
        MikeyMessage m = decode(message(policy, kemac("00", keyData("00", 0x20, "00".repeat(28)))));
        assertEquals(SrtpSuite.AEAD_AES_128_GCM, m.suite());
    }

    @Test
    void defaultsApplyToParametersThePolicyLeavesOut() {
        // RFC 3830 §6.10.1: AES-CM, 16-byte key, HMAC-SHA-1, everything on.
        assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80,
                decode(message("", kemac("00", keyData("00", 0x20, KEY_30)))).suite());
    }

    @Test
    void oneTrailingZeroByteIsTolerated() {
        String m = message(GSTREAMER_POLICY, kemac("00", keyData("00", 0x20, KEY_30)));
        assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, decode(m + "00").suite());
        assertTrue(rejection(m + "0000").contains("2 unexpected bytes after the last payload"));
        assertTrue(rejection(m + "01").contains("1 unexpected bytes"));
    }

    @Test
    void idAndGeneralExtensionPayloadsAreSkipped() {
        String m = header("05", cs(0, 1, 0)) + t("06", NOW) + "15" + "01" + "0003" + "616263" // ID, next = GEN_EXT
                + "0b" + "00" + "0002" + "0000" // general extension, next = RAND
                + rand("0a") + sp("01", GSTREAMER_POLICY) + kemac("00", keyData("00", 0x20, KEY_30));
        assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, decode(m).suite());
    }

    // ---- rejections, each with a message that says what was wrong

    @Test
    void aTimestampMoreThanAnHourAwayIsRefused() {
        String old = header("05", cs(0, 1, 0)) + t("0b", NOW.minus(Duration.ofMinutes(61))) + rand("0a")
                + sp("01", GSTREAMER_POLICY) + kemac("00", keyData("00", 0x20, KEY_30));
        assertTrue(rejection(old).contains("more than 1 h from now"), rejection(old));
        String future = old.replace(String.format("%016x", NtpTime.encode(NOW.minus(Duration.ofMinutes(61)))),
                String.format("%016x", NtpTime.encode(NOW.plus(Duration.ofMinutes(61)))));
        assertTrue(rejection(future).contains("NTP difference is too high"));
        String fine = old.replace(String.format("%016x", NtpTime.encode(NOW.minus(Duration.ofMinutes(61)))),
                String.format("%016x", NtpTime.encode(NOW.minus(Duration.ofMinutes(59)))));
        decode(fine);
    }

    @Test
    void missingPayloadsAreNamed() {
        String kem = kemac("00", keyData("00", 0x20, KEY_30));
        assertEquals("invalid MIKEY message: T payload missing",
                rejection(header("0b", cs(0, 1, 0)) + rand("0a") + sp("01", GSTREAMER_POLICY) + kem));
        assertEquals("invalid MIKEY message: SP payload missing",
                rejection(header("05", cs(0, 1, 0)) + t("0b", NOW) + rand("01") + kem));
        assertEquals("invalid MIKEY message: KEMAC payload missing",
                rejection(header("05", cs(0, 1, 0)) + t("0b", NOW) + rand("0a") + sp("00", GSTREAMER_POLICY)));
    }

    @Test
    void policiesThatNameSomethingElseAreRefused() {
        String kem = kemac("00", keyData("00", 0x20, KEY_30));
        assertTrue(rejection(message(param(0, 2), kem)).contains("encryption algorithm 2"));
        assertTrue(rejection(message(param(0, 0), kem)).contains("encryption algorithm 0"));
        assertTrue(rejection(message(param(1, 24), kem)).contains("24-byte key"));
        assertTrue(rejection(message(param(2, 0), kem)).contains("authentication algorithm 0"));
        assertTrue(rejection(message(param(7, 0), kem)).contains("encryption off"));
        assertTrue(rejection(message(param(8, 0), kem)).contains("encryption off"));
        assertTrue(rejection(message(param(10, 0), kem)).contains("authentication off"));
        assertTrue(rejection(message(param(11, 4), kem)).contains("4-byte authentication tag"));
        assertTrue(rejection(message(param(3, 4), kem)).contains("HMAC_SHA1_32"));
        assertTrue(rejection(message(param(4, 12), kem)).contains("12-byte salt"));
        assertTrue(rejection(message(param(6, 16), kem)).contains("key derivation rate 16"));
        String otherProtocol = header("05", cs(0, 1, 0)) + t("0b", NOW) + rand("0a") + "01" + "00" + "01" + "0000" + kem;
        assertTrue(rejection(otherProtocol).contains("security protocol 1"));
        String otherPolicy = header("05", cs(3, 1, 0)) + t("0b", NOW) + rand("0a") + sp("01", GSTREAMER_POLICY) + kem;
        assertTrue(rejection(otherPolicy).contains("policy 3"));
    }

    @Test
    void kemacMustHoldExactlyOneTekOfTheRightLength() {
        String two = kemac("00", keyData("14", 0x20, KEY_30), keyData("00", 0x20, KEY_30));
        assertEquals("invalid MIKEY message: KEMAC carries 2 keys; exactly one is required",
                rejection(message(GSTREAMER_POLICY, two)));
        assertEquals("invalid MIKEY message: KEMAC carries 0 keys; exactly one is required",
                rejection(message(GSTREAMER_POLICY, kemac("00"))));
        String shortKey = kemac("00", keyData("00", 0x20, KEY_30.substring(2)));
        assertEquals("invalid MIKEY message: KEMAC key is 29 bytes; AES_CM_128_HMAC_SHA1_80 needs 30"
                + " (16-byte key and 14-byte salt)", rejection(message(GSTREAMER_POLICY, shortKey)));
        String aes256Policy = param(1, 32);
        assertTrue(rejection(message(aes256Policy, kemac("00", keyData("00", 0x20, KEY_30))))
                .contains("AES_256_CM_HMAC_SHA1_80 needs 46"));
        assertTrue(rejection(message(GSTREAMER_POLICY, kemac("00", keyData("00", 0x00, KEY_30))))
                .contains("TEK generation key"));
        String encrypted = "00" + "01" + "0022" + keyData("00", 0x20, KEY_30) + "00";
        assertTrue(rejection(message(GSTREAMER_POLICY, encrypted)).contains("KEMAC is encrypted"));
    }

    @Test
    void headerProblemsAreNamed() {
        String good = message(GSTREAMER_POLICY, kemac("00", keyData("00", 0x20, KEY_30)));
        assertEquals("invalid MIKEY message: version 2, expected 1", rejection("02" + good.substring(2)));
        assertTrue(rejection(good.substring(0, 2) + "04" + good.substring(4)).contains("data type 4"));
        assertTrue(rejection(good.substring(0, 18) + "01" + good.substring(20)).contains("CS ID map type 1"));
        assertEquals("invalid MIKEY message: no data",
                assertThrows(MalformedDataException.class, () -> PROVIDER.decodeMikey(new byte[0], NOW)).getMessage());
    }

    @Test
    void everyTruncationIsRefusedWithAMessage() {
        byte[] whole = Hex.bytes(message(GSTREAMER_POLICY, kemac("00", keyData("00", 0x20, KEY_30))));
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(whole, n);
            MalformedDataException e = assertThrows(MalformedDataException.class,
                    () -> PROVIDER.decodeMikey(cut, NOW), "length " + n);
            assertTrue(e.getMessage().startsWith("invalid MIKEY message: "), e.getMessage());
        }
        assertTrue(rejection(Hex.of(whole, 0, 25)).contains("truncated in the T payload"));
    }

    @Test
    void mutatedMessagesNeverEscapeAsAnythingButMalformedData() {
        byte[] whole = Hex.bytes(message(GSTREAMER_POLICY, kemac("00", keyData("00", 0x20, KEY_30))));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] m = whole.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            try {
                PROVIDER.decodeMikey(m, NOW);
            } catch (MalformedDataException expected) {
                assertTrue(expected.getMessage().startsWith("invalid MIKEY message: "));
            }
        }
    }
}
