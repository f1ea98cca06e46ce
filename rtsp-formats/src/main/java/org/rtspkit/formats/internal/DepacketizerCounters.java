package org.rtspkit.formats.internal;

import org.rtspkit.formats.DepacketizerStats;

/** The counts behind {@link DepacketizerStats}, kept by one depacketizer (not thread-safe). */
public final class DepacketizerCounters {
    public long packets;
    public long packetsLost;
    public long packetsLate;
    public long packetsMalformed;
    public long accessUnits;
    public long unitsBroken;
    public long unitsOversized;
    public long unitsSkipped;

    public DepacketizerStats snapshot() {
        return new DepacketizerStats(packets, packetsLost, packetsLate, packetsMalformed, accessUnits, unitsBroken,
                unitsOversized, unitsSkipped);
    }
}
