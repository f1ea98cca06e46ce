package org.rtspkit.api;

import java.util.List;

/**
 * RTCP RR (PT 201). With no blocks it is the empty report clients send to open a firewall path.
 *
 * @param ssrc    the reporter
 * @param reports at most 31 reception report blocks
 */
public record ReceiverReport(long ssrc, List<ReceptionReport> reports) implements RtcpPacket {
    /**
     * Checks the SSRC and the number of report blocks (at most 31), and copies the list.
     *
     * @param ssrc the reporter
     * @param reports at most 31 reception report blocks
     */
    public ReceiverReport {
        Wire.checkU32(ssrc, "ssrc");
        reports = reports == null ? List.of() : List.copyOf(reports);
        if (reports.size() > RtcpCodec.MAX_COUNT) {
            throw new IllegalArgumentException("a receiver report holds at most 31 report blocks, not " + reports.size());
        }
    }

    @Override
    public int marshalSize() {
        return RtcpCodec.HEADER_SIZE + 4 + RtcpCodec.REPORT_BLOCK_SIZE * reports.size();
    }

    @Override
    public int marshalTo(byte[] dst, int offset) {
        int size = marshalSize();
        Wire.checkRoom(dst, offset, size);
        RtcpCodec.writeHeader(dst, offset, false, reports.size(), RtcpCodec.RR, size);
        Wire.put32(dst, offset + 4, ssrc);
        RtcpCodec.writeReports(reports, dst, offset + 8);
        return size;
    }
}
