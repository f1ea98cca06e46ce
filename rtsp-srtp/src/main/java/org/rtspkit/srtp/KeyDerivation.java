package org.rtspkit.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.api.SrtpSuite;

/**
 * The SRTP key derivation function with a key derivation rate of 0 (RFC 3711 §4.3): the AES-CM PRF
 * keyed with the master key, at the counter {@code (master_salt XOR label << 48) << 16}. Runs once
 * per context, so it may allocate.
 *
 * <p>AES-256 master keys give an AES-256 PRF (RFC 6188 §3). GCM's 12-byte master salt is padded
 * with two zero bytes on the right to the 14 bytes the PRF input needs (RFC 7714 §11).
 */
final class KeyDerivation {
    static final int LABEL_RTP_ENCRYPTION = 0;
    static final int LABEL_RTP_AUTH = 1;
    static final int LABEL_RTP_SALT = 2;
    static final int LABEL_RTCP_ENCRYPTION = 3;
    static final int LABEL_RTCP_AUTH = 4;
    static final int LABEL_RTCP_SALT = 5;

    /** HMAC-SHA-1 session authentication keys are 160 bits (RFC 3711 §8.2). */
    static final int AUTH_KEY_LENGTH = 20;

    /** The PRF input is the 112-bit salt; the label is XORed into its byte at index 7 (bits 48..55 from the right). */
    private static final int PRF_SALT_LENGTH = 14;
    private static final int LABEL_BYTE = 7;

    private KeyDerivation() {
    }

    /** {@code length} bytes of PRF output for one label. */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        if (masterSalt.length > PRF_SALT_LENGTH) {
            throw new IllegalArgumentException("master salt of " + masterSalt.length + " bytes is longer than 14");
        }
        byte[] counter = new byte[16];
        System.arraycopy(masterSalt, 0, counter, 0, masterSalt.length);
        counter[LABEL_BYTE] ^= (byte) label;
        try {
            Cipher prf = Cipher.getInstance("AES/CTR/NoPadding");
            prf.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(counter));
            return prf.doFinal(new byte[length]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding is unavailable in this JDK", e);
        }
    }

    /** The SRTP session keys (labels 0, 1 and 2) of a master key. */
    static SessionKeys rtp(SrtpKeyMaterial key) {
        return session(key, LABEL_RTP_ENCRYPTION, LABEL_RTP_AUTH, LABEL_RTP_SALT);
    }

    /** The SRTCP session keys (labels 3, 4 and 5) of a master key. */
    static SessionKeys rtcp(SrtpKeyMaterial key) {
        return session(key, LABEL_RTCP_ENCRYPTION, LABEL_RTCP_AUTH, LABEL_RTCP_SALT);
    }

    private static SessionKeys session(SrtpKeyMaterial key, int encryptionLabel, int authLabel, int saltLabel) {
        SrtpSuite suite = key.suite();
        byte[] masterKey = key.masterKey();
        byte[] masterSalt = key.masterSalt();
        try {
            return new SessionKeys(
                    derive(masterKey, masterSalt, encryptionLabel, suite.masterKeyLength()),
                    derive(masterKey, masterSalt, saltLabel, suite.masterSaltLength()),
                    suite.isAead() ? null : derive(masterKey, masterSalt, authLabel, AUTH_KEY_LENGTH));
        } finally {
            java.util.Arrays.fill(masterKey, (byte) 0);
            java.util.Arrays.fill(masterSalt, (byte) 0);
        }
    }
}
