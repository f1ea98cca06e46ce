package org.rtspkit.api;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opus (RFC 7587). The rtpmap is always {@code opus/48000/2} whatever the content; whether the
 * sender is likely to send stereo is the {@code sprop-stereo} parameter.
 *
 * @param payloadType RTP payload type
 * @param stereo      {@code sprop-stereo=1}
 * @param parameters  every other fmtp parameter, names in lower case
 */
public record OpusFormat(int payloadType, boolean stereo, Map<String, String> parameters) implements Format {
    static final String STEREO = "sprop-stereo";

    /**
     * Checks the payload type and keeps the parameters that {@code stereo} does not cover.
     *
     * @param payloadType RTP payload type
     * @param stereo {@code sprop-stereo=1}
     * @param parameters every other fmtp parameter, names in lower case
     */
    public OpusFormat {
        Wire.checkPayloadType(payloadType);
        parameters = Fmtp.extra(parameters, "opus", STEREO);
    }

    /**
     * The format for an Opus stream without other parameters.
     *
     * @param payloadType the dynamic payload type, 96..127 usually
     * @param stereo whether the stream is stereo ({@code sprop-stereo=1})
     * @return the format
     */
    public static OpusFormat of(int payloadType, boolean stereo) {
        return new OpusFormat(payloadType, stereo, Map.of());
    }

    /**
     * 2 when stereo, else 1.
     *
     * @return the number of channels
     */
    public int channelCount() {
        return stereo ? 2 : 1;
    }

    @Override
    public int clockRate() {
        return 48000;
    }

    @Override
    public String rtpMap() {
        return "opus/48000/2";
    }

    @Override
    public Map<String, String> fmtp() {
        if (!stereo) {
            return parameters;
        }
        Map<String, String> out = new TreeMap<>(parameters);
        out.put(STEREO, "1");
        return Collections.unmodifiableMap(out);
    }

    @Override
    public boolean ptsEqualsDts(byte[] payload, int offset, int length) {
        return true;
    }

    static OpusFormat fromFmtp(int payloadType, Map<String, String> lowerCaseFmtp) {
        Map<String, String> rest = new TreeMap<>(lowerCaseFmtp);
        String stereo = rest.remove(STEREO);
        return new OpusFormat(payloadType, stereo != null && stereo.strip().equals("1"), rest);
    }
}
