package org.rtspkit.stream.internal.stream;

import java.time.Instant;
import org.rtspkit.api.Media;
import org.rtspkit.stream.internal.rtp.RtpInfoPosition;

/** One media of a stream: its formats and what was sent of it. */
final class StreamMedia {
    private final int index;
    private final Media media;
    private final StreamFormat[] formats;
    /** Written under the stream's lock. */
    long outboundBytes;
    long outboundRtcpPackets;

    StreamMedia(int index, Media media, StreamFormat[] formats) {
        this.index = index;
        this.media = media;
        this.formats = formats;
    }

    int index() {
        return index;
    }

    Media media() {
        return media;
    }

    StreamFormat[] formats() {
        return formats;
    }

    StreamFormat format(int payloadType) {
        for (StreamFormat f : formats) {
            if (f.format().payloadType() == payloadType) {
                return f;
            }
        }
        throw new IllegalArgumentException("payload type " + payloadType + " is not a format of media " + index);
    }

    /** The SSRC to advertise in a SETUP reply: only for a media with exactly one format. */
    Long singleSsrc() {
        return formats.length == 1 ? formats[0].ssrc() : null;
    }

    /** Where a reader starting now picks up this media, for RTP-Info; null when it is not known. */
    RtpInfoPosition rtpInfo(Instant now) {
        // The header has room for one sequence number per media.
        return formats.length == 1 ? formats[0].mapping().rtpInfoPosition(now) : null;
    }
}
