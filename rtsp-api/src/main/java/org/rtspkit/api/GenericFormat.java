package org.rtspkit.api;

import java.util.Map;

/**
 * Any format without a typed record: kept as its rtpmap and fmtp exactly as described, so it is
 * served to readers the way the publisher announced it.
 *
 * @param payloadType RTP payload type
 * @param clockRate   from the rtpmap, or the RFC 3551 table for a static payload type; 0 if unknown
 * @param rtpMap      the rtpmap value, or null (static payload type without one)
 * @param fmtp        fmtp parameters in the order they were given; names keep their case
 */
public record GenericFormat(int payloadType, int clockRate, String rtpMap, Map<String, String> fmtp)
        implements Format {
    /**
     * Checks the payload type and clock rate and copies the parameters.
     *
     * @param payloadType RTP payload type
     * @param clockRate from the rtpmap, or the RFC 3551 table for a static payload type; 0 if unknown
     * @param rtpMap the rtpmap value, or null (static payload type without one)
     * @param fmtp fmtp parameters in the order they were given; names keep their case
     */
    public GenericFormat {
        Wire.checkPayloadType(payloadType);
        if (clockRate < 0) {
            throw new IllegalArgumentException("clock rate must not be negative: " + clockRate);
        }
        fmtp = Fmtp.copy(fmtp);
    }

    /** Timing of formats we do not know cannot be inspected, so every packet counts. */
    @Override
    public boolean ptsEqualsDts(byte[] payload, int offset, int length) {
        return true;
    }
}
