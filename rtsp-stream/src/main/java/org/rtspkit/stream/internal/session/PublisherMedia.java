package org.rtspkit.stream.internal.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.rtspkit.api.Format;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.Media;
import org.rtspkit.api.ReceiverReport;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.SenderReport;
import org.rtspkit.spi.CryptoSession;
import org.rtspkit.spi.InboundPackets;
import org.rtspkit.spi.MikeyMessage;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.stream.internal.rtp.RtpReceiver;
import org.rtspkit.stream.internal.rtp.SsrcGenerator;

/**
 * One media of a publisher: decodes its RTP and RTCP, reorders and counts losses per format, and hands
 * packets to the application's callbacks. Undecodable input is reported and dropped, never fatal.
 */
final class PublisherMedia implements InboundPackets {
    private static final System.Logger LOG = System.getLogger(PublisherMedia.class.getName());

    private final Session session;
    private final Media media;
    private final SessionHost host;
    private final Map<Integer, FormatReceiver> formats = new HashMap<>();
    private final List<Consumer<RtcpPacket>> rtcpCallbacks = new CopyOnWriteArrayList<>();
    private final Counters counters = new Counters();
    private final SrtpContext clientKey;
    private final SrtpContext serverKey;
    private final byte[] serverMikey;

    /** @param clientKey the publisher's SRTP key (SAVP), or null for plain RTP */
    PublisherMedia(Session session, Media media, boolean reliable, SessionHost host, SrtpContext clientKey) {
        this.session = session;
        this.media = media;
        this.host = host;
        this.clientKey = clientKey;
        long[] ssrcs = SsrcGenerator.generate(media.formats().size(), host.random());
        int i = 0;
        List<CryptoSession> ours = new ArrayList<>();
        for (Format f : media.formats()) {
            formats.put(f.payloadType(), new FormatReceiver(f, new RtpReceiver<>(f.clockRate(), reliable), ssrcs[i]));
            ours.add(new CryptoSession(ssrcs[i++], 0));
        }
        if (clientKey != null) {
            // Our receiver reports are encrypted with a key of this session's own, given in the SETUP answer.
            SrtpKeyMaterial key = SrtpKeyMaterial.generate(host.srtpSuite());
            this.serverKey = host.srtp().createContext(key, ours);
            this.serverMikey = host.srtp().encodeMikey(new MikeyMessage(key, ours));
        } else {
            this.serverKey = null;
            this.serverMikey = null;
        }
    }

    /** The MIKEY message of our key, for the SETUP answer's KeyMgmt; null without SRTP. */
    byte[] serverMikey() {
        return serverMikey;
    }

    Counters counters() {
        return counters;
    }

    void onPacketRtp(int payloadType, Consumer<RtpPacket> callback) {
        FormatReceiver f = formats.get(payloadType);
        if (f == null) {
            throw new IllegalArgumentException("payload type " + payloadType + " is not a format of the media");
        }
        f.callbacks.add(callback);
    }

    void onPacketRtcp(Consumer<RtcpPacket> callback) {
        rtcpCallbacks.add(callback);
    }

    @Override
    public void rtp(byte[] data, int offset, int length) {
        session.links().packetReceived();
        counters.bytes += length;
        RtpPacket packet;
        try {
            if (clientKey != null) {
                length = clientKey.unprotectRtp(data, offset, length, data, offset);
            }
            packet = RtpPacket.unmarshal(data, offset, length);
        } catch (SrtpException e) {
            counters.rtpInError++;
            decodeError(new MalformedDataException("SRTP packet rejected: " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            // Whatever a peer sends is reported, never fatal: a parser bug must not end the session either.
            counters.rtpInError++;
            decodeError(e);
            return;
        }
        FormatReceiver f = formats.get(packet.payloadType());
        if (f == null) {
            counters.rtpInError++;
            decodeError(new MalformedDataException("received RTP packet with unknown payload type: "
                    + packet.payloadType()));
            return;
        }
        if (f.remoteSsrc < 0) {
            f.remoteSsrc = packet.ssrc();
        } else if (clientKey != null && f.remoteSsrc != packet.ssrc()) {
            // With SRTP the key is bound to the publisher's stream: another SSRC is not that stream.
            counters.rtpInError++;
            decodeError(new MalformedDataException("received packet with wrong SSRC " + packet.ssrc()
                    + ", expected " + f.remoteSsrc));
            return;
        }
        counters.rtpPackets++;
        Instant now = host.config().clock().instant();
        List<RtpPacket> ready = f.receiver.process(packet, packet.sequenceNumber(), packet.timestamp(),
                f.format.ptsEqualsDts(packet), now);
        long lost = f.receiver.lastLost();
        if (lost > 0) {
            counters.rtpLost += lost;
            try {
                host.handler().onPacketsLost(session, lost);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "onPacketsLost failed", e);
            }
        }
        for (int i = 0; i < ready.size(); i++) {
            deliver(f, ready.get(i));
        }
    }

    private void deliver(FormatReceiver f, RtpPacket p) {
        try {
            for (Consumer<RtpPacket> cb : f.callbacks) {
                cb.accept(p);
            }
            for (BiConsumer<Media, RtpPacket> cb : session.medias().rtpAnyCallbacks()) {
                cb.accept(media, p);
            }
        } catch (RuntimeException e) {
            // An application callback failing (for example, writing to a stream that just closed)
            // must not stop the packets of this or other sessions.
            LOG.log(System.Logger.Level.DEBUG, "RTP callback failed", e);
        }
    }

    @Override
    public void rtcp(byte[] data, int offset, int length) {
        session.links().packetReceived();
        counters.bytes += length;
        if (length > host.config().maxPacketSize()) {
            counters.rtcpInError++;
            decodeError(new MalformedDataException("RTCP packet size (" + length
                    + ") is greater than maximum allowed (" + host.config().maxPacketSize() + ")"));
            return;
        }
        List<RtcpPacket> packets;
        try {
            if (clientKey != null) {
                length = clientKey.unprotectRtcp(data, offset, length, data, offset);
            }
            packets = RtcpPacket.unmarshalCompound(data, offset, length);
        } catch (SrtpException e) {
            counters.rtcpInError++;
            decodeError(new MalformedDataException("SRTCP packet rejected: " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            // Whatever a peer sends is reported, never fatal: a parser bug must not end the session either.
            counters.rtcpInError++;
            decodeError(e);
            return;
        }
        counters.rtcpPackets++;
        Instant now = host.config().clock().instant();
        for (RtcpPacket p : packets) {
            if (p instanceof SenderReport sr) {
                for (FormatReceiver f : formats.values()) {
                    if (f.remoteSsrc == sr.ssrc()) {
                        f.receiver.onSenderReport(sr.ntpTime(), sr.rtpTime(), now);
                    }
                }
            }
            try {
                for (Consumer<RtcpPacket> cb : rtcpCallbacks) {
                    cb.accept(p);
                }
                for (BiConsumer<Media, RtcpPacket> cb : session.medias().rtcpAnyCallbacks()) {
                    cb.accept(media, p);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "RTCP callback failed", e);
            }
        }
    }

    private void decodeError(Exception e) {
        try {
            host.handler().onDecodeError(session, e);
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "onDecodeError failed", ex);
        }
    }

    /** The receiver reports due now, one per format that has received packets, marshalled. */
    List<byte[]> receiverReports(Instant now) {
        List<byte[]> out = new ArrayList<>(formats.size());
        for (FormatReceiver f : formats.values()) {
            if (f.remoteSsrc < 0) {
                continue;
            }
            ReceiverReport rr = f.receiver.receiverReport(f.localSsrc, f.remoteSsrc, now);
            if (rr != null) {
                out.add(serverKey == null ? rr.marshal() : protect(rr.marshal()));
            }
        }
        return out;
    }

    private byte[] protect(byte[] rtcp) {
        byte[] out = new byte[rtcp.length + serverKey.rtcpOverhead()];
        try {
            int n = serverKey.protectRtcp(rtcp, 0, rtcp.length, out, 0);
            return n == out.length ? out : java.util.Arrays.copyOf(out, n);
        } catch (SrtpException e) {
            throw new org.rtspkit.api.RtspkitException("cannot encrypt a receiver report: " + e.getMessage(), e);
        }
    }

    Optional<Instant> packetNtp(RtpPacket packet) {
        FormatReceiver f = formats.get(packet.payloadType());
        return f == null ? Optional.empty() : f.receiver.packetNtp(packet.timestamp());
    }

    /** Inbound counters; written by the one thread that receives this media's packets. */
    static final class Counters {
        volatile long bytes;
        volatile long rtpPackets;
        volatile long rtpLost;
        volatile long rtpInError;
        volatile long rtcpPackets;
        volatile long rtcpInError;
    }

    private static final class FormatReceiver {
        final Format format;
        final RtpReceiver<RtpPacket> receiver;
        final long localSsrc;
        final List<Consumer<RtpPacket>> callbacks = new CopyOnWriteArrayList<>();
        /** The publisher's SSRC, latched from its first packet; −1 before. */
        volatile long remoteSsrc = -1;

        FormatReceiver(Format format, RtpReceiver<RtpPacket> receiver, long localSsrc) {
            this.format = format;
            this.receiver = receiver;
            this.localSsrc = localSsrc;
        }
    }
}
