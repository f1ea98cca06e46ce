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

    /**
     * One RTP packet of {@code size} bytes, queued for {@code queued} recipients and refused by the full
     * queues of {@code dropped} others: a packet a queue refused was not sent, so it counts as dropped
     * only. (The reference server counts it as sent too; its offered total is queued + dropped here.)
     */
    void rtp(StreamMedia media, StreamFormat format, int size, int queued, int dropped) {
        outboundBytes += (long) size * queued;
        outboundRtpPackets += queued;
        outboundRtpPacketsDropped += dropped;
        media.outboundBytes += (long) size * queued;
        format.outboundRtpPackets += queued;
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
