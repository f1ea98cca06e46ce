package org.rtspkit.api;

/**
 * A reception report block (RFC 3550 §6.4.1). Unsigned fields are held in {@code long}s.
 *
 * @param ssrc               the source this block reports on
 * @param fractionLost       lost since the previous report, as a fraction of 256 (0..255)
 * @param totalLost          cumulative packets lost, 24-bit signed (-8388608..8388607); duplicates can
 *                           make it negative. Senders cap positive values at 8388607 (0x7FFFFF).
 * @param lastSequenceNumber extended highest sequence number received (cycles in the high 16 bits)
 * @param jitter             interarrival jitter in timestamp units
 * @param lastSenderReport   middle 32 bits of the NTP timestamp of the last SR received (LSR)
 * @param delay              delay since that SR in units of 1/65536 s (DLSR)
 */
public record ReceptionReport(long ssrc, int fractionLost, int totalLost, long lastSequenceNumber, long jitter,
                              long lastSenderReport, long delay) {
    /** Largest {@code totalLost} the 24-bit signed field holds. */
    public static final int MAX_TOTAL_LOST = 0x7F_FFFF;

    /**
     * Checks that every field fits its width on the wire.
     *
     * @param ssrc the source this block reports on
     * @param fractionLost lost since the previous report, as a fraction of 256 (0..255)
     * @param totalLost cumulative packets lost, 24-bit signed (-8388608..8388607); duplicates can make it negative. Senders cap positive values at 8388607 (0x7FFFFF).
     * @param lastSequenceNumber extended highest sequence number received (cycles in the high 16 bits)
     * @param jitter interarrival jitter in timestamp units
     * @param lastSenderReport middle 32 bits of the NTP timestamp of the last SR received (LSR)
     * @param delay delay since that SR in units of 1/65536 s (DLSR)
     */
    public ReceptionReport {
        Wire.checkU32(ssrc, "ssrc");
        Wire.checkRange(fractionLost, 0, 255, "fractionLost");
        Wire.checkRange(totalLost, -0x80_0000, MAX_TOTAL_LOST, "totalLost");
        Wire.checkU32(lastSequenceNumber, "lastSequenceNumber");
        Wire.checkU32(jitter, "jitter");
        Wire.checkU32(lastSenderReport, "lastSenderReport");
        Wire.checkU32(delay, "delay");
    }
}
