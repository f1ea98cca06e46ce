package org.rtspkit.srtp;

import static org.rtspkit.spi.SrtpException.Reason.AUTHENTICATION_FAILED;
import static org.rtspkit.spi.SrtpException.Reason.INDEX_UNUSABLE;
import static org.rtspkit.spi.SrtpException.Reason.MALFORMED;
import static org.rtspkit.spi.SrtpException.Reason.REPLAYED;
import static org.rtspkit.spi.SrtpException.Reason.TOO_MANY_STREAMS;
import static org.rtspkit.spi.SrtpException.Reason.UNKNOWN_MKI;

import java.util.Objects;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.api.SrtpSuite;

/**
 * The SRTP half of a context (RFC 3711 §3.3, RFC 7714 §8): per-SSRC rollover counters and replay
 * windows, and the per-packet transforms. Every public-facing method is synchronized on this object.
 */
final class RtpProtection {
    private static final int RTP_HEADER = 12;
    private static final int SEQ_HALF = 1 << 15;
    private static final long U32 = 0xFFFF_FFFFL;

    /** Per-SSRC state: the packet index is {@code roc·2^16 + seq} (48 bits). */
    static final class Stream {
        final int ssrc;
        /** False until the first packet: {@link #roc} then holds the initial (announced) ROC. */
        boolean started;
        int roc;
        int highestSeq;
        final ReplayWindow window = new ReplayWindow();

        Stream(int ssrc) {
            this.ssrc = ssrc;
        }
    }

    private final byte[] mki;
    private final int tagLength;
    private final AesCounterMode counterMode;
    private final HmacSha1 mac;
    private final AesGcm gcm;
    private final SsrcTable<Stream> streams;
    private final PacketCounters counters = new PacketCounters();

    RtpProtection(SrtpSuite suite, byte[] mki, SessionKeys keys, int capacity) {
        this.mki = mki;
        this.tagLength = suite.authTagLength();
        if (suite.isAead()) {
            this.gcm = new AesGcm(keys.encryptionKey(), keys.salt());
            this.counterMode = null;
            this.mac = null;
        } else {
            this.gcm = null;
            this.counterMode = new AesCounterMode(keys.encryptionKey(), keys.salt());
            this.mac = new HmacSha1(keys.authKey());
        }
        this.streams = new SsrcTable<>(capacity, Stream::new);
    }

    synchronized void preload(int ssrc, int roc) {
        Stream s = streams.get(ssrc);
        if (s == null) {
            s = streams.add(ssrc);
        }
        if (!s.started) {
            s.roc = roc;
        }
    }

    synchronized long rolloverCounter(int ssrc) {
        Stream s = streams.get(ssrc);
        return s == null ? 0 : s.roc & U32;
    }

    int overhead() {
        return tagLength + mki.length;
    }

    synchronized int protect(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException {
        Objects.checkFromIndexSize(offset, length, packet.length);
        int headerLength = headerLength(packet, offset, length);
        int total = length + overhead();
        if (out.length - outOffset < total || outOffset < 0) {
            throw counters.refuse(MALFORMED, "output buffer has room for " + (out.length - outOffset)
                    + " bytes, the SRTP packet needs " + total);
        }
        if (packet == out && offset != outOffset) {
            // One array, two places (possibly overlapping): move the packet first, then work in place.
            System.arraycopy(packet, offset, out, outOffset, length);
            offset = outOffset;
        }
        int seq = u16(packet, offset + 2);
        int ssrc = i32(packet, offset + 8);
        Stream stream = streams.get(ssrc);
        if (stream == null) {
            if (streams.isFull()) {
                throw counters.refuse(TOO_MANY_STREAMS, "SSRC " + Integer.toUnsignedString(ssrc)
                        + " would exceed the " + streams.size() + " streams this key tracks");
            }
            stream = streams.add(ssrc);
        }
        long index = estimateIndex(stream, seq);
        if (index < 0) {
            throw counters.refuse(INDEX_UNUSABLE, "sequence number " + seq + " of SSRC "
                    + Integer.toUnsignedString(ssrc) + " reads as before the start of the stream");
        }
        String replay = stream.window.check(index);
        if (replay != null) {
            // Encrypting an index twice reuses keystream (and, under GCM, exposes the authentication key).
            throw counters.refuse(INDEX_UNUSABLE, "SSRC " + Integer.toUnsignedString(ssrc)
                    + ": refusing to protect again: " + replay);
        }
        int roc = (int) (index >>> 16);
        int payloadLength = length - headerLength;
        if (packet != out || offset != outOffset) {
            System.arraycopy(packet, offset, out, outOffset, headerLength);
        }
        int end;
        if (gcm != null) {
            gcm.rtpIv(ssrc, roc, seq);
            if (!gcm.startEncrypt()) {
                throw counters.refuse(INDEX_UNUSABLE, "GCM would encrypt index " + index + " of SSRC "
                        + Integer.toUnsignedString(ssrc) + " twice");
            }
            gcm.aad(packet, offset, headerLength);
            end = outOffset + headerLength
                    + gcm.seal(packet, offset + headerLength, payloadLength, out, outOffset + headerLength);
            System.arraycopy(mki, 0, out, end, mki.length);
        } else {
            counterMode.apply(ssrc, index, packet, offset + headerLength, payloadLength, out, outOffset + headerLength);
            end = outOffset + length;
            System.arraycopy(mki, 0, out, end, mki.length);
            mac.start();
            mac.update(out, outOffset, length);
            mac.updateInt(roc);
            mac.finish();
            mac.copyTag(out, end + mki.length, tagLength);
        }
        advance(stream, index);
        counters.protectedPackets++;
        return total;
    }

    synchronized int unprotect(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException {
        if (packet == out && offset != outOffset) {
            // One array, two places (possibly overlapping): work in place, then move the result.
            int plainLength = length - overhead();
            if (plainLength > 0 && (outOffset < 0 || out.length - outOffset < plainLength)) {
                throw counters.refuse(MALFORMED, "output buffer has room for " + (out.length - outOffset)
                        + " bytes, the RTP packet needs " + plainLength);
            }
            int n = unprotectChecked(packet, offset, length, packet, offset);
            System.arraycopy(packet, offset, out, outOffset, n);
            return n;
        }
        return unprotectChecked(packet, offset, length, out, outOffset);
    }

    private int unprotectChecked(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException {
        Objects.checkFromIndexSize(offset, length, packet.length);
        int headerLength = headerLength(packet, offset, length);
        // Without AEAD: header | encrypted payload | MKI | tag. With AEAD: header | ciphertext | tag | MKI.
        int mkiAt = gcm != null ? length - mki.length : length - tagLength - mki.length;
        int plainLength = length - overhead();
        if (plainLength < headerLength) {
            throw counters.refuse(MALFORMED, "SRTP packet of " + length + " bytes is shorter than its "
                    + headerLength + "-byte header and " + overhead() + "-byte trailer");
        }
        if (out.length - outOffset < plainLength || outOffset < 0) {
            throw counters.refuse(MALFORMED, "output buffer has room for " + (out.length - outOffset)
                    + " bytes, the RTP packet needs " + plainLength);
        }
        if (!mkiMatches(packet, offset + mkiAt)) {
            throw counters.refuse(UNKNOWN_MKI, "SRTP packet carries an MKI this key does not have");
        }
        int seq = u16(packet, offset + 2);
        int ssrc = i32(packet, offset + 8);
        Stream stream = streams.get(ssrc);
        if (stream == null && streams.isFull()) {
            throw counters.refuse(TOO_MANY_STREAMS, "SSRC " + Integer.toUnsignedString(ssrc)
                    + " would exceed the " + streams.size() + " streams this key tracks");
        }
        long index = stream == null ? seq : estimateIndex(stream, seq);
        if (index < 0) {
            throw counters.refuse(REPLAYED, "sequence number " + seq + " of SSRC "
                    + Integer.toUnsignedString(ssrc) + " reads as before the start of the stream");
        }
        if (stream != null) {
            String replay = stream.window.check(index);
            if (replay != null) {
                throw counters.refuse(REPLAYED, "SSRC " + Integer.toUnsignedString(ssrc) + ": " + replay);
            }
        }
        int roc = (int) (index >>> 16);
        if (gcm != null) {
            gcm.rtpIv(ssrc, roc, seq);
            gcm.startDecrypt();
            gcm.aad(packet, offset, headerLength);
            int n = gcm.open(packet, offset + headerLength, mkiAt - headerLength, out, outOffset + headerLength);
            if (n < 0) {
                throw counters.refuse(AUTHENTICATION_FAILED, "SRTP tag mismatch for SSRC "
                        + Integer.toUnsignedString(ssrc) + " seq " + seq);
            }
        } else {
            mac.start();
            mac.update(packet, offset, plainLength);
            mac.updateInt(roc);
            mac.finish();
            if (!mac.matches(packet, offset + mkiAt + mki.length, tagLength)) {
                throw counters.refuse(AUTHENTICATION_FAILED, "SRTP tag mismatch for SSRC "
                        + Integer.toUnsignedString(ssrc) + " seq " + seq);
            }
            counterMode.apply(ssrc, index, packet, offset + headerLength, plainLength - headerLength,
                    out, outOffset + headerLength);
        }
        if (packet != out || offset != outOffset) {
            System.arraycopy(packet, offset, out, outOffset, headerLength);
        }
        advance(stream != null ? stream : streams.add(ssrc), index);
        counters.unprotectedPackets++;
        return plainLength;
    }

    synchronized void addTo(long[] totals) {
        totals[0] += counters.protectedPackets;
        totals[1] += counters.unprotectedPackets;
        totals[2] += counters.authenticationFailures;
        totals[3] += counters.replays;
        totals[4] += counters.otherFailures;
    }

    /**
     * RFC 3711 §3.3.1 / Appendix A: the ROC guess that puts the index closest to the highest one
     * seen. Returns -1 when that guess is ROC - 1 with ROC 0, or past 2^32 - 1.
     */
    private static long estimateIndex(Stream s, int seq) {
        long roc = s.roc & U32;
        if (!s.started) {
            return roc << 16 | seq;
        }
        long guess;
        if (s.highestSeq < SEQ_HALF) {
            guess = seq - s.highestSeq > SEQ_HALF ? roc - 1 : roc;
        } else {
            guess = s.highestSeq - SEQ_HALF > seq ? roc + 1 : roc;
        }
        if (guess < 0 || guess > U32) {
            return -1;
        }
        return guess << 16 | seq;
    }

    /** Moves ROC and the highest sequence number forward after a packet was protected or accepted. */
    private static void advance(Stream s, long index) {
        int seq = (int) (index & 0xFFFF);
        long roc = index >>> 16;
        if (!s.started) {
            s.started = true;
            s.roc = (int) roc;
            s.highestSeq = seq;
        } else if (roc > (s.roc & U32)) {
            s.roc = (int) roc;
            s.highestSeq = seq;
        } else if (roc == (s.roc & U32) && seq > s.highestSeq) {
            s.highestSeq = seq;
        }
        s.window.accept(index);
    }

    private boolean mkiMatches(byte[] packet, int at) {
        for (int i = 0; i < mki.length; i++) {
            if (packet[at + i] != mki[i]) {
                return false;
            }
        }
        return true;
    }

    /** Fixed header, CSRCs and header extension: what stays clear and is authenticated (RFC 3550 §5.1, §5.3.1). */
    private int headerLength(byte[] p, int offset, int length) throws SrtpException {
        if (length < RTP_HEADER) {
            throw counters.refuse(MALFORMED, "RTP packet of " + length + " bytes is shorter than the 12-byte header");
        }
        int first = p[offset] & 0xFF;
        if (first >>> 6 != 2) {
            throw counters.refuse(MALFORMED, "RTP version " + (first >>> 6) + ", expected 2");
        }
        int headerLength = RTP_HEADER + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (length < headerLength + 4) {
                throw counters.refuse(MALFORMED, "RTP header extension flag set in a " + length + "-byte packet");
            }
            headerLength += 4 + 4 * u16(p, offset + headerLength + 2);
        }
        if (headerLength > length) {
            throw counters.refuse(MALFORMED, "RTP header of " + headerLength + " bytes in a " + length + "-byte packet");
        }
        return headerLength;
    }

    static int u16(byte[] p, int at) {
        return (p[at] & 0xFF) << 8 | p[at + 1] & 0xFF;
    }

    static int i32(byte[] p, int at) {
        return (p[at] & 0xFF) << 24 | (p[at + 1] & 0xFF) << 16 | (p[at + 2] & 0xFF) << 8 | p[at + 3] & 0xFF;
    }
}
