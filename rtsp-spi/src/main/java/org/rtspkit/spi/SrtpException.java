package org.rtspkit.spi;

import java.util.Objects;

/**
 * A packet that an {@link SrtpContext} refused to protect or unprotect. The packet must be dropped
 * (an inbound one is never delivered); the context has already counted it in {@link SrtpContext#counters()}.
 *
 * <p>Checked, because every caller on the packet path has to decide what a refusal means for its peer.
 * It carries no stack trace: a peer sending garbage can cause one per packet, and the trace would
 * only show the SRTP code.
 */
public final class SrtpException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a packet was refused. */
    public enum Reason {
        /** Too short for its own headers, not RTP/RTCP version 2, or an output buffer with no room. */
        MALFORMED,
        /** The authentication tag does not match: a wrong key, or a packet altered on the way. */
        AUTHENTICATION_FAILED,
        /** The packet index was already received, or is older than the 64-packet replay window. */
        REPLAYED,
        /** The packet's master key identifier is not the one of this context's key. */
        UNKNOWN_MKI,
        /** The packet comes from yet another SSRC when the context already tracks its maximum. */
        TOO_MANY_STREAMS,
        /**
         * The key cannot protect this packet: its index is before the start of the stream, the SRTCP
         * index has run out (2^31 packets), or the same index would be encrypted twice under GCM.
         */
        INDEX_UNUSABLE
    }

    /** Why the packet was refused. */
    private final Reason reason;

    /**
     * A refused packet; no stack trace is kept, since this is an expected outcome on hostile input.
     *
     * @param reason why the packet was refused
     * @param message the details, for the log
     */
    public SrtpException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the packet was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
