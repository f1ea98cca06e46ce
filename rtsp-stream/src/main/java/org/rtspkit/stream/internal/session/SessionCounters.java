package org.rtspkit.stream.internal.session;

import org.rtspkit.api.SessionStats;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.stream.internal.stream.ReaderTotals;

/**
 * What a session counts itself, and the sum that becomes its {@link SessionStats}: a publisher's
 * medias count what they receive, the stream counts what it queues for a reader.
 */
final class SessionCounters {
    private volatile long reportedLost;
    private volatile long outboundRtcp;
    private volatile long outboundRtcpBytes;
    /** RTCP from a reader: written by the one thread that receives the session's packets. */
    private volatile long readerRtcpPackets;
    private volatile long readerRtcpInError;

    void readerRtcpAccepted() {
        readerRtcpPackets++;
    }

    void readerRtcpRejected() {
        readerRtcpInError++;
    }

    /** The cumulative loss of the reader's latest receiver report about our packets. */
    void reportedLost(long lost) {
        this.reportedLost = lost;
    }

    /** The application's RTCP, queued for the client. */
    void outboundRtcp(int bytes) {
        outboundRtcp++;
        outboundRtcpBytes += bytes;
    }

    SessionStats stats(SessionMedias medias, ReaderTotals reader) {
        long inBytes = 0;
        long inRtp = 0;
        long inLost = 0;
        long inRtpErr = 0;
        long inRtcp = readerRtcpPackets;
        long inRtcpErr = readerRtcpInError;
        for (SetupMedia m : medias.all()) {
            if (m.inbound() != null) {
                PublisherMedia.Counters c = m.inbound().counters();
                inBytes += c.bytes;
                inRtp += c.rtpPackets;
                inLost += c.rtpLost;
                inRtpErr += c.rtpInError;
                inRtcp += c.rtcpPackets;
                inRtcpErr += c.rtcpInError;
            }
        }
        // What the reader's transports took but could not send (a UDP socket's full send buffer) was queued
        // and not sent: offered = sent + dropped by the queue + dropped by the transport.
        long transportDropped = 0;
        for (SetupMedia m : medias.all()) {
            PacketSink sink = m.binding().sink();
            if (sink != null) {
                transportDropped += sink.droppedRtpPackets();
            }
        }
        return new SessionStats(inBytes, inRtp, inLost, inRtpErr, inRtcp, inRtcpErr, reader.bytes() + outboundRtcpBytes,
                reader.packets() - transportDropped, reader.dropped(), reportedLost, outboundRtcp, transportDropped);
    }
}
