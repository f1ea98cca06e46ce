package org.rtspkit.formats;

/**
 * The limits every depacketizer keeps to.
 *
 * @param maxAccessUnitSize    the largest access unit a depacketizer assembles, in bytes; a larger one is
 *                             dropped and counted ({@link DepacketizerStats#unitsOversized()}), so a
 *                             sender cannot make it hold more memory than this
 * @param waitForRandomAccess  whether a video depacketizer drops access units until one it can be decoded
 *                             from (an IDR picture, a key frame) at the start and after every loss; audio
 *                             formats ignore it
 */
public record DepacketizerSettings(int maxAccessUnitSize, boolean waitForRandomAccess) {
    /** Default {@code maxAccessUnitSize}: 8 MiB, above any picture of a 4K stream at a sane bit rate. */
    public static final int DEFAULT_MAX_ACCESS_UNIT_SIZE = 8 << 20;

    /**
     * Checks the limit.
     *
     * @param maxAccessUnitSize the largest access unit assembled, in bytes, at least 1
     * @param waitForRandomAccess whether video waits for a random-access point at the start and after a loss
     */
    public DepacketizerSettings {
        if (maxAccessUnitSize < 1) {
            throw new IllegalArgumentException("maxAccessUnitSize must be positive: " + maxAccessUnitSize);
        }
    }

    /**
     * {@link #DEFAULT_MAX_ACCESS_UNIT_SIZE}, and video waits for random access.
     *
     * @return the default settings
     */
    public static DepacketizerSettings defaults() {
        return new DepacketizerSettings(DEFAULT_MAX_ACCESS_UNIT_SIZE, true);
    }

    /**
     * A copy with another largest access unit.
     *
     * @param newMaxAccessUnitSize the largest access unit assembled, in bytes
     * @return new settings
     */
    public DepacketizerSettings withMaxAccessUnitSize(int newMaxAccessUnitSize) {
        return new DepacketizerSettings(newMaxAccessUnitSize, waitForRandomAccess);
    }

    /**
     * A copy that does or does not wait for random access.
     *
     * @param newWaitForRandomAccess whether video waits for a random-access point
     * @return new settings
     */
    public DepacketizerSettings withWaitForRandomAccess(boolean newWaitForRandomAccess) {
        return new DepacketizerSettings(maxAccessUnitSize, newWaitForRandomAccess);
    }
}
