package org.rtspkit.srtp;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with SRTP's 12-byte IVs (RFC 7714 §8.1, §9.1): the session salt XORed with
 * {@code 00 00 | SSRC | ROC | SEQ} for RTP and {@code 00 00 | SSRC | 00 00 | 0 | SRTCP index} for RTCP.
 *
 * <p>The JDK's {@code AES/GCM/NoPadding} needs a new {@link GCMParameterSpec} per packet and builds
 * its GHASH state on every {@code init} (about 1.1 kB per packet on JDK 17, measured); there is no
 * way around that short of writing GCM by hand. It refuses to encrypt twice with the same key and
 * IV, which the callers report as an unusable index. Results always go through a scratch buffer
 * so that nothing reaches the caller's output before the tag is checked.
 */
final class AesGcm {
    static final int TAG_LENGTH = 16;
    static final int IV_LENGTH = 12;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] salt;
    private final byte[] iv = new byte[IV_LENGTH];
    private byte[] scratch = new byte[0];

    AesGcm(byte[] encryptionKey, byte[] salt) {
        if (salt.length != IV_LENGTH) {
            throw new IllegalArgumentException("GCM session salt must be 12 bytes, got " + salt.length);
        }
        this.key = new SecretKeySpec(encryptionKey, "AES");
        this.salt = salt.clone();
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is unavailable in this JDK", e);
        }
    }

    /** Sets the IV of an RTP packet. */
    void rtpIv(int ssrc, int roc, int seq) {
        setIv(ssrc, roc, (short) seq);
    }

    /** Sets the IV of an RTCP packet (the index without the E flag): its upper 16 bits land after two zero bytes. */
    void rtcpIv(int ssrc, int srtcpIndex) {
        setIv(ssrc, srtcpIndex >>> 16, (short) srtcpIndex);
    }

    private void setIv(int ssrc, int fourBytes, short twoBytes) {
        iv[0] = salt[0];
        iv[1] = salt[1];
        iv[2] = (byte) (salt[2] ^ (ssrc >>> 24));
        iv[3] = (byte) (salt[3] ^ (ssrc >>> 16));
        iv[4] = (byte) (salt[4] ^ (ssrc >>> 8));
        iv[5] = (byte) (salt[5] ^ ssrc);
        iv[6] = (byte) (salt[6] ^ (fourBytes >>> 24));
        iv[7] = (byte) (salt[7] ^ (fourBytes >>> 16));
        iv[8] = (byte) (salt[8] ^ (fourBytes >>> 8));
        iv[9] = (byte) (salt[9] ^ fourBytes);
        iv[10] = (byte) (salt[10] ^ (twoBytes >>> 8));
        iv[11] = (byte) (salt[11] ^ twoBytes);
    }

    /**
     * Starts encrypting with the IV last set.
     *
     * @return false when the JDK refuses because this key and IV were just used to encrypt
     */
    boolean startEncrypt() {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            return true;
        } catch (InvalidAlgorithmParameterException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM init failed on a valid key", e);
        }
    }

    /** Starts decrypting with the IV last set. */
    void startDecrypt() {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM init failed on a valid key", e);
        }
    }

    void aad(byte[] data, int offset, int length) {
        cipher.updateAAD(data, offset, length);
    }

    /** Encrypts and appends the tag: writes {@code length + 16} bytes at {@code outOffset}. */
    int seal(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        ensureScratch(length + TAG_LENGTH);
        try {
            int n = cipher.doFinal(in, inOffset, length, scratch, 0);
            System.arraycopy(scratch, 0, out, outOffset, n);
            return n;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Checks the tag at the end of {@code length} bytes and decrypts the rest.
     *
     * @return the plaintext length, or -1 when the tag does not match (nothing written)
     */
    int open(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        ensureScratch(length);
        int n;
        try {
            n = cipher.doFinal(in, inOffset, length, scratch, 0);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
        System.arraycopy(scratch, 0, out, outOffset, n);
        return n;
    }

    private void ensureScratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, 1500)];
        }
    }
}
