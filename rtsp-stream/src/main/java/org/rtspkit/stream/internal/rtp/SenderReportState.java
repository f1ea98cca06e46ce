package org.rtspkit.stream.internal.rtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Objects;
import org.rtspkit.api.SenderReport;

/**
 * The sender-report side of one (reader, format) pair, or of one (multicast group, format) pair:
 * the packet and octet counts since the reader joined, and whether its first report is due. The time
 * mapping itself is the format's {@link TimeMapping}, shared with the other readers.
 *
 * <p>The first report goes out as soon as the reader has been sent a PTS == DTS packet (so a client
 * can map timestamps without waiting a whole report period), then the caller sends one per period.
 *
 * <p>{@link #onPacket} has a single writer (the thread writing the stream's packets for this format);
 * the counters may be read from any thread.
 */
public final class SenderReportState {
    private static final VarHandle PACKETS;
    private static final VarHandle OCTETS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PACKETS = lookup.findVarHandle(SenderReportState.class, "packets", int.class);
            OCTETS = lookup.findVarHandle(SenderReportState.class, "octets", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TimeMapping mapping;
    // The report fields are 32-bit counters that wrap (RFC 3550 §6.4.1), so ints hold them exactly.
    // Opaque access: no fence on the per-packet path, yet a report timer on another thread reads
    // whole, recent values.
    @SuppressWarnings("unused") // accessed through PACKETS
    private int packets;
    @SuppressWarnings("unused") // accessed through OCTETS
    private int octets;
    /** Set by the first PTS == DTS packet this reader is sent; from then on reports can be computed. */
    private volatile boolean reporting;

    /** @param mapping the time mapping of the format, shared by all its readers */
    public SenderReportState(TimeMapping mapping) {
        this(mapping, 0, 0);
    }

    // Lets tests start near the 32-bit wrap without sending 2^32 packets.
    SenderReportState(TimeMapping mapping, int initialPackets, int initialOctets) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.packets = initialPackets;
        this.octets = initialOctets;
    }

    /**
     * Counts one RTP packet sent to this reader. Call it after the format's
     * {@link TimeMapping#onPacket} for the same packet.
     *
     * @param payloadSize  the packet's payload bytes (header excluded, as RFC 3550 counts octets)
     * @param ptsEqualsDts whether its timestamp is a sampling instant
     * @return true exactly once: for the packet after which this reader's first report can be sent
     */
    public boolean onPacket(int payloadSize, boolean ptsEqualsDts) {
        PACKETS.setOpaque(this, (int) PACKETS.getOpaque(this) + 1);
        OCTETS.setOpaque(this, (int) OCTETS.getOpaque(this) + payloadSize);
        if (ptsEqualsDts && !reporting && mapping.isMapped()) {
            reporting = true;
            return true;
        }
        return false;
    }

    /** Packets counted, modulo 2^32 as the report carries them. */
    public long packetCount() {
        return Integer.toUnsignedLong((int) PACKETS.getOpaque(this));
    }

    /** Payload octets counted, modulo 2^32 as the report carries them. */
    public long octetCount() {
        return Integer.toUnsignedLong((int) OCTETS.getOpaque(this));
    }

    /**
     * The sender report for this reader as of {@code now}; null until this reader has been sent a
     * PTS == DTS packet (and always when the format's clock rate is unknown).
     */
    public SenderReport report(long ssrc, Instant now) {
        if (!reporting) {
            return null;
        }
        return mapping.senderReport(ssrc, packetCount(), octetCount(), now);
    }
}
