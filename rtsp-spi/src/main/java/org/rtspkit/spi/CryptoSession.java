package org.rtspkit.spi;

/**
 * One SRTP stream under a master key: its SSRC and its rollover counter (ROC, the number of times its
 * 16-bit sequence number has wrapped). MIKEY's CS ID map carries one per SSRC (RFC 3830 §6.1.1), so a
 * receiver that joins a running stream starts with the sender's ROC instead of 0.
 *
 * @param ssrc            0..2^32-1
 * @param rolloverCounter 0..2^32-1
 */
public record CryptoSession(long ssrc, long rolloverCounter) {
    private static final long U32 = 0xFFFF_FFFFL;

    /**
     * Checks that both values are 32-bit unsigned.
     *
     * @param ssrc 0..2^32-1
     * @param rolloverCounter 0..2^32-1
     * @throws IllegalArgumentException when a value is outside 0..2^32-1
     */
    public CryptoSession {
        if ((ssrc & ~U32) != 0) {
            throw new IllegalArgumentException("ssrc " + ssrc + " is not a 32-bit unsigned value");
        }
        if ((rolloverCounter & ~U32) != 0) {
            throw new IllegalArgumentException("rollover counter " + rolloverCounter + " is not a 32-bit unsigned value");
        }
    }
}
