package org.rtspkit.formats.internal;

import org.rtspkit.api.Format;
import org.rtspkit.api.RtpPacket;

/**
 * The part of depacketizing every format shares: reads the RTP header of a packet in place, checks its
 * payload type, follows the sequence numbers and unwraps the timestamps. After {@link #accept} returns
 * true, the getters describe that packet. Allocates nothing.
 *
 * <p>Sequence numbers follow RFC 3550 Appendix A.1: a packet up to {@value #MAX_DROPOUT} ahead of the
 * expected one marks a gap of the packets between; one up to {@value #MAX_MISORDER} behind is late (a
 * duplicate or reordered) and dropped; any other jump is a new start of the sequence, counted as one
 * lost packet. A packet of another payload type takes its place in the sequence and is dropped as
 * malformed.
 */
public final class RtpReceiver {
    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;

    private final int payloadType;
    private final int clockRate;
    private final DepacketizerCounters counters;

    private boolean started;
    private int expectedSequenceNumber;
    private long firstTimestamp;
    private long lastTimestamp;
    private long lastExtendedTimestamp;

    private int payloadOffset;
    private int payloadLength;
    private boolean marker;
    private int sequenceNumber;
    private long timestamp;
    private boolean gap;
    /** A gap seen before a packet of another payload type, reported with the next packet of ours. */
    private boolean pendingGap;

    public RtpReceiver(Format format, DepacketizerCounters counters) {
        this.payloadType = format.payloadType();
        this.clockRate = format.clockRate() > 0 ? format.clockRate() : 90000;
        this.counters = counters;
    }

    /**
     * Reads a whole RTP packet; false when it is to be dropped (malformed, another payload type, late),
     * which is counted here.
     */
    public boolean accept(byte[] b, int offset, int length) {
        counters.packets++;
        if (offset < 0 || length < RtpPacket.HEADER_SIZE || offset > b.length - length
                || (b[offset] & 0xC0) != 0x80) {
            counters.packetsMalformed++;
            return false;
        }
        int header = RtpPacket.HEADER_SIZE + 4 * (b[offset] & 0x0F);
        if ((b[offset] & 0x10) != 0) {
            if (length < header + 4) {
                counters.packetsMalformed++;
                return false;
            }
            header += 4 + 4 * Bytes.u16(b, offset + header + 2);
        }
        if (length < header) {
            counters.packetsMalformed++;
            return false;
        }
        int padding = 0;
        if ((b[offset] & 0x20) != 0) {
            padding = Bytes.u8(b, offset + length - 1);
            if (padding == 0 || padding > length - header) {
                counters.packetsMalformed++;
                return false;
            }
        }
        return accept(Bytes.u8(b, offset + 1) >>> 7 == 1, b[offset + 1] & 0x7F, Bytes.u16(b, offset + 2),
                Bytes.u32(b, offset + 4), offset + header, length - header - padding);
    }

    /** As {@link #accept(byte[], int, int)} for a parsed packet, whose payload starts at 0. */
    public boolean accept(RtpPacket packet) {
        counters.packets++;
        return accept(packet.marker(), packet.payloadType(), packet.sequenceNumber(), packet.timestamp(), 0,
                packet.payload().length);
    }

    private boolean accept(boolean m, int pt, int seq, long ts, int payloadStart, int payloadSize) {
        boolean lost = false;
        if (!started) {
            started = true;
            if (pt != payloadType) {
                counters.packetsMalformed++;
                started = false;
                return false;
            }
            firstTimestamp = ts;
            lastTimestamp = ts;
            lastExtendedTimestamp = ts;
        } else {
            int ahead = (seq - expectedSequenceNumber) & 0xFFFF;
            if (ahead != 0) {
                if (ahead < MAX_DROPOUT) {
                    counters.packetsLost += ahead;
                } else if (ahead >= 0x10000 - MAX_MISORDER) {
                    counters.packetsLate++;
                    return false;
                } else {
                    counters.packetsLost++;
                }
                lost = true;
            }
        }
        expectedSequenceNumber = (seq + 1) & 0xFFFF;
        if (pt != payloadType) {
            // Another format of the same stream: it takes its sequence number, but is not ours to read.
            counters.packetsMalformed++;
            pendingGap |= lost;
            return false;
        }
        lost |= pendingGap;
        pendingGap = false;
        lastExtendedTimestamp += (int) (ts - lastTimestamp);
        lastTimestamp = ts;
        this.marker = m;
        this.sequenceNumber = seq;
        this.timestamp = ts;
        this.payloadOffset = payloadStart;
        this.payloadLength = payloadSize;
        this.gap = lost;
        return true;
    }

    /** Whether packets were lost between the previous accepted packet and this one. */
    public boolean gap() {
        return gap;
    }

    public boolean marker() {
        return marker;
    }

    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** The packet's RTP timestamp, unsigned 32-bit. */
    public long timestamp() {
        return timestamp;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /**
     * Nanoseconds from the first packet's timestamp to {@code ts}, a timestamp near this packet's (it is
     * unwrapped relative to it).
     */
    public long presentationTime(long ts) {
        long extended = lastExtendedTimestamp + (int) (ts - lastTimestamp);
        return RtpClock.nanos(extended - firstTimestamp, clockRate);
    }

    public int clockRate() {
        return clockRate;
    }
}
