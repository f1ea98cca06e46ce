package org.rtspkit.api;

import java.util.Map;

/** STUB: to be written by the format work. */
public record OpusFormat(int payloadType, int clockRate, String rtpMap, Map<String, String> fmtp) implements Format {
    public boolean ptsEqualsDts(RtpPacket packet) { return true; }
}
