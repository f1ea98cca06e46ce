package org.rtspkit.api;

import java.util.Map;

/** STUB: to be written by the format work. */
public record H264Format(int payloadType, int clockRate, String rtpMap, Map<String, String> fmtp) implements Format {
    public boolean ptsEqualsDts(RtpPacket packet) { return true; }
    /** fmtp packetization-mode; 0 when absent (RFC 6184 §8.1). */
    public int packetizationMode() { return Integer.parseInt(fmtp.getOrDefault("packetization-mode", "0")); }
}
