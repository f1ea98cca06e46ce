package org.rtspkit.api;

import java.util.Map;

/**
 * Counters of a {@link ServerStream}. A packet is offered once to each reader (or multicast group) that
 * receives its media, and is then either queued for it ({@code outboundRtpPackets}) or refused by its
 * full queue ({@code outboundRtpPacketsDropped}): offered = outboundRtpPackets +
 * outboundRtpPacketsDropped. What a reader's transport then fails to send is counted in that reader's
 * {@link SessionStats}.
 *
 * @param outboundBytes             RTP and RTCP bytes queued for readers
 * @param outboundRtpPackets        RTP packets queued for readers
 * @param outboundRtcpPackets       RTCP packets queued for readers
 * @param outboundRtpPacketsDropped RTP packets that readers' full queues refused
 * @param medias                    the counters of each media of the stream
 */
public record StreamStats(long outboundBytes, long outboundRtpPackets, long outboundRtcpPackets,
                          long outboundRtpPacketsDropped, Map<Media, MediaStats> medias) {
    /**
     * Copies the per-media map.
     *
     * @param outboundBytes RTP and RTCP bytes queued for readers
     * @param outboundRtpPackets RTP packets queued for readers
     * @param outboundRtcpPackets RTCP packets queued for readers
     * @param outboundRtpPacketsDropped RTP packets that readers' full queues refused
     * @param medias the counters of each media of the stream
     */
    public StreamStats {
        medias = Map.copyOf(medias);
    }

    /**
     * Per media.
     *
     * @param outboundBytes       RTP and RTCP bytes of this media queued for readers
     * @param outboundRtcpPackets RTCP packets of this media queued for readers
     * @param formats             the counters of each payload type of this media
     */
    public record MediaStats(long outboundBytes, long outboundRtcpPackets, Map<Integer, FormatStats> formats) {
        /**
         * Copies the per-format map.
         *
         * @param outboundBytes RTP and RTCP bytes of this media queued for readers
         * @param outboundRtcpPackets RTCP packets of this media queued for readers
         * @param formats the counters of each payload type of this media
         */
        public MediaStats {
            formats = Map.copyOf(formats);
        }
    }

    /**
     * Per payload type.
     *
     * @param outboundRtpPackets RTP packets of this payload type queued for readers
     * @param localSsrc          the SSRC the stream sends this payload type with
     */
    public record FormatStats(long outboundRtpPackets, long localSsrc) {
    }
}
