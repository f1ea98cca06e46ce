package org.rtspkit.api;

import java.util.Map;

/**
 * Counters of a {@link ServerStream}. A packet counts once per reader (or multicast group) it was
 * offered to; {@code outboundRtpPacketsDropped} counts those a slow reader's full queue refused.
 */
public record StreamStats(long outboundBytes, long outboundRtpPackets, long outboundRtcpPackets,
                          long outboundRtpPacketsDropped, Map<Media, MediaStats> medias) {
    public StreamStats {
        medias = Map.copyOf(medias);
    }

    public record MediaStats(long outboundBytes, long outboundRtcpPackets, Map<Integer, FormatStats> formats) {
        public MediaStats {
            formats = Map.copyOf(formats);
        }
    }

    /** Per payload type. */
    public record FormatStats(long outboundRtpPackets, long localSsrc) {
    }
}
