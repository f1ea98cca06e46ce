package org.rtspkit.api;

import java.util.List;

/** RTCP SR (PT 200). {@code ntpTime} is the 64-bit NTP timestamp (see {@link NtpTime}). STUB bodies. */
public record SenderReport(long ssrc, long ntpTime, long rtpTime, long packetCount, long octetCount,
                           List<ReceptionReport> reports) implements RtcpPacket {
    public int marshalSize() { throw new UnsupportedOperationException("TODO"); }
    public int marshalTo(byte[] dst, int offset) { throw new UnsupportedOperationException("TODO"); }
}
