package org.rtspkit.srtp;

import java.util.List;
import org.rtspkit.spi.CryptoSession;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpCounters;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.api.SrtpSuite;

/**
 * An {@link SrtpContext} on the JDK's JCA: an RTP half and an RTCP half, each with its own session
 * keys, cipher objects and lock (see {@link RtpProtection}, {@link RtcpProtection}).
 */
final class JcaSrtpContext implements SrtpContext {
    private final SrtpSuite suite;
    private final RtpProtection rtp;
    private final RtcpProtection rtcp;

    private JcaSrtpContext(SrtpSuite suite, byte[] mki, SessionKeys rtpKeys, SessionKeys rtcpKeys,
                           List<CryptoSession> cryptoSessions) {
        this.suite = suite;
        int capacity = SsrcTable.DEFAULT_CAPACITY + cryptoSessions.size();
        this.rtp = new RtpProtection(suite, mki, rtpKeys, capacity);
        this.rtcp = new RtcpProtection(suite, mki, rtcpKeys, capacity);
        for (CryptoSession cs : cryptoSessions) {
            rtp.preload((int) cs.ssrc(), (int) cs.rolloverCounter());
        }
    }

    /** A context whose session keys are derived from the master key (RFC 3711 §4.3). */
    static JcaSrtpContext create(SrtpKeyMaterial key, List<CryptoSession> cryptoSessions) {
        return new JcaSrtpContext(key.suite(), key.mki(), KeyDerivation.rtp(key), KeyDerivation.rtcp(key),
                List.copyOf(cryptoSessions));
    }

    /** A context from session keys directly, as the RFC 7714 test vectors give them. */
    static JcaSrtpContext withSessionKeys(SrtpSuite suite, byte[] mki, SessionKeys rtpKeys, SessionKeys rtcpKeys) {
        return new JcaSrtpContext(suite, mki, rtpKeys, rtcpKeys, List.of());
    }

    @Override
    public SrtpSuite suite() {
        return suite;
    }

    @Override
    public int rtpOverhead() {
        return rtp.overhead();
    }

    @Override
    public int rtcpOverhead() {
        return rtcp.overhead();
    }

    @Override
    public int protectRtp(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException {
        return rtp.protect(packet, offset, length, out, outOffset);
    }

    @Override
    public int protectRtcp(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException {
        return rtcp.protect(packet, offset, length, out, outOffset);
    }

    @Override
    public int unprotectRtp(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException {
        return rtp.unprotect(packet, offset, length, out, outOffset);
    }

    @Override
    public int unprotectRtcp(byte[] packet, int offset, int length, byte[] out, int outOffset) throws SrtpException {
        return rtcp.unprotect(packet, offset, length, out, outOffset);
    }

    @Override
    public long rolloverCounter(long ssrc) {
        return rtp.rolloverCounter((int) ssrc);
    }

    @Override
    public SrtpCounters counters() {
        long[] t = new long[7];
        rtp.addTo(t);
        rtcp.addTo(t);
        return new SrtpCounters(t[0], t[5], t[1], t[6], t[2], t[3], t[4]);
    }

    @Override
    public String toString() {
        return "SrtpContext[" + suite + "]";
    }
}
