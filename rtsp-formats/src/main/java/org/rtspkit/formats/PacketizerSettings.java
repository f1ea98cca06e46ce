package org.rtspkit.formats;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What every packetizer is configured with: the largest payload it may write and the first values of
 * the RTP header fields it owns.
 *
 * @param maxPayloadSize        the largest RTP payload, in bytes, header excluded (the server's largest
 *                              packet less {@value org.rtspkit.api.RtpPacket#HEADER_SIZE}); each format
 *                              has its own floor, checked when its packetizer is made
 * @param ssrc                  the synchronization source written in every packet, unsigned 32-bit (an
 *                              engine that owns SSRCs overwrites it)
 * @param initialSequenceNumber the sequence number of the first packet, 0..65535; the next ones follow it
 *                              across calls, wrapping at 65536
 * @param initialTimestamp      the RTP timestamp of presentation time 0, unsigned 32-bit
 */
public record PacketizerSettings(int maxPayloadSize, long ssrc, int initialSequenceNumber, long initialTimestamp) {
    /**
     * Default {@code maxPayloadSize}: 1460 bytes, a 1500-byte Ethernet MTU less the IPv4, UDP and RTP
     * headers (rtspkit's default largest packet, 1472 bytes, less the RTP header).
     */
    public static final int DEFAULT_MAX_PAYLOAD_SIZE = 1460;

    /**
     * Checks every field against its width on the wire.
     *
     * @param maxPayloadSize the largest RTP payload in bytes, 1..65523
     * @param ssrc the synchronization source, unsigned 32-bit
     * @param initialSequenceNumber the first sequence number, 0..65535
     * @param initialTimestamp the RTP timestamp of presentation time 0, unsigned 32-bit
     */
    public PacketizerSettings {
        if (maxPayloadSize < 1 || maxPayloadSize > 65535 - 12) {
            throw new IllegalArgumentException("maxPayloadSize must be 1..65523: " + maxPayloadSize);
        }
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc must be an unsigned 32-bit value: " + ssrc);
        }
        if (initialSequenceNumber < 0 || initialSequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("initialSequenceNumber must be 0..65535: " + initialSequenceNumber);
        }
        if (initialTimestamp < 0 || initialTimestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("initialTimestamp must be an unsigned 32-bit value: " + initialTimestamp);
        }
    }

    /**
     * {@link #DEFAULT_MAX_PAYLOAD_SIZE}, and a random SSRC, first sequence number and first timestamp, as
     * RFC 3550 §5.1 asks.
     *
     * @return new settings
     */
    public static PacketizerSettings defaults() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new PacketizerSettings(DEFAULT_MAX_PAYLOAD_SIZE, random.nextLong(1L << 32), random.nextInt(1 << 16),
                random.nextLong(1L << 32));
    }

    /**
     * A copy with another largest payload.
     *
     * @param newMaxPayloadSize the largest RTP payload in bytes
     * @return new settings
     */
    public PacketizerSettings withMaxPayloadSize(int newMaxPayloadSize) {
        return new PacketizerSettings(newMaxPayloadSize, ssrc, initialSequenceNumber, initialTimestamp);
    }

    /**
     * A copy with another SSRC.
     *
     * @param newSsrc the synchronization source, unsigned 32-bit
     * @return new settings
     */
    public PacketizerSettings withSsrc(long newSsrc) {
        return new PacketizerSettings(maxPayloadSize, newSsrc, initialSequenceNumber, initialTimestamp);
    }

    /**
     * A copy with another first sequence number.
     *
     * @param newInitialSequenceNumber the first sequence number, 0..65535
     * @return new settings
     */
    public PacketizerSettings withInitialSequenceNumber(int newInitialSequenceNumber) {
        return new PacketizerSettings(maxPayloadSize, ssrc, newInitialSequenceNumber, initialTimestamp);
    }

    /**
     * A copy with another timestamp for presentation time 0.
     *
     * @param newInitialTimestamp the RTP timestamp of presentation time 0, unsigned 32-bit
     * @return new settings
     */
    public PacketizerSettings withInitialTimestamp(long newInitialTimestamp) {
        return new PacketizerSettings(maxPayloadSize, ssrc, initialSequenceNumber, newInitialTimestamp);
    }
}
