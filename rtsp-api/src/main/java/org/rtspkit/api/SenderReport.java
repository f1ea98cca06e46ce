package org.rtspkit.api;

import java.util.List;

/**
 * RTCP SR (PT 200). Profile-specific extensions after the report blocks are not kept.
 *
 * @param ssrc        the sender
 * @param ntpTime     the 64-bit NTP timestamp (see {@link NtpTime})
 * @param rtpTime     the RTP timestamp of the same instant, unsigned 32-bit
 * @param packetCount packets sent, unsigned 32-bit
 * @param octetCount  payload octets sent, unsigned 32-bit
 * @param reports     at most 31 reception report blocks
 */
public record SenderReport(long ssrc, long ntpTime, long rtpTime, long packetCount, long octetCount,
                           List<ReceptionReport> reports) implements RtcpPacket {
    /**
     * Checks that every field fits its width on the wire and the number of report blocks (at most 31).
     *
     * @param ssrc the sender
     * @param ntpTime the 64-bit NTP timestamp (see {@link NtpTime})
     * @param rtpTime the RTP timestamp of the same instant, unsigned 32-bit
     * @param packetCount packets sent, unsigned 32-bit
     * @param octetCount payload octets sent, unsigned 32-bit
     * @param reports at most 31 reception report blocks
     */
    public SenderReport {
        Wire.checkU32(ssrc, "ssrc");
        Wire.checkU32(rtpTime, "rtpTime");
        Wire.checkU32(packetCount, "packetCount");
        Wire.checkU32(octetCount, "octetCount");
        reports = reports == null ? List.of() : List.copyOf(reports);
        if (reports.size() > RtcpCodec.MAX_COUNT) {
            throw new IllegalArgumentException("a sender report holds at most 31 report blocks, not " + reports.size());
        }
    }

    /**
     * A report with no reception report blocks, as a server sends to its readers.
     *
     * @param ssrc the sender, unsigned 32-bit
     * @param ntpTime the 64-bit NTP timestamp (see {@link NtpTime})
     * @param rtpTime the RTP timestamp of the same instant, unsigned 32-bit
     * @param packetCount packets sent, unsigned 32-bit
     * @param octetCount payload octets sent, unsigned 32-bit
     * @return the report
     */
    public static SenderReport of(long ssrc, long ntpTime, long rtpTime, long packetCount, long octetCount) {
        return new SenderReport(ssrc, ntpTime, rtpTime, packetCount, octetCount, List.of());
    }

    @Override
    public int marshalSize() {
        return RtcpCodec.HEADER_SIZE + 24 + RtcpCodec.REPORT_BLOCK_SIZE * reports.size();
    }

    @Override
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        Wire.checkRoom(dst, offset, size);
        RtcpCodec.writeHeader(dst, offset, false, reports.size(), RtcpCodec.SR, size);
        Wire.put32(dst, offset + 4, ssrc);
        Wire.put64(dst, offset + 8, ntpTime);
        Wire.put32(dst, offset + 16, rtpTime);
        Wire.put32(dst, offset + 20, packetCount);
        Wire.put32(dst, offset + 24, octetCount);
        RtcpCodec.writeReports(reports, dst, offset + 28);
        return size;
    }
}
