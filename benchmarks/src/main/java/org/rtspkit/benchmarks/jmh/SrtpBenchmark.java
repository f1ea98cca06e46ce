package org.rtspkit.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.spi.SrtpProvider;
import org.rtspkit.spi.SrtpProviders;
import org.rtspkit.api.SrtpSuite;

/**
 * SRTP protect and unprotect of one 1,400-byte RTP packet through the {@code rtsp-srtp} provider,
 * beside the bare JCA work the AES-CM suites cannot avoid (one AES-CTR pass and one HMAC-SHA1 over
 * the packet, objects reused) and, for GCM, one AES-GCM encryption. The provider's cost above the
 * baseline is what its own bookkeeping (key stream IV, rollover counter, replay window) adds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SrtpBenchmark {
    /** Packets protected ahead for unprotect: replay protection refuses a sequence number twice. */
    private static final int RING = 1024;
    private static final int PAYLOAD = 1400 - RtpPacket.HEADER_SIZE;

    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public SrtpSuite suite;

    private SrtpProvider provider;
    private SrtpKeyMaterial key;
    private SrtpContext sender;
    private SrtpContext receiver;
    private byte[] plain;
    private byte[] out;
    private byte[][] protectedRing;
    private int[] protectedLength;
    private int next;
    private int sequence;

    // The JCA baseline, objects made once.
    private Cipher ctr;
    private Cipher gcm;
    private SecretKeySpec aesKey;
    private Mac hmac;
    private final byte[] iv = new byte[16];
    private final byte[] gcmIv = new byte[12];
    private long gcmCounter;

    @Setup
    public void setUp() throws GeneralSecurityException {
        provider = SrtpProviders.require();
        key = SrtpKeyMaterial.generate(suite);
        sender = provider.createContext(key, List.of());
        receiver = provider.createContext(key, List.of());
        byte[] payload = new byte[PAYLOAD];
        new Random(1).nextBytes(payload);
        plain = RtpPacket.of(true, 96, 0, 90_000, 0x1234_5678L, payload).marshal();
        out = new byte[plain.length + 64];
        protectedRing = new byte[RING][];
        protectedLength = new int[RING];
        SrtpContext ahead = provider.createContext(key, List.of());
        for (int i = 0; i < RING; i++) {
            byte[] packet = plain.clone();
            ByteBuffer.wrap(packet).putShort(2, (short) i);
            protectedRing[i] = new byte[packet.length + 64];
            protectedLength[i] = protect(ahead, packet, protectedRing[i]);
        }

        aesKey = new SecretKeySpec(key.masterKey(), "AES");
        ctr = Cipher.getInstance("AES/CTR/NoPadding");
        gcm = Cipher.getInstance("AES/GCM/NoPadding");
        hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
    }

    private static int protect(SrtpContext context, byte[] packet, byte[] into) {
        try {
            return context.protectRtp(packet, 0, packet.length, into, 0);
        } catch (SrtpException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public int protect() throws SrtpException {
        // A new sequence number each time, as a sender makes them; the rollover counter moves too.
        sequence = (sequence + 1) & 0xFFFF;
        plain[2] = (byte) (sequence >>> 8);
        plain[3] = (byte) sequence;
        return sender.protectRtp(plain, 0, plain.length, out, 0);
    }

    @Benchmark
    public int unprotect() throws SrtpException {
        if (next == RING) {
            // Start over with a fresh receiver: the ring's sequence numbers would be replays now.
            // A key derivation every 1,024 packets adds a few nanoseconds per packet.
            receiver = provider.createContext(key, List.of());
            next = 0;
        }
        int i = next++;
        return receiver.unprotectRtp(protectedRing[i], 0, protectedLength[i], out, 0);
    }

    /** What every AES-CM SRTP protect needs at least: encrypt the payload, authenticate the packet. */
    @Benchmark
    public int jcaBaseline() throws GeneralSecurityException {
        if (suite.isAead()) {
            // GCM refuses a repeated IV under one key, so count through IVs as SRTP's index does.
            long n = ++gcmCounter;
            for (int i = 0; i < 8; i++) {
                gcmIv[11 - i] = (byte) (n >>> (8 * i));
            }
            gcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, gcmIv));
            gcm.updateAAD(plain, 0, RtpPacket.HEADER_SIZE);
            return gcm.doFinal(plain, RtpPacket.HEADER_SIZE, PAYLOAD, out, RtpPacket.HEADER_SIZE);
        }
        iv[15]++;
        ctr.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
        int n = ctr.doFinal(plain, RtpPacket.HEADER_SIZE, PAYLOAD, out, RtpPacket.HEADER_SIZE);
        hmac.update(out, 0, plain.length);
        hmac.update(iv, 12, 4);
        byte[] tag = hmac.doFinal();
        System.arraycopy(tag, 0, out, plain.length, 10);
        return n + tag.length;
    }
}
