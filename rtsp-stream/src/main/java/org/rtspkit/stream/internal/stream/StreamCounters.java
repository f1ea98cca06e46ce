package org.rtspkit.stream.internal.stream;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.rtspkit.api.Media;
import org.rtspkit.api.StreamStats;

/**
 * What a stream sent, in total and per media and format. Written and read under the stream's lock.
 */
final class StreamCounters {
    private long outboundBytes;
    private long outboundRtpPackets;
    private long outboundRtcpPackets;
    private long outboundRtpPacketsDropped;

    /** One RTP packet of {@code size} bytes offered to {@code offered} recipients, {@code dropped} of which refused it. */
    void rtp(StreamMedia media, StreamFormat format, int size, int offered, int dropped) {
        outboundBytes += (long) size * offered;
        outboundRtpPackets += offered;
        outboundRtpPacketsDropped += dropped;
        media.outboundBytes += (long) size * offered;
        format.outboundRtpPackets += offered;
    }

    /** One RTCP packet of {@code size} bytes queued for one recipient. */
    void rtcp(StreamMedia media, int size) {
        outboundBytes += size;
        outboundRtcpPackets++;
        media.outboundBytes += size;
        media.outboundRtcpPackets++;
    }

    StreamStats snapshot(StreamMedias medias) {
        Map<Media, StreamStats.MediaStats> byMedia = new IdentityHashMap<>();
        for (StreamMedia ms : medias.all()) {
            Map<Integer, StreamStats.FormatStats> byFormat = new HashMap<>();
            for (StreamFormat fs : ms.formats()) {
                byFormat.put(fs.format().payloadType(), new StreamStats.FormatStats(fs.outboundRtpPackets, fs.ssrc()));
            }
            byMedia.put(ms.media(), new StreamStats.MediaStats(ms.outboundBytes, ms.outboundRtcpPackets, byFormat));
        }
        return new StreamStats(outboundBytes, outboundRtpPackets, outboundRtcpPackets, outboundRtpPacketsDropped,
                byMedia);
    }
}
