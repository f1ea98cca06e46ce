package org.rtspkit.spi;

/**
 * Counts of one {@link SrtpContext} since it was created.
 *
 * @param rtpProtected           RTP packets protected
 * @param rtcpProtected          RTCP packets protected
 * @param rtpUnprotected         RTP packets accepted and decrypted
 * @param rtcpUnprotected        RTCP packets accepted and decrypted
 * @param authenticationFailures packets refused with {@link SrtpException.Reason#AUTHENTICATION_FAILED}
 * @param replays                packets refused with {@link SrtpException.Reason#REPLAYED}
 * @param otherFailures          packets refused for any other {@link SrtpException.Reason}
 */
public record SrtpCounters(long rtpProtected, long rtcpProtected, long rtpUnprotected, long rtcpUnprotected,
                           long authenticationFailures, long replays, long otherFailures) {

    /**
     * Every refused packet, inbound or outbound.
     *
     * @return the sum of the three failure counters
     */
    public long failures() {
        return authenticationFailures + replays + otherFailures;
    }
}
