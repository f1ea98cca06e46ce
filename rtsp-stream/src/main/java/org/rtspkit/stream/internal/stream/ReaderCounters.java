package org.rtspkit.stream.internal.stream;

import org.rtspkit.stream.internal.rtp.SenderReportState;

/**
 * What a stream counts per recipient: the sender report state of each format, and the packets its
 * full queue refused. Written by the stream's writer under the stream's lock.
 */
public final class ReaderCounters {
    private SenderReportState[] reports = new SenderReportState[0];
    private long dropped;

    /** A reader (re)starting to play counts its reports from zero. */
    void restart(StreamFormat[] formats) {
        SenderReportState[] r = new SenderReportState[formats.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = new SenderReportState(formats[i].mapping());
        }
        reports = r;
    }

    SenderReportState report(int formatIndex) {
        return reports[formatIndex];
    }

    void dropped() {
        dropped++;
    }

    /** Packets the recipient's full queue refused. */
    public long droppedPackets() {
        return dropped;
    }

    /** RTP packets counted by its sender reports, since it last started playing. */
    public long packets() {
        long n = 0;
        for (SenderReportState r : reports) {
            n += r.packetCount();
        }
        return n;
    }

    /** RTP payload octets counted by its sender reports, since it last started playing. */
    public long octets() {
        long n = 0;
        for (SenderReportState r : reports) {
            n += r.octetCount();
        }
        return n;
    }
}
