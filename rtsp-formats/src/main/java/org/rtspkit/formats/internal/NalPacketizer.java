package org.rtspkit.formats.internal;

import org.rtspkit.formats.RtpPacketSink;

/**
 * Sends the NAL units of an access unit as RTP packets (RFC 6184 §5.6-5.8, RFC 7798 §4.4): a unit that
 * fits goes alone or, with the units after it that fit too, in one aggregation packet (STAP-A, AP); a
 * unit larger than the payload is fragmented (FU-A, FU). With {@code singleNalOnly} (H264
 * packetization-mode 0) every unit goes alone and must fit. The last packet of the access unit has the
 * marker bit. Allocates nothing.
 */
public final class NalPacketizer {
    private final NalSyntax syntax;
    private final RtpPacketWriter writer;
    private final boolean singleNalOnly;

    public NalPacketizer(NalSyntax syntax, RtpPacketWriter writer, boolean singleNalOnly) {
        this.syntax = syntax;
        this.writer = writer;
        this.singleNalOnly = singleNalOnly;
    }

    /**
     * Throws {@link IllegalArgumentException} for a unit that cannot be sent: shorter than its header, of a
     * type reserved for RTP packets, or too large for single-NAL-unit mode. Called before anything is sent.
     */
    public void check(NalUnitList nals) {
        if (nals.count() == 0) {
            throw new IllegalArgumentException("an access unit needs at least one NAL unit");
        }
        for (int i = 0; i < nals.count(); i++) {
            int length = nals.length(i);
            if (length <= syntax.headerSize()) {
                throw new IllegalArgumentException("NAL unit " + i + " of " + length
                        + " bytes has nothing after its header");
            }
            int type = syntax.type(nals.array(i), nals.offset(i));
            if (!syntax.isNalType(type)) {
                throw new IllegalArgumentException("NAL unit " + i + " has type " + type
                        + ", which is not a " + syntax + " NAL unit type");
            }
            if (singleNalOnly && length > writer.maxPayloadSize()) {
                throw new IllegalArgumentException("NAL unit " + i + " of " + length + " bytes does not fit a payload of "
                        + writer.maxPayloadSize() + " bytes, and packetization-mode 0 cannot fragment it");
            }
        }
    }

    /** Sends checked units; returns the number of packets sent. */
    public int send(NalUnitList nals, long timestamp, RtpPacketSink sink) {
        int max = writer.maxPayloadSize();
        int n = nals.count();
        int packets = 0;
        int i = 0;
        while (i < n) {
            int length = nals.length(i);
            if (length > max) {
                packets += fragment(nals.array(i), nals.offset(i), length, i == n - 1, timestamp, sink);
                i++;
                continue;
            }
            int j = i;
            int size = syntax.headerSize();
            while (!singleNalOnly && j < n && size + 2 + nals.length(j) <= max) {
                size += 2 + nals.length(j);
                j++;
            }
            if (j - i >= 2) {
                aggregate(nals, i, j, size, j == n, timestamp, sink);
                i = j;
            } else {
                System.arraycopy(nals.array(i), nals.offset(i), writer.buffer(), RtpPacketWriter.PAYLOAD_OFFSET, length);
                writer.send(length, i == n - 1, timestamp, sink);
                i++;
            }
            packets++;
        }
        return packets;
    }

    private void aggregate(NalUnitList nals, int from, int to, int size, boolean last, long timestamp,
                           RtpPacketSink sink) {
        byte[] buf = writer.buffer();
        int at = RtpPacketWriter.PAYLOAD_OFFSET;
        syntax.writeAggregationHeader(buf, at, nals, from, to);
        at += syntax.headerSize();
        for (int k = from; k < to; k++) {
            int length = nals.length(k);
            Bytes.put16(buf, at, length);
            System.arraycopy(nals.array(k), nals.offset(k), buf, at + 2, length);
            at += 2 + length;
        }
        writer.send(size, last, timestamp, sink);
    }

    private int fragment(byte[] nal, int offset, int length, boolean lastUnit, long timestamp, RtpPacketSink sink) {
        byte[] buf = writer.buffer();
        int headers = syntax.fragmentHeaderSize();
        int chunkMax = writer.maxPayloadSize() - headers;
        int pos = offset + syntax.headerSize();
        int end = offset + length;
        int packets = 0;
        while (pos < end) {
            int chunk = Math.min(chunkMax, end - pos);
            boolean first = pos == offset + syntax.headerSize();
            boolean last = pos + chunk == end;
            syntax.writeFragmentHeader(buf, RtpPacketWriter.PAYLOAD_OFFSET, nal, offset, first, last);
            System.arraycopy(nal, pos, buf, RtpPacketWriter.PAYLOAD_OFFSET + headers, chunk);
            writer.send(headers + chunk, last && lastUnit, timestamp, sink);
            pos += chunk;
            packets++;
        }
        return packets;
    }
}
