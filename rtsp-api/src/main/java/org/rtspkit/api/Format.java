package org.rtspkit.api;

import java.util.Map;

/** An RTP payload format of a media: payload type, clock rate and the SDP attributes behind them. */
public sealed interface Format permits H264Format, H265Format, Mpeg4AudioFormat, OpusFormat, G711Format, GenericFormat {
    /**
     * RTP payload type, 0..127.
     *
     * @return the payload type
     */
    int payloadType();

    /**
     * RTP clock rate in Hz; 0 when unknown (then no sender reports are sent for it).
     *
     * @return the clock rate in Hz, or 0
     */
    int clockRate();

    /**
     * The {@code a=rtpmap} value without the payload type ({@code H264/90000}), or null for a static payload type without one.
     *
     * @return the rtpmap value, or null
     */
    String rtpMap();

    /**
     * The {@code a=fmtp} parameters, keys in the order they should be written; empty if none.
     *
     * @return the fmtp parameters, in writing order
     */
    Map<String, String> fmtp();

    /**
     * Whether this packet's presentation time equals its decoding time (a random access point for
     * video; every packet for audio). Sender reports and RTP-Info take their time mapping from such
     * packets only.
     *
     * @param packet an RTP packet of this format
     * @return true when the packet's presentation and decoding times are the same
     */
    default boolean ptsEqualsDts(RtpPacket packet) {
        byte[] payload = packet.payload();
        return ptsEqualsDts(payload, 0, payload.length);
    }

    /**
     * As {@link #ptsEqualsDts(RtpPacket)}, for a payload still in a buffer (a marshalled packet written
     * with {@link ServerStream#writePacketRtp(Media, byte[], int, int)}), so that nothing is parsed
     * into a packet value.
     *
     * @param payload the buffer holding the RTP payload
     * @param offset where the payload starts
     * @param length the payload's size in bytes, padding excluded
     * @return true when the packet's presentation and decoding times are the same
     */
    boolean ptsEqualsDts(byte[] payload, int offset, int length);

    /**
     * Builds the typed format that an rtpmap/fmtp pair describes; unknown ones become {@link GenericFormat}.
     *
     * @param payloadType the payload type of the {@code m=} line
     * @param rtpMap the {@code a=rtpmap} value without the payload type, or null
     * @param fmtp the {@code a=fmtp} parameters; empty if none
     * @return the typed format
     */
    static Format fromSdp(int payloadType, String rtpMap, Map<String, String> fmtp) {
        return FormatParser.parse(payloadType, rtpMap, fmtp);
    }
}
