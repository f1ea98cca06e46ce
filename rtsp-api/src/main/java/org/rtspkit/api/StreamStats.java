package org.rtspkit.api;

import java.util.Map;

/**
 * Counters of a {@link ServerStream}. A packet counts once per reader (or multicast group) it was
 * offered to; {@code outboundRtpPacketsDropped} counts those a slow reader's full queue refused.
 *
 * @param outboundBytes             RTP and RTCP bytes sent to readers
 * @param outboundRtpPackets        RTP packets sent to readers
 * @param outboundRtcpPackets       RTCP packets sent to readers
 * @param outboundRtpPacketsDropped RTP packets that readers' full queues refused
 * @param medias                    the counters of each media of the stream
 */
public record StreamStats(long outboundBytes, long outboundRtpPackets, long outboundRtcpPackets,
                          long outboundRtpPacketsDropped, Map<Media, MediaStats> medias) {
    /**
     * Copies the per-media map.
     *
     * @param outboundBytes RTP and RTCP bytes sent to readers
     * @param outboundRtpPackets RTP packets sent to readers
     * @param outboundRtcpPackets RTCP packets sent to readers
     * @param outboundRtpPacketsDropped RTP packets that readers' full queues refused
     * @param medias the counters of each media of the stream
     */
    public StreamStats {
        medias = Map.copyOf(medias);
    }

    /**
     * Per media.
     *
     * @param outboundBytes       RTP and RTCP bytes of this media sent to readers
     * @param outboundRtcpPackets RTCP packets of this media sent to readers
     * @param formats             the counters of each payload type of this media
     */
    public record MediaStats(long outboundBytes, long outboundRtcpPackets, Map<Integer, FormatStats> formats) {
        /**
         * Copies the per-format map.
         *
         * @param outboundBytes RTP and RTCP bytes of this media sent to readers
         * @param outboundRtcpPackets RTCP packets of this media sent to readers
         * @param formats the counters of each payload type of this media
         */
        public MediaStats {
            formats = Map.copyOf(formats);
        }
    }

    /**
     * Per payload type.
     *
     * @param outboundRtpPackets RTP packets of this payload type sent to readers
     * @param localSsrc          the SSRC the stream sends this payload type with
     */
    public record FormatStats(long outboundRtpPackets, long localSsrc) {
    }
}
