package org.rtspkit.formats.mpegts;

/**
 * What a {@link TsDemuxer} has read and dropped.
 *
 * @param packets           188-byte packets read
 * @param bytesSkipped      bytes skipped to find the sync byte again
 * @param continuityErrors  packets whose continuity counter did not follow the one before on their PID
 * @param units             access units emitted
 * @param unitsDropped      PES packets dropped: broken by a continuity error, larger than the limit, or
 *                          with a malformed header
 * @param malformedPackets  packets or tables that could not be read (bad adaptation field, section
 *                          longer than its packet, unknown stream)
 */
public record TsDemuxerStats(long packets, long bytesSkipped, long continuityErrors, long units, long unitsDropped,
                             long malformedPackets) {
}
