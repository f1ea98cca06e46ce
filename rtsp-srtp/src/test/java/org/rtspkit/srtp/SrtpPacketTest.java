package org.rtspkit.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtspkit.spi.CryptoSession;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpCounters;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.spi.SrtpException.Reason;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.api.SrtpSuite;

/**
 * Whole packets: fixed vectors, round trips, rollover, replay, tampering, SRTCP index and E flag,
 * MKI, and refusals.
 *
 * <p>The fixed vectors' expected bytes were computed with an independent implementation written
 * from RFC 3711 and RFC 7714 on Python's cryptography package; the two plain RTP vectors also match
 * the reference packets libsrtp's test driver checks.
 */
class SrtpPacketTest {
    private static final JcaSrtpProvider PROVIDER = new JcaSrtpProvider();

    private static final SrtpKeyMaterial KEY_128 = new SrtpKeyMaterial(SrtpSuite.AES_CM_128_HMAC_SHA1_80,
            Hex.bytes("e1f97a0d3e018be0d64fa32c06de4139"), Hex.bytes("0ec675ad498afeebb6960b3aabe6"));
    private static final SrtpKeyMaterial KEY_256 = new SrtpKeyMaterial(SrtpSuite.AES_256_CM_HMAC_SHA1_80,
            Hex.bytes("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6"),
            Hex.bytes("3b04803de51ee7c96423ab5b78d2"));
    private static final SrtpKeyMaterial KEY_GCM = new SrtpKeyMaterial(SrtpSuite.AEAD_AES_128_GCM,
            Hex.bytes("000102030405060708090a0b0c0d0e0f"), Hex.bytes("517569642070726f2071756f"));

    private static final String RTP = "800f1234decafbadcafebabe" + "ab".repeat(16);
    private static final String RTCP = "81c8000d4d617273"
            + "4e5450314e545032525450200000042a0000e9304c756e61deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
    private static final String GCM_RTP = "8040f17b8041f8d35501a0b2"
            + "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573";

    private static SrtpContext context(SrtpKeyMaterial key) {
        return PROVIDER.createContext(key, List.of());
    }

    private static SrtpKeyMaterial key(SrtpSuite suite) {
        return switch (suite) {
            case AES_CM_128_HMAC_SHA1_80 -> KEY_128;
            case AES_256_CM_HMAC_SHA1_80 -> KEY_256;
            case AEAD_AES_128_GCM -> KEY_GCM;
        };
    }

    private static String protectRtp(SrtpContext c, String hex) throws SrtpException {
        byte[] in = Hex.bytes(hex);
        byte[] out = new byte[in.length + c.rtpOverhead()];
        return Hex.of(out, 0, c.protectRtp(in, 0, in.length, out, 0));
    }

    private static String protectRtcp(SrtpContext c, String hex) throws SrtpException {
        byte[] in = Hex.bytes(hex);
        byte[] out = new byte[in.length + c.rtcpOverhead()];
        return Hex.of(out, 0, c.protectRtcp(in, 0, in.length, out, 0));
    }

    /** RTP packet with the given sequence number, SSRC and a payload that depends on both. */
    private static byte[] rtp(int seq, int ssrc, int payloadLength) {
        byte[] p = new byte[12 + payloadLength];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[7] = (byte) seq;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) (i * 7 + seq);
        }
        return p;
    }

    private static byte[] protect(SrtpContext c, byte[] plain) throws SrtpException {
        byte[] out = new byte[plain.length + c.rtpOverhead()];
        int n = c.protectRtp(plain, 0, plain.length, out, 0);
        assertEquals(out.length, n);
        return out;
    }

    private static byte[] unprotect(SrtpContext c, byte[] srtp) throws SrtpException {
        byte[] copy = srtp.clone();
        int n = c.unprotectRtp(copy, 0, copy.length, copy, 0);
        return Arrays.copyOf(copy, n);
    }

    private static Reason refusal(ThrowingCall call) {
        return assertThrows(SrtpException.class, call::run).reason();
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws SrtpException;
    }

    // ---------------------------------------------------------------------------------------------
    // Fixed vectors

    @Test
    void aes128RtpVector() throws SrtpException {
        assertEquals("800f1234decafbadcafebabe" + "4e55dc4ce79978d88ca4d215949d2402" + "b78d6acc99ea179b8dbb",
                protectRtp(context(KEY_128), RTP));
    }

    @Test
    void aes256RtpVector() throws SrtpException {
        assertEquals("800f1234decafbadcafebabe" + "f1d9de17ff251ff1aa007774b0b4b40d" + "a08d9d9a5b3a55d8873b",
                protectRtp(context(KEY_256), RTP));
    }

    @Test
    void aes128RtpVectorWithCsrcsAndHeaderExtensionLeavesTheWholeHeaderClear() throws SrtpException {
        String header = "9260000700000064cafebabe" + "1111111122222222" + "bede0001" + "10ff0000";
        assertEquals(header + "a1591261a8b5c3e39435" + "caa7bf63ca4851cfdf17",
                protectRtp(context(KEY_128), header + "cd".repeat(10)));
    }

    @Test
    void aes128RtpVectorAfterRolloverAuthenticatesTheRoc() throws SrtpException {
        SrtpContext sender = PROVIDER.createContext(KEY_128, List.of(new CryptoSession(0xcafebabeL, 1)));
        assertEquals("80000005decafbadcafebabe" + "6d7b4b63e747c44c697234004307164b" + "20f047d0e2a66662b698",
                protectRtp(sender, "80000005decafbadcafebabe" + "ab".repeat(16)));
    }

    @Test
    void aes128RtcpVectorsCarryTheEFlagAndConsecutiveIndexes() throws SrtpException {
        SrtpContext c = context(KEY_128);
        assertEquals("81c8000d4d617273"
                + "d599710bd5222201571e97c205f620f59a028137c78bc3bccf535ce6d149260301bb2e643aa1ab4227f30339"
                + "80000000" + "cedbf6e3607b3c5462a0", protectRtcp(c, RTCP));
        assertEquals("81c8000d4d617273"
                + "f2bb7b81f9b988034c297110352c53781268f3d76040350f49086b0a2297239aeebaf47f1a17638ae7a25bc8"
                + "80000001" + "432cfe93cba0c4783d44", protectRtcp(c, RTCP));
    }

    @Test
    void aes256RtcpVector() throws SrtpException {
        assertEquals("81c8000d4d617273"
                + "c578f7bb3d8ff30a182097363d13fed7ab9e51417259b82df187bd7003e8bf7d2dea979b35eecc1a0fc2dfd7"
                + "80000000" + "6ecd02fc3e1dc760f156", protectRtcp(context(KEY_256), RTCP));
    }

    @Test
    void gcmVectorsWithKeyDerivation() throws SrtpException {
        SrtpContext c = context(KEY_GCM);
        assertEquals("8040f17b8041f8d35501a0b2"
                + "92cb0ecff0a0db188f7bff6b523933aacef8ae9585ed378a627836cb2d6a731d6c3490d925387db18c0661"
                + "762d59e50ad553d241535a", protectRtp(c, GCM_RTP));
        assertEquals("81c8000d4d617273"
                + "a946a22e2c0c8cfe8ebce23f11f07577df2afbadbf9c00339d22a00088b7b7b77be8c459d2dc6604008b7aab"
                + "ad771192101c604cd02a5214220dacf0" + "80000000", protectRtcp(c, RTCP));
    }

    @Test
    void mkiSitsBeforeTheTagForHmacAndAfterItForGcm() throws SrtpException {
        byte[] mki = Hex.bytes("01020304");
        assertEquals("800f1234decafbadcafebabe" + "4e55dc4ce79978d88ca4d215949d2402" + "01020304" + "b78d6acc99ea179b8dbb",
                protectRtp(context(KEY_128.withMki(mki)), RTP));
        assertEquals("81c8000d4d617273"
                + "d599710bd5222201571e97c205f620f59a028137c78bc3bccf535ce6d149260301bb2e643aa1ab4227f30339"
                + "80000000" + "01020304" + "cedbf6e3607b3c5462a0", protectRtcp(context(KEY_128.withMki(mki)), RTCP));
        assertEquals("8040f17b8041f8d35501a0b2"
                + "92cb0ecff0a0db188f7bff6b523933aacef8ae9585ed378a627836cb2d6a731d6c3490d925387db18c0661"
                + "762d59e50ad553d241535a" + "a1b2", protectRtp(context(KEY_GCM.withMki(Hex.bytes("a1b2"))), GCM_RTP));
    }

    // ---------------------------------------------------------------------------------------------
    // Round trips

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void rtpRoundTripsInPlaceAndAtOffsets(SrtpSuite suite) throws SrtpException {
        SrtpContext sender = context(key(suite));
        SrtpContext receiver = context(key(suite));
        assertEquals(suite.rtpOverhead(), sender.rtpOverhead());
        for (int seq = 100; seq < 110; seq++) {
            byte[] plain = rtp(seq, 0x1234, seq * 13 % 300);
            // In place, with room for the tag after the packet.
            byte[] buf = Arrays.copyOf(plain, plain.length + sender.rtpOverhead());
            int protectedLength = sender.protectRtp(buf, 0, plain.length, buf, 0);
            assertEquals(plain.length + suite.rtpOverhead(), protectedLength);
            // Out of place, into a frame that leaves 4 bytes for a TCP interleaved header.
            byte[] frame = new byte[4 + protectedLength];
            int n = receiver.unprotectRtp(buf, 0, protectedLength, frame, 4);
            assertEquals(Hex.of(plain), Hex.of(frame, 4, n));
        }
        SrtpCounters counters = receiver.counters();
        assertEquals(10, counters.rtpUnprotected());
        assertEquals(0, counters.failures());
        assertEquals(10, sender.counters().rtpProtected());
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void oneArrayAtTwoOverlappingOffsetsWorksBothWays(SrtpSuite suite) throws SrtpException {
        SrtpContext reference = context(key(suite));
        SrtpContext sender = context(key(suite));
        SrtpContext receiver = context(key(suite));
        byte[] plain = rtp(42, 0x77, 200);
        byte[] expected = protect(reference, plain);
        // Plain packet at 4, protected to 0 (down) and back to 4 (up), as a TCP framer might.
        byte[] buf = new byte[4 + expected.length];
        System.arraycopy(plain, 0, buf, 4, plain.length);
        int n = sender.protectRtp(buf, 4, plain.length, buf, 0);
        assertEquals(Hex.of(expected), Hex.of(buf, 0, n));
        int m = receiver.unprotectRtp(buf, 0, n, buf, 4);
        assertEquals(Hex.of(plain), Hex.of(buf, 4, m));

        byte[] rtcp = Hex.bytes(RTCP);
        byte[] up = new byte[8 + rtcp.length + sender.rtcpOverhead()];
        System.arraycopy(rtcp, 0, up, 0, rtcp.length);
        int k = sender.protectRtcp(up, 0, rtcp.length, up, 8);
        int back = receiver.unprotectRtcp(up, 8, k, up, 0);
        assertEquals(RTCP, Hex.of(up, 0, back));
    }

    @Test
    void concurrentSendersShareOneSrtcpIndexSequence() throws Exception {
        SrtpContext shared = context(KEY_128);
        byte[] rtcp = Hex.bytes(RTCP);
        int threads = 4;
        int each = 500;
        java.util.Set<Integer> indexes = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads + 1);
        try {
            List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    byte[] out = new byte[rtcp.length + shared.rtcpOverhead()];
                    for (int i = 0; i < each; i++) {
                        shared.protectRtcp(rtcp, 0, rtcp.length, out, 0);
                        indexes.add(RtpProtection.i32(out, rtcp.length) & 0x7FFFFFFF);
                    }
                    return null;
                }));
            }
            // RTP goes on meanwhile on its own lock.
            work.add(pool.submit(() -> {
                for (int seq = 0; seq < 2000; seq++) {
                    protect(shared, rtp(seq, 1, 100));
                }
                return null;
            }));
            for (java.util.concurrent.Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, indexes.size(), "every SRTCP index used once");
        assertEquals(threads * each, shared.counters().rtcpProtected());
        assertEquals(2000, shared.counters().rtpProtected());
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void rtcpRoundTripsAndTheIndexIsReplayProtected(SrtpSuite suite) throws SrtpException {
        SrtpContext sender = context(key(suite));
        SrtpContext receiver = context(key(suite));
        byte[] plain = Hex.bytes(RTCP);
        byte[][] sent = new byte[3][];
        for (int i = 0; i < 3; i++) {
            sent[i] = new byte[plain.length + sender.rtcpOverhead()];
            assertEquals(sent[i].length, sender.protectRtcp(plain, 0, plain.length, sent[i], 0));
            int wordAt = suite.isAead() ? sent[i].length - 4 : sent[i].length - 14;
            assertEquals(0x80000000 | i, RtpProtection.i32(sent[i], wordAt), "E flag and index " + i);
        }
        for (int i : new int[] {1, 0, 2}) {
            byte[] copy = sent[i].clone();
            int n = receiver.unprotectRtcp(copy, 0, copy.length, copy, 0);
            assertEquals(RTCP, Hex.of(copy, 0, n));
        }
        byte[] again = sent[1].clone();
        assertEquals(Reason.REPLAYED, refusal(() -> receiver.unprotectRtcp(again, 0, again.length, again, 0)));
        assertEquals(1, receiver.counters().replays());
        assertEquals(3, receiver.counters().rtcpUnprotected());
    }

    @Test
    void rtcpWithTheEFlagClearIsAuthenticatedAndPassedThrough() throws SrtpException {
        // Built by hand: clear RTCP | E=0 and index 7 | HMAC-SHA-1-80 over both with the SRTCP auth key.
        SessionKeys rtcpKeys = KeyDerivation.rtcp(KEY_128);
        byte[] plain = Hex.bytes(RTCP);
        byte[] packet = Arrays.copyOf(plain, plain.length + 14);
        packet[plain.length + 3] = 7;
        HmacSha1 mac = new HmacSha1(rtcpKeys.authKey());
        mac.start();
        mac.update(packet, 0, plain.length + 4);
        mac.finish();
        mac.copyTag(packet, plain.length + 4, 10);

        SrtpContext receiver = context(KEY_128);
        byte[] out = new byte[packet.length];
        int n = receiver.unprotectRtcp(packet, 0, packet.length, out, 0);
        assertEquals(RTCP, Hex.of(out, 0, n));

        packet[plain.length + 3] = 8; // a different index changes the authenticated data
        assertEquals(Reason.AUTHENTICATION_FAILED,
                refusal(() -> receiver.unprotectRtcp(packet, 0, packet.length, out, 0)));
    }

    // ---------------------------------------------------------------------------------------------
    // Rollover counter

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void rolloverFromSequence65535To0IncrementsTheRocOnBothSides(SrtpSuite suite) throws SrtpException {
        SrtpContext sender = context(key(suite));
        SrtpContext receiver = context(key(suite));
        int ssrc = 0x51515151;
        byte[][] sent = new byte[12][];
        int i = 0;
        for (int seq = 65530; seq < 65542; seq++) {
            sent[i++] = protect(sender, rtp(seq & 0xFFFF, ssrc, 40));
        }
        assertEquals(1, sender.rolloverCounter(ssrc & 0xFFFFFFFFL));
        // Delivered with some reordering around the wrap: 65535 after 0.
        int[] order = {0, 1, 2, 3, 4, 6, 5, 7, 8, 9, 10, 11};
        for (int k : order) {
            byte[] plain = unprotect(receiver, sent[k]);
            assertArrayEquals(rtp((65530 + k) & 0xFFFF, ssrc, 40), plain, "packet " + k);
        }
        assertEquals(1, receiver.rolloverCounter(ssrc & 0xFFFFFFFFL));
        // A receiver that assumes ROC 0 for a packet sent with ROC 1 cannot authenticate it.
        SrtpContext late = context(key(suite));
        assertEquals(Reason.AUTHENTICATION_FAILED, refusal(() -> unprotect(late, sent[11])));
        // One told the ROC (as MIKEY's CS ID map does) can.
        SrtpContext told = PROVIDER.createContext(key(suite), List.of(new CryptoSession(ssrc & 0xFFFFFFFFL, 1)));
        assertEquals(1, told.rolloverCounter(ssrc & 0xFFFFFFFFL));
        assertArrayEquals(rtp(5, ssrc, 40), unprotect(told, sent[11]));
    }

    @Test
    void aPacketFromJustBeforeTheWrapStillDecryptsWithTheOldRoc() throws SrtpException {
        SrtpContext sender = context(KEY_128);
        SrtpContext receiver = context(KEY_128);
        unprotect(receiver, protect(sender, rtp(65534, 9, 20)));
        byte[] last = protect(sender, rtp(65535, 9, 20));
        byte[] first = protect(sender, rtp(0, 9, 20));
        byte[] second = protect(sender, rtp(1, 9, 20));
        assertEquals(1, sender.rolloverCounter(9));
        unprotect(receiver, first);
        unprotect(receiver, second);
        assertArrayEquals(rtp(65535, 9, 20), unprotect(receiver, last), "65535 after the wrap uses ROC 0");
        assertEquals(1, receiver.rolloverCounter(9));
    }

    @Test
    void aSequenceNumberThatReadsAsBeforeTheFirstPacketIsRefused() throws SrtpException {
        SrtpContext receiver = context(KEY_128);
        unprotect(receiver, protect(context(KEY_128), rtp(0, 9, 20)));
        // With highest 0 and ROC 0, 65535 is closest as ROC - 1: before the stream began.
        byte[] earlier = protect(context(KEY_128), rtp(65535, 9, 20));
        assertEquals(Reason.REPLAYED, refusal(() -> unprotect(receiver, earlier)));
        // A sender refuses to produce such a packet at all.
        SrtpContext sender = context(KEY_128);
        protect(sender, rtp(0, 9, 20));
        assertEquals(Reason.INDEX_UNUSABLE, refusal(() -> protect(sender, rtp(65535, 9, 20))));
    }

    // ---------------------------------------------------------------------------------------------
    // Replay and tampering

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void replayedAndTooOldPacketsAreRefused(SrtpSuite suite) throws SrtpException {
        SrtpContext sender = context(key(suite));
        SrtpContext receiver = context(key(suite));
        byte[][] sent = new byte[100][];
        for (int seq = 0; seq < 100; seq++) {
            sent[seq] = protect(sender, rtp(seq, 77, 30));
        }
        unprotect(receiver, sent[0]);
        assertEquals(Reason.REPLAYED, refusal(() -> unprotect(receiver, sent[0])));
        for (int seq = 2; seq < 100; seq++) {
            unprotect(receiver, sent[seq]);
        }
        // 1 is 98 behind the highest (99): outside the 64-packet window.
        assertEquals(Reason.REPLAYED, refusal(() -> unprotect(receiver, sent[1])));
        // 40 is inside the window but was received.
        assertEquals(Reason.REPLAYED, refusal(() -> unprotect(receiver, sent[40])));
        assertEquals(3, receiver.counters().replays());
        assertEquals(99, receiver.counters().rtpUnprotected());
    }

    @Test
    void reorderedPacketsInsideTheWindowAreAccepted() throws SrtpException {
        SrtpContext sender = context(KEY_128);
        SrtpContext receiver = context(KEY_128);
        byte[][] sent = new byte[70][];
        for (int seq = 0; seq < 70; seq++) {
            sent[seq] = protect(sender, rtp(seq, 5, 10));
        }
        unprotect(receiver, sent[69]);
        unprotect(receiver, sent[6]); // 63 behind: the oldest slot of the window
        assertEquals(Reason.REPLAYED, refusal(() -> unprotect(receiver, sent[5]))); // 64 behind
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void aFlippedBitInPayloadOrTagFailsAuthenticationAndChangesNothing(SrtpSuite suite) throws SrtpException {
        SrtpContext sender = context(key(suite));
        SrtpContext receiver = context(key(suite));
        byte[] plain = rtp(10, 0xabcdef, 50);
        byte[] srtp = protect(sender, plain);
        for (int position : new int[] {12, 30, srtp.length - 1}) {
            byte[] tampered = srtp.clone();
            tampered[position] ^= 0x01;
            byte[] out = new byte[srtp.length];
            SrtpException e = assertThrows(SrtpException.class,
                    () -> receiver.unprotectRtp(tampered, 0, tampered.length, out, 0));
            assertEquals(Reason.AUTHENTICATION_FAILED, e.reason());
            assertTrue(e.getMessage().contains("tag mismatch"), e.getMessage());
            assertArrayEquals(new byte[srtp.length], out, "nothing written for a refused packet");
        }
        // The genuine packet is still new: the forgeries did not move the replay window.
        assertArrayEquals(plain, unprotect(receiver, srtp));
        assertEquals(3, receiver.counters().authenticationFailures());

        byte[] rtcp = Hex.bytes(RTCP);
        byte[] srtcp = new byte[rtcp.length + sender.rtcpOverhead()];
        sender.protectRtcp(rtcp, 0, rtcp.length, srtcp, 0);
        srtcp[9] ^= (byte) 0x80;
        assertEquals(Reason.AUTHENTICATION_FAILED, refusal(() -> receiver.unprotectRtcp(srtcp, 0, srtcp.length, srtcp, 0)));
        assertEquals(4, receiver.counters().authenticationFailures());
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void anotherKeyFailsAuthentication(SrtpSuite suite) throws SrtpException {
        byte[] srtp = protect(context(key(suite)), rtp(1, 1, 20));
        SrtpContext stranger = context(SrtpKeyMaterial.generate(suite));
        assertEquals(Reason.AUTHENTICATION_FAILED, refusal(() -> unprotect(stranger, srtp)));
    }

    @Test
    void garbageRtcpIsCountedAndRefused() {
        SrtpContext receiver = context(KEY_128);
        Random random = new Random(1);
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(80)];
            random.nextBytes(junk);
            try {
                receiver.unprotectRtcp(junk, 0, junk.length, junk, 0);
            } catch (SrtpException e) {
                refused++;
            }
        }
        assertEquals(200, refused);
        assertEquals(200, receiver.counters().failures());
        assertEquals(0, receiver.counters().rtcpUnprotected());
    }

    // ---------------------------------------------------------------------------------------------
    // MKI, malformed input, limits

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void mkiRoundTripsAndAnUnknownMkiIsRefused(SrtpSuite suite) throws SrtpException {
        SrtpKeyMaterial withMki = key(suite).withMki(Hex.bytes("0000002a"));
        SrtpContext sender = context(withMki);
        SrtpContext receiver = context(withMki);
        assertEquals(suite.rtpOverhead() + 4, sender.rtpOverhead());
        assertEquals(suite.rtcpOverhead() + 4, sender.rtcpOverhead());
        byte[] plain = rtp(3, 3, 25);
        assertArrayEquals(plain, unprotect(receiver, protect(sender, plain)));
        byte[] other = protect(context(key(suite).withMki(Hex.bytes("0000002b"))), rtp(4, 3, 25));
        assertEquals(Reason.UNKNOWN_MKI, refusal(() -> unprotect(receiver, other)));
    }

    @Test
    void malformedPacketsAreRefused() {
        SrtpContext c = context(KEY_128);
        byte[] out = new byte[200];
        assertEquals(Reason.MALFORMED, refusal(() -> c.protectRtp(new byte[8], 0, 8, out, 0)));
        byte[] versionOne = rtp(1, 1, 10);
        versionOne[0] = 0x40;
        assertEquals(Reason.MALFORMED, refusal(() -> c.protectRtp(versionOne, 0, versionOne.length, out, 0)));
        byte[] badExtension = rtp(1, 1, 4);
        badExtension[0] = (byte) 0x90; // X set, extension length (from the payload) runs past the end
        badExtension[14] = 0x10;
        assertEquals(Reason.MALFORMED, refusal(() -> c.protectRtp(badExtension, 0, badExtension.length, out, 0)));
        byte[] shortSrtp = rtp(1, 1, 4); // 16 bytes: shorter than header + tag
        assertEquals(Reason.MALFORMED, refusal(() -> c.unprotectRtp(shortSrtp, 0, 16, out, 0)));
        assertEquals(Reason.MALFORMED, refusal(() -> c.unprotectRtcp(new byte[20], 0, 20, out, 0)));
        byte[] plain = rtp(1, 1, 100);
        SrtpException noRoom = assertThrows(SrtpException.class,
                () -> c.protectRtp(plain, 0, plain.length, new byte[plain.length], 0));
        assertEquals(Reason.MALFORMED, noRoom.reason());
        assertTrue(noRoom.getMessage().contains("room"), noRoom.getMessage());
        assertEquals(6, c.counters().otherFailures());
    }

    @Test
    void protectingTheSameSequenceNumberTwiceIsRefused() throws SrtpException {
        for (SrtpSuite suite : SrtpSuite.values()) {
            SrtpContext sender = context(key(suite));
            protect(sender, rtp(500, 1, 10));
            assertEquals(Reason.INDEX_UNUSABLE, refusal(() -> protect(sender, rtp(500, 1, 10))), suite.name());
            protect(sender, rtp(502, 1, 10));
            protect(sender, rtp(501, 1, 10)); // late but never used: fine
        }
    }

    @Test
    void aKeyTracksABoundedNumberOfSsrcs() throws SrtpException {
        SrtpContext sender = context(KEY_128);
        for (int ssrc = 0; ssrc < SsrcTable.DEFAULT_CAPACITY; ssrc++) {
            protect(sender, rtp(1, ssrc, 4));
        }
        assertEquals(Reason.TOO_MANY_STREAMS, refusal(() -> protect(sender, rtp(1, 999, 4))));
        protect(sender, rtp(2, 5, 4)); // known SSRCs keep working
    }

    @Test
    void srtpExceptionsCarryNoStackTrace() {
        SrtpContext c = context(KEY_128);
        SrtpException e = assertThrows(SrtpException.class, () -> c.unprotectRtp(new byte[4], 0, 4, new byte[4], 0));
        assertEquals(0, e.getStackTrace().length);
    }
}
