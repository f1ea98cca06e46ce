package org.rtspkit.formats;

/**
 * What a depacketizer has received and what it has dropped, since it was made. Every packet it was
 * given is in {@code packets}; every access unit it began is either emitted ({@code accessUnits}) or in
 * exactly one of the dropped counts.
 *
 * @param packets           RTP packets given to it
 * @param packetsLost       packets missing from the sequence numbers (gaps)
 * @param packetsLate       packets whose sequence number was already passed (duplicated or reordered), dropped
 * @param packetsMalformed  packets that break the payload format or the RTP header (truncated fragments,
 *                          aggregates whose lengths overrun, a fragment start without its end, unsupported
 *                          packet types, another payload type), dropped with the access unit they were part of
 * @param accessUnits       whole access units emitted
 * @param unitsBroken       access units dropped because a packet of theirs was lost or malformed
 * @param unitsOversized    access units dropped because they grew past
 *                          {@link DepacketizerSettings#maxAccessUnitSize()}
 * @param unitsSkipped      whole video access units dropped while waiting for a random-access point
 */
public record DepacketizerStats(long packets, long packetsLost, long packetsLate, long packetsMalformed,
                                long accessUnits, long unitsBroken, long unitsOversized, long unitsSkipped) {
}
