package org.rtspkit.stream.internal.stream;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.rtspkit.spi.CryptoSession;
import org.rtspkit.spi.MikeyMessage;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.spi.SrtpProvider;
import org.rtspkit.api.SrtpSuite;

/**
 * The SRTP keys of a stream served over RTSPS: one master key per media, shared by every reader of
 * that media, so each packet is encrypted once whatever the number of readers. Readers learn a key
 * from the DESCRIBE answer ({@code a=key-mgmt}) and again from their SETUP ({@code KeyMgmt}).
 */
final class StreamKeys {
    private final SrtpProvider provider;
    private final SrtpKeyMaterial[] keys;
    private final SrtpContext[] contexts;
    private final long[][] ssrcs;

    /** @param ssrcsPerMedia the stream's SSRCs of each media's formats */
    StreamKeys(SrtpProvider provider, SrtpSuite suite, long[][] ssrcsPerMedia) {
        this.provider = provider;
        this.ssrcs = ssrcsPerMedia;
        this.keys = new SrtpKeyMaterial[ssrcsPerMedia.length];
        this.contexts = new SrtpContext[ssrcsPerMedia.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = SrtpKeyMaterial.generate(suite);
            List<CryptoSession> sessions = new ArrayList<>();
            for (long ssrc : ssrcsPerMedia[i]) {
                sessions.add(new CryptoSession(ssrc, 0));
            }
            contexts[i] = provider.createContext(keys[i], sessions);
        }
    }

    int rtpOverhead() {
        return contexts[0].rtpOverhead();
    }

    int rtcpOverhead() {
        return contexts[0].rtcpOverhead();
    }

    /** Encrypts into {@code out}; returns the protected length. */
    int protectRtp(int media, byte[] packet, int length, byte[] out) throws SrtpException {
        return contexts[media].protectRtp(packet, 0, length, out, 0);
    }

    /** A protected copy of an RTCP packet. */
    byte[] protectRtcp(int media, byte[] packet) throws SrtpException {
        byte[] out = new byte[packet.length + contexts[media].rtcpOverhead()];
        int n = contexts[media].protectRtcp(packet, 0, packet.length, out, 0);
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * The media's key as a base64 MIKEY message, with the current rollover counters so that a reader
     * joining late decrypts from its first packet.
     */
    String mikeyBase64(int media) {
        List<CryptoSession> sessions = new ArrayList<>();
        for (long ssrc : ssrcs[media]) {
            sessions.add(new CryptoSession(ssrc, contexts[media].rolloverCounter(ssrc)));
        }
        return Base64.getEncoder().encodeToString(provider.encodeMikey(new MikeyMessage(keys[media], sessions)));
    }
}
