package org.rtspkit.srtp;

import static org.rtspkit.spi.SrtpException.Reason.AUTHENTICATION_FAILED;
import static org.rtspkit.spi.SrtpException.Reason.INDEX_UNUSABLE;
import static org.rtspkit.spi.SrtpException.Reason.MALFORMED;
import static org.rtspkit.spi.SrtpException.Reason.REPLAYED;
import static org.rtspkit.spi.SrtpException.Reason.TOO_MANY_STREAMS;
import static org.rtspkit.spi.SrtpException.Reason.UNKNOWN_MKI;
import static org.rtspkit.srtp.RtpProtection.i32;

import java.util.Objects;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.api.SrtpSuite;

/**
 * The SRTCP half of a context (RFC 3711 §3.4, RFC 7714 §9): per-SSRC SRTCP index and replay window,
 * and the per-packet transforms. The first 8 bytes of a compound packet (header and sender SSRC)
 * stay clear; the rest is encrypted. Every public-facing method is synchronized on this object.
 *
 * <p>Layouts: without AEAD {@code header | encrypted | E+index | MKI | tag}, with AEAD
 * {@code header | ciphertext | tag | E+index | MKI}.
 */
final class RtcpProtection {
    private static final int RTCP_HEADER = 8;
    private static final int INDEX_WORD = SrtpSuite.SRTCP_INDEX_LENGTH;
    private static final int E_FLAG = 0x8000_0000;
    private static final long MAX_INDEX = 0x7FFF_FFFFL;

    /** Per-SSRC state: the next index we send, and the window of indexes we received. */
    static final class Stream {
        long nextIndex;
        final ReplayWindow window = new ReplayWindow();

        Stream(int ssrc) {
            // State is the same for every SSRC; the table keys it.
        }
    }

    private final byte[] mki;
    private final int tagLength;
    private final AesCounterMode counterMode;
    private final HmacSha1 mac;
    private final AesGcm gcm;
    private final SsrcTable<Stream> streams;
    private final PacketCounters counters = new PacketCounters();
    private final byte[] indexWord = new byte[INDEX_WORD];

    RtcpProtection(SrtpSuite suite, byte[] mki, SessionKeys keys, int capacity) {
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

    int overhead() {
        return tagLength + INDEX_WORD + mki.length;
    }

    synchronized int protect(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException {
        Objects.checkFromIndexSize(offset, length, packet.length);
        checkHeader(packet, offset, length, length);
        int total = length + overhead();
        if (out.length - outOffset < total || outOffset < 0) {
            throw counters.refuse(MALFORMED, "output buffer has room for " + (out.length - outOffset)
                    + " bytes, the SRTCP packet needs " + total);
        }
        if (packet == out && offset != outOffset) {
            // One array, two places (possibly overlapping): move the packet first, then work in place.
            System.arraycopy(packet, offset, out, outOffset, length);
            offset = outOffset;
        }
        int ssrc = i32(packet, offset + 4);
        Stream stream = streams.get(ssrc);
        if (stream == null) {
            if (streams.isFull()) {
                throw counters.refuse(TOO_MANY_STREAMS, "SSRC " + Integer.toUnsignedString(ssrc)
                        + " would exceed the " + streams.size() + " streams this key tracks");
            }
            stream = streams.add(ssrc);
        }
        if (stream.nextIndex > MAX_INDEX) {
            throw counters.refuse(INDEX_UNUSABLE, "SSRC " + Integer.toUnsignedString(ssrc)
                    + " has used all 2^31 SRTCP indexes of this key; a new key is needed");
        }
        int index = (int) stream.nextIndex;
        int word = E_FLAG | index;
        if (packet != out || offset != outOffset) {
            System.arraycopy(packet, offset, out, outOffset, RTCP_HEADER);
        }
        int payloadLength = length - RTCP_HEADER;
        int end;
        if (gcm != null) {
            gcm.rtcpIv(ssrc, index);
            if (!gcm.startEncrypt()) {
                throw counters.refuse(INDEX_UNUSABLE, "GCM would encrypt SRTCP index " + index + " of SSRC "
                        + Integer.toUnsignedString(ssrc) + " twice");
            }
            putInt(indexWord, 0, word);
            gcm.aad(packet, offset, RTCP_HEADER);
            gcm.aad(indexWord, 0, INDEX_WORD);
            end = outOffset + RTCP_HEADER
                    + gcm.seal(packet, offset + RTCP_HEADER, payloadLength, out, outOffset + RTCP_HEADER);
            putInt(out, end, word);
            System.arraycopy(mki, 0, out, end + INDEX_WORD, mki.length);
        } else {
            counterMode.apply(ssrc, index, packet, offset + RTCP_HEADER, payloadLength, out, outOffset + RTCP_HEADER);
            end = outOffset + length;
            putInt(out, end, word);
            System.arraycopy(mki, 0, out, end + INDEX_WORD, mki.length);
            mac.start();
            mac.update(out, outOffset, length + INDEX_WORD);
            mac.finish();
            mac.copyTag(out, end + INDEX_WORD + mki.length, tagLength);
        }
        stream.nextIndex++;
        counters.protectedPackets++;
        return total;
    }

    synchronized int unprotect(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException {
        if (packet == out && offset != outOffset) {
            // One array, two places (possibly overlapping): work in place, then move the result.
            int plainLength = length - overhead();
            if (plainLength > 0 && (outOffset < 0 || out.length - outOffset < plainLength)) {
                throw counters.refuse(MALFORMED, "output buffer has room for " + (out.length - outOffset)
                        + " bytes, the RTCP packet needs " + plainLength);
            }
            int n = unprotectChecked(packet, offset, length, packet, offset);
            System.arraycopy(packet, offset, out, outOffset, n);
            return n;
        }
        return unprotectChecked(packet, offset, length, out, outOffset);
    }

    private int unprotectChecked(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException {
        Objects.checkFromIndexSize(offset, length, packet.length);
        int plainLength = length - overhead();
        checkHeader(packet, offset, length, plainLength);
        if (out.length - outOffset < plainLength || outOffset < 0) {
            throw counters.refuse(MALFORMED, "output buffer has room for " + (out.length - outOffset)
                    + " bytes, the RTCP packet needs " + plainLength);
        }
        int wordAt = gcm != null ? length - mki.length - INDEX_WORD : length - tagLength - mki.length - INDEX_WORD;
        if (!mkiMatches(packet, offset + length - mki.length - (gcm != null ? 0 : tagLength))) {
            throw counters.refuse(UNKNOWN_MKI, "SRTCP packet carries an MKI this key does not have");
        }
        int word = i32(packet, offset + wordAt);
        boolean encrypted = (word & E_FLAG) != 0;
        int index = word & ~E_FLAG;
        int ssrc = i32(packet, offset + 4);
        Stream stream = streams.get(ssrc);
        if (stream == null && streams.isFull()) {
            throw counters.refuse(TOO_MANY_STREAMS, "SSRC " + Integer.toUnsignedString(ssrc)
                    + " would exceed the " + streams.size() + " streams this key tracks");
        }
        if (stream != null) {
            String replay = stream.window.check(index);
            if (replay != null) {
                throw counters.refuse(REPLAYED, "SRTCP of SSRC " + Integer.toUnsignedString(ssrc) + ": " + replay);
            }
        }
        if (gcm != null) {
            gcm.rtcpIv(ssrc, index);
            gcm.startDecrypt();
            int n;
            if (encrypted) {
                gcm.aad(packet, offset, RTCP_HEADER);
                gcm.aad(packet, offset + wordAt, INDEX_WORD);
                n = gcm.open(packet, offset + RTCP_HEADER, wordAt - RTCP_HEADER, out, outOffset + RTCP_HEADER);
            } else {
                // Authentication only (RFC 7714 §9.2): the whole clear packet is associated data.
                gcm.aad(packet, offset, plainLength);
                gcm.aad(packet, offset + wordAt, INDEX_WORD);
                n = gcm.open(packet, offset + plainLength, AesGcm.TAG_LENGTH, out, outOffset + plainLength);
            }
            if (n < 0) {
                throw counters.refuse(AUTHENTICATION_FAILED, "SRTCP tag mismatch for SSRC "
                        + Integer.toUnsignedString(ssrc) + " index " + index);
            }
            if (!encrypted && (packet != out || offset != outOffset)) {
                System.arraycopy(packet, offset + RTCP_HEADER, out, outOffset + RTCP_HEADER, plainLength - RTCP_HEADER);
            }
        } else {
            mac.start();
            mac.update(packet, offset, wordAt + INDEX_WORD);
            mac.finish();
            if (!mac.matches(packet, offset + wordAt + INDEX_WORD + mki.length, tagLength)) {
                throw counters.refuse(AUTHENTICATION_FAILED, "SRTCP tag mismatch for SSRC "
                        + Integer.toUnsignedString(ssrc) + " index " + index);
            }
            if (encrypted) {
                counterMode.apply(ssrc, index, packet, offset + RTCP_HEADER, plainLength - RTCP_HEADER,
                        out, outOffset + RTCP_HEADER);
            } else if (packet != out || offset != outOffset) {
                System.arraycopy(packet, offset + RTCP_HEADER, out, outOffset + RTCP_HEADER, plainLength - RTCP_HEADER);
            }
        }
        if (packet != out || offset != outOffset) {
            System.arraycopy(packet, offset, out, outOffset, RTCP_HEADER);
        }
        (stream != null ? stream : streams.add(ssrc)).window.accept(index);
        counters.unprotectedPackets++;
        return plainLength;
    }

    synchronized void addTo(long[] totals) {
        totals[5] += counters.protectedPackets;
        totals[6] += counters.unprotectedPackets;
        totals[2] += counters.authenticationFailures;
        totals[3] += counters.replays;
        totals[4] += counters.otherFailures;
    }

    /** Version 2 and room for the 8 clear bytes in both the protected and the plain form. */
    private void checkHeader(byte[] p, int offset, int length, int plainLength) throws SrtpException {
        if (plainLength < RTCP_HEADER) {
            throw counters.refuse(MALFORMED, "RTCP packet of " + length + " bytes is too short for its 8-byte header"
                    + (plainLength == length ? "" : " and " + overhead() + "-byte SRTCP trailer"));
        }
        int version = (p[offset] & 0xFF) >>> 6;
        if (version != 2) {
            throw counters.refuse(MALFORMED, "RTCP version " + version + ", expected 2");
        }
    }

    private boolean mkiMatches(byte[] packet, int at) {
        for (int i = 0; i < mki.length; i++) {
            if (packet[at + i] != mki[i]) {
                return false;
            }
        }
        return true;
    }

    private static void putInt(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 24);
        p[at + 1] = (byte) (v >>> 16);
        p[at + 2] = (byte) (v >>> 8);
        p[at + 3] = (byte) v;
    }
}
