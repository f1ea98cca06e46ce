package org.rtspkit.api;

/** A reception report block (RFC 3550 §6.4.1). Unsigned fields are held in {@code long}s; {@code totalLost} is 24-bit signed. */
public record ReceptionReport(long ssrc, int fractionLost, int totalLost, long lastSequenceNumber, long jitter,
                              long lastSenderReport, long delay) {
}
