package org.rtspkit.srtp;

import org.rtspkit.spi.SrtpException;

/** Counts of one direction half (RTP or RTCP); guarded by the half's lock. */
final class PacketCounters {
    long protectedPackets;
    long unprotectedPackets;
    long authenticationFailures;
    long replays;
    long otherFailures;

    /** Counts a refusal and builds the exception to throw. */
    SrtpException refuse(SrtpException.Reason reason, String message) {
        switch (reason) {
            case AUTHENTICATION_FAILED -> authenticationFailures++;
            case REPLAYED -> replays++;
            default -> otherFailures++;
        }
        return new SrtpException(reason, message);
    }
}
