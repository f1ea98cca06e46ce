package org.rtspkit.spi;

import org.rtspkit.api.SrtpSuite;

/**
 * SRTP and SRTCP (RFC 3711, RFC 6188, RFC 7714) under one master key: the key of one media in one
 * direction. The server's key of a stream media protects that media's RTP and RTCP once for every
 * reader; a client's key unprotects what that client sends.
 *
 * <p>A context keeps, per SSRC, the rollover counter and the highest sequence number (RFC 3711
 * §3.3.1), a 64-packet replay window for SRTP and another for SRTCP, and the next SRTCP index.
 * State for an SSRC is created by the first packet protected, or the first packet that passes
 * authentication, for it; the initial rollover counters come from {@link SrtpProvider#createContext}.
 *
 * <h2>Buffers</h2>
 * Every method reads {@code length} bytes at {@code offset} of {@code packet} and writes the result at
 * {@code outOffset} of {@code out}, returning the number of bytes written. {@code out} may be
 * {@code packet} itself, at the same offset (in place, the cheapest) or at another one, even
 * overlapping. Protecting needs room for {@code length + rtpOverhead()} (or {@code rtcpOverhead()})
 * bytes at {@code outOffset}; unprotecting never writes more than it reads (within one array it
 * decrypts at the packet's own offset, then moves the result). So the engine protects a packet once
 * into a buffer of its own and sends those bytes to every reader; a TCP sender can pass
 * {@code outOffset = 4} to leave room for the interleaved frame header.
 *
 * <h2>Failures</h2>
 * A refused packet throws {@link SrtpException} and is counted; nothing is written to {@code out}
 * for an inbound packet that fails authentication or replay checks, and the context's state does
 * not move.
 *
 * <h2>Threads</h2>
 * Implementations are thread-safe. RTP calls and RTCP calls use separate state, so a stream writer
 * protecting RTP never waits for a session thread protecting a sender report; calls of one kind are
 * serialized (several reader sessions sending sender reports of one stream share its SRTCP index,
 * which must never repeat).
 */
public interface SrtpContext {

    /**
     * The suite of the key this context was made with.
     *
     * @return the suite
     */
    SrtpSuite suite();

    /**
     * Bytes {@link #protectRtp} adds: the tag, plus the MKI when the key has one.
     *
     * @return the bytes added to each RTP packet
     */
    int rtpOverhead();

    /**
     * Bytes {@link #protectRtcp} adds: the tag, the E flag with the SRTCP index, plus the MKI when the key has one.
     *
     * @return the bytes added to each RTCP packet
     */
    int rtcpOverhead();

    /**
     * Encrypts the payload of an RTP packet and appends the MKI (if any) and the tag.
     *
     * @param packet the buffer that holds the packet
     * @param offset where the packet starts
     * @param length its length in bytes
     * @param out where the result is written
     * @param outOffset where in {@code out} the result starts
     * @return the length of the SRTP packet, {@code length + rtpOverhead()}
     * @throws SrtpException {@code MALFORMED} when the packet is not RTP version 2 or {@code out} has no
     *         room; {@code TOO_MANY_STREAMS}; {@code INDEX_UNUSABLE} when the sequence number goes back
     *         before the first packet of the stream, or GCM would reuse an index
     */
    int protectRtp(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException;

    /**
     * Encrypts a (compound) RTCP packet after its first 8 bytes and appends the E flag with the next
     * SRTCP index of the packet's SSRC, the MKI (if any) and the tag.
     *
     * @param packet the buffer that holds the packet
     * @param offset where the packet starts
     * @param length its length in bytes
     * @param out where the result is written
     * @param outOffset where in {@code out} the result starts
     * @return the length of the SRTCP packet, {@code length + rtcpOverhead()}
     * @throws SrtpException {@code MALFORMED}, {@code TOO_MANY_STREAMS}, or {@code INDEX_UNUSABLE} when
     *         the SSRC has used all 2^31 SRTCP indexes of this key
     */
    int protectRtcp(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException;

    /**
     * Checks an SRTP packet (MKI, replay window, tag) and decrypts it.
     *
     * @param packet the buffer that holds the packet
     * @param offset where the packet starts
     * @param length its length in bytes
     * @param out where the result is written
     * @param outOffset where in {@code out} the result starts
     * @return the length of the plain RTP packet, {@code length - rtpOverhead()}
     * @throws SrtpException {@code MALFORMED}, {@code UNKNOWN_MKI}, {@code REPLAYED},
     *         {@code AUTHENTICATION_FAILED} or {@code TOO_MANY_STREAMS}
     */
    int unprotectRtp(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException;

    /**
     * Checks an SRTCP packet (MKI, replay window on its SRTCP index, tag) and decrypts it when its E
     * flag is set (packets with E clear are authenticated only, and accepted).
     *
     * @param packet the buffer that holds the packet
     * @param offset where the packet starts
     * @param length its length in bytes
     * @param out where the result is written
     * @param outOffset where in {@code out} the result starts
     * @return the length of the plain RTCP packet, {@code length - rtcpOverhead()}
     * @throws SrtpException {@code MALFORMED}, {@code UNKNOWN_MKI}, {@code REPLAYED},
     *         {@code AUTHENTICATION_FAILED} or {@code TOO_MANY_STREAMS}
     */
    int unprotectRtcp(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException;

    /**
     * The rollover counter of an SSRC as this context knows it now: for a sender, the ROC to put in
     * the MIKEY message of a reader that joins later. Before any packet of the SSRC, the initial value
     * given at creation, or 0.
     *
     * @param ssrc an SSRC, unsigned 32-bit
     * @return its rollover counter
     */
    long rolloverCounter(long ssrc);

    /**
     * A snapshot of the counters.
     *
     * @return the counters since the context was made
     */
    SrtpCounters counters();
}
