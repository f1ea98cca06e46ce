package org.rtspkit.stream.internal;

import java.util.List;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.ReceiverReport;
import org.rtspkit.api.ReceptionReport;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.SenderReport;
import org.rtspkit.spi.InboundPackets;

/**
 * What a reader sends back: RTCP receiver reports, which keep a UDP reader alive and tell how many
 * packets it lost. RTP from a reader is ignored (back channels are not served).
 */
final class ReaderInbound implements InboundPackets {
    private final Session session;
    private final Stream stream;
    private final Server server;

    ReaderInbound(Session session, Stream stream, Server server) {
        this.session = session;
        this.stream = stream;
        this.server = server;
    }

    @Override
    public void rtp(byte[] data, int offset, int length) {
        // Readers have no business sending media on a non-back-channel media.
    }

    @Override
    public void rtcp(byte[] data, int offset, int length) {
        session.touchPacket();
        if (length > server.config().maxPacketSize()) {
            server.handler().onDecodeError(session, new MalformedDataException("RTCP packet size (" + length
                    + ") is greater than maximum allowed (" + server.config().maxPacketSize() + ")"));
            return;
        }
        List<RtcpPacket> packets;
        try {
            packets = RtcpPacket.unmarshalCompound(data, offset, length);
        } catch (RuntimeException e) {
            // Whatever a peer sends is reported, never fatal: a parser bug must not end the session either.
            server.handler().onDecodeError(session, e);
            return;
        }
        for (RtcpPacket p : packets) {
            List<ReceptionReport> blocks = p instanceof ReceiverReport rr ? rr.reports()
                    : p instanceof SenderReport sr ? sr.reports() : List.of();
            for (ReceptionReport b : blocks) {
                if (stream.ownsSsrc(b.ssrc())) {
                    session.reportedLost(b.totalLost());
                }
            }
        }
    }
}
