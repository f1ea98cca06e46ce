package org.rtspkit.api;

import java.util.Map;

/** An RTP payload format of a media: payload type, clock rate and the SDP attributes behind them. */
public sealed interface Format permits H264Format, H265Format, Mpeg4AudioFormat, OpusFormat, G711Format, GenericFormat {
    /** RTP payload type, 0..127. */
    int payloadType();

    /** RTP clock rate in Hz; 0 when unknown (then no sender reports are sent for it). */
    int clockRate();

    /** The {@code a=rtpmap} value without the payload type ({@code H264/90000}), or null for a static payload type without one. */
    String rtpMap();

    /** The {@code a=fmtp} parameters, keys in the order they should be written; empty if none. */
    Map<String, String> fmtp();

    /**
     * Whether this packet's presentation time equals its decoding time (a random access point for
     * video; every packet for audio). Sender reports and RTP-Info take their time mapping from such
     * packets only.
     */
    boolean ptsEqualsDts(RtpPacket packet);

    /** Builds the typed format that an rtpmap/fmtp pair describes; unknown ones become {@link GenericFormat}. */
    static Format fromSdp(int payloadType, String rtpMap, Map<String, String> fmtp) {
        return FormatParser.parse(payloadType, rtpMap, fmtp);
    }
}
