package org.rtspkit.stream.internal.stream;

import java.time.Instant;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.SenderReport;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.stream.internal.net.OutboundPacket;
import org.rtspkit.stream.internal.net.SessionOutput;

/**
 * A stream's RTCP towards its readers: the application's packets and each reader's sender reports,
 * SRTCP-protected for SAVP readers. Rare next to RTP, so each packet is its own (not pooled). Called
 * holding the stream's lock.
 */
final class StreamRtcp {
    private final StreamMedias medias;
    /** Null when the stream is not encrypted. */
    private final StreamKeys keys;
    private final StreamCounters counters;

    StreamRtcp(StreamMedias medias, StreamKeys keys, StreamCounters counters) {
        this.medias = medias;
        this.keys = keys;
        this.counters = counters;
    }

    /** The application's RTCP of one media, to every active recipient of it. */
    void write(Recipient[] active, boolean anySecure, StreamMedia ms, byte[] data) {
        OutboundPacket plain = new OutboundPacket(ms.index(), true, data, data.length);
        OutboundPacket secure = null;
        if (anySecure) {
            byte[] enc = protect(ms.index(), data);
            secure = new OutboundPacket(ms.index(), true, enc, enc.length);
        }
        for (Recipient reader : active) {
            SessionOutput output = reader.output();
            if (output != null && output.hasMedia(ms.index()) && output.offer(reader.secure() ? secure : plain)) {
                counters.rtcp(ms, data.length);
            }
        }
    }

    /** The periodic report of each format every active recipient has started reporting. */
    void sendReports(Recipient[] active, Instant now) {
        for (Recipient reader : active) {
            for (StreamFormat fs : medias.formats()) {
                offerReport(reader, fs, now);
            }
        }
    }

    /** Does nothing until the recipient has had a random-access packet of the format. */
    void offerReport(Recipient reader, StreamFormat fs, Instant now) {
        SenderReport sr = reader.readerCounters().report(fs.index()).report(fs.ssrc(), now);
        if (sr == null) {
            return;
        }
        byte[] data = sr.marshal();
        if (reader.secure() && keys != null) {
            data = protect(fs.mediaIndex(), data);
        }
        if (reader.output().offer(new OutboundPacket(fs.mediaIndex(), true, data, data.length))) {
            counters.rtcp(medias.get(fs.mediaIndex()), data.length);
        }
    }

    private byte[] protect(int media, byte[] rtcp) {
        try {
            return keys.protectRtcp(media, rtcp);
        } catch (SrtpException e) {
            throw new RtspkitException("cannot encrypt RTCP: " + e.getMessage(), e);
        }
    }
}
