package org.rtspkit.stream.internal.stream;

import org.rtspkit.stream.internal.rtp.SenderReportState;

/**
 * What a stream counts per recipient: the sender report state of each format (since it last started
 * playing), and the RTP packets queued for it or refused by its full queue (since it joined). Written by
 * the stream's writer and read by {@link Stream#totals}, both under the stream's lock.
 */
public final class ReaderCounters {
    private SenderReportState[] reports = new SenderReportState[0];
    private long queued;
    private long queuedBytes;
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

    /** A packet of {@code size} bytes went into the recipient's queue. */
    void queued(int size) {
        queued++;
        queuedBytes += size;
    }

    /** The recipient's full queue refused a packet. */
    void dropped() {
        dropped++;
    }

    ReaderTotals totals() {
        return new ReaderTotals(queued, queuedBytes, dropped);
    }
}
