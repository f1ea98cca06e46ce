package org.rtspkit.srtp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA-1 (RFC 2104) over the JDK's {@code SHA-1} digest, writing into buffers it owns.
 *
 * <p>Why not {@code Mac.getInstance("HmacSHA1")}: its {@code doFinal(byte[], int)} still allocates
 * the inner digest (40 bytes per packet, measured), while {@link MessageDigest#digest(byte[], int, int)}
 * writes in place. The work is the same: the JDK's HMAC also hashes the padded key block at the
 * start of every message. Not thread-safe; each SRTP direction owns one.
 */
final class HmacSha1 {
    static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] inner = new byte[LENGTH];
    private final byte[] result = new byte[LENGTH];
    private final byte[] word = new byte[4];

    HmacSha1(byte[] key) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is unavailable in this JDK", e);
        }
        byte[] k = key.length > BLOCK ? sha1.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
    }

    /** Starts a message. */
    void start() {
        sha1.reset();
        sha1.update(innerPad);
    }

    void update(byte[] data, int offset, int length) {
        sha1.update(data, offset, length);
    }

    /** Appends a 32-bit big-endian value (the ROC of SRTP's authenticated data). */
    void updateInt(int value) {
        word[0] = (byte) (value >>> 24);
        word[1] = (byte) (value >>> 16);
        word[2] = (byte) (value >>> 8);
        word[3] = (byte) value;
        sha1.update(word, 0, 4);
    }

    /** Ends the message; the tag is then available to {@link #copyTag} and {@link #matches}. */
    void finish() {
        try {
            sha1.digest(inner, 0, LENGTH);
            sha1.update(outerPad);
            sha1.update(inner);
            sha1.digest(result, 0, LENGTH);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-1 digest of 20 bytes did not fit 20 bytes", e);
        }
    }

    /** Writes the first {@code length} bytes of the tag (the truncated tag SRTP sends). */
    void copyTag(byte[] out, int offset, int length) {
        System.arraycopy(result, 0, out, offset, length);
    }

    /** Compares the first {@code length} bytes of the tag with a received one, in constant time. */
    boolean matches(byte[] received, int offset, int length) {
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= result[i] ^ received[offset + i];
        }
        return diff == 0;
    }
}
