package org.rtspkit.stream.internal.session;

import java.util.List;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.ReceiverReport;
import org.rtspkit.api.ReceptionReport;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.SenderReport;
import org.rtspkit.spi.InboundPackets;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.stream.internal.stream.Stream;

/**
 * What a reader sends back: RTCP receiver reports, which keep a UDP reader alive and tell how many
 * packets it lost. RTP from a reader is ignored (back channels are not served).
 */
final class ReaderInbound implements InboundPackets {
    private final Session session;
    private final Stream stream;
    private final SessionHost host;
    /** The reader's own SRTP key for its RTCP (SAVP), or null. */
    private final SrtpContext clientKey;

    ReaderInbound(Session session, Stream stream, SessionHost host, SrtpContext clientKey) {
        this.session = session;
        this.stream = stream;
        this.host = host;
        this.clientKey = clientKey;
    }

    @Override
    public void rtp(byte[] data, int offset, int length) {
        // Readers have no business sending media on a non-back-channel media.
    }

    @Override
    public void rtcp(byte[] data, int offset, int length) {
        if (length > host.config().maxPacketSize()) {
            session.counters().readerRtcpRejected();
            host.handler().onDecodeError(session, new MalformedDataException("RTCP packet size (" + length
                    + ") is greater than maximum allowed (" + host.config().maxPacketSize() + ")"));
            return;
        }
        List<RtcpPacket> packets;
        try {
            if (clientKey != null) {
                // Decrypted in place: the bytes are ours for the duration of the call.
                length = clientKey.unprotectRtcp(data, offset, length, data, offset);
            }
            packets = RtcpPacket.unmarshalCompound(data, offset, length);
        } catch (SrtpException e) {
            session.counters().readerRtcpRejected();
            host.handler().onDecodeError(session, new MalformedDataException("SRTCP packet rejected: " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            // Whatever a peer sends is reported, never fatal: a parser bug must not end the session either.
            session.counters().readerRtcpRejected();
            host.handler().onDecodeError(session, e);
            return;
        }
        // Only what decodes (and, for SAVP, authenticates) keeps a reader alive.
        session.rtcpAccepted();
        for (RtcpPacket p : packets) {
            List<ReceptionReport> blocks = p instanceof ReceiverReport rr ? rr.reports()
                    : p instanceof SenderReport sr ? sr.reports() : List.of();
            for (ReceptionReport b : blocks) {
                if (stream.medias().ownsSsrc(b.ssrc())) {
                    session.counters().reportedLost(b.totalLost());
                }
            }
        }
    }
}
