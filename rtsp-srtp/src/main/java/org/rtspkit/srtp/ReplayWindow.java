package org.rtspkit.srtp;

/**
 * The sliding replay list of RFC 3711 §3.3.2 over 64 packet indexes: the highest index accepted and
 * a bit for each of the 63 before it. Checked before authentication, updated only after it passes,
 * so a forged packet cannot move the window.
 */
final class ReplayWindow {
    static final int SIZE = 64;

    private boolean empty = true;
    private long highest;
    /** Bit i set: index {@code highest - i} was accepted. */
    private long seen;

    /** Why {@code index} must be refused, or null when it is new. */
    String check(long index) {
        if (empty || index > highest) {
            return null;
        }
        long behind = highest - index;
        if (behind >= SIZE) {
            return "index " + index + " is older than the replay window (highest " + highest + ")";
        }
        if ((seen >>> behind & 1L) != 0) {
            return "index " + index + " was already received";
        }
        return null;
    }

    void accept(long index) {
        if (empty) {
            empty = false;
            highest = index;
            seen = 1L;
        } else if (index > highest) {
            long ahead = index - highest;
            seen = ahead >= SIZE ? 1L : seen << ahead | 1L;
            highest = index;
        } else {
            seen |= 1L << (highest - index);
        }
    }
}
