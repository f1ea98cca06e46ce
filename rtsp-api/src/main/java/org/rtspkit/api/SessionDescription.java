package org.rtspkit.api;

import java.util.List;

/**
 * A session description (SDP, RFC 8866) reduced to what an RTSP server needs: a title and medias.
 * STUB: signatures fixed, bodies to be written.
 */
public record SessionDescription(String title, List<Media> medias) {
    public SessionDescription {
        medias = List.copyOf(medias);
    }

    /** Parses SDP text as FFmpeg, GStreamer and cameras send it. */
    public static SessionDescription parse(String sdp) {
        throw new UnsupportedOperationException("TODO");
    }

    /** SDP text with profile {@code RTP/AVP} and connection address {@code 0.0.0.0}. */
    public String toSdp() {
        return toSdp(false, "0.0.0.0");
    }

    /**
     * SDP text.
     *
     * @param secure            write {@code RTP/SAVP} instead of {@code RTP/AVP} on every m= line
     * @param connectionAddress the IPv4 address of the session-level {@code c=} line
     */
    public String toSdp(boolean secure, String connectionAddress) {
        throw new UnsupportedOperationException("TODO");
    }
}
