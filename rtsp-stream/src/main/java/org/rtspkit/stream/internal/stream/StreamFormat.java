package org.rtspkit.stream.internal.stream;

import java.time.InstantSource;
import org.rtspkit.api.Format;
import org.rtspkit.stream.internal.rtp.TimeMapping;

/** One format (payload type) of a stream: its SSRC, its time mapping and what was sent of it. */
final class StreamFormat {
    private final int index;
    private final int mediaIndex;
    private final Format format;
    private final long ssrc;
    private final TimeMapping mapping;
    /** RTP packets of this format sent to readers; written under the stream's lock. */
    long outboundRtpPackets;

    /**
     * @param index      the format's index among all of the stream's formats
     * @param mediaIndex the index of its media
     */
    StreamFormat(int index, int mediaIndex, Format format, long ssrc, InstantSource clock) {
        this.index = index;
        this.mediaIndex = mediaIndex;
        this.format = format;
        this.ssrc = ssrc;
        this.mapping = new TimeMapping(format.clockRate(), clock);
    }

    int index() {
        return index;
    }

    int mediaIndex() {
        return mediaIndex;
    }

    Format format() {
        return format;
    }

    long ssrc() {
        return ssrc;
    }

    /** The time mapping that reports and RTP-Info are computed from. */
    TimeMapping mapping() {
        return mapping;
    }
}
