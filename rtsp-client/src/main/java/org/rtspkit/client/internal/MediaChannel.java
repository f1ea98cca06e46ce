package org.rtspkit.client.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.ReceiverReport;
import org.rtspkit.api.ReceptionReport;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.SenderReport;
import org.rtspkit.api.SourceDescription;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.client.ClientConfig;
import org.rtspkit.client.ClientHandler;
import org.rtspkit.client.MediaStats;
import org.rtspkit.client.RtspClientException;
import org.rtspkit.spi.CryptoSession;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpException;

/**
 * One set-up media: how its packets travel (UDP sockets, interleaved channels or a multicast
 * group), its SRTP keys, a {@link FormatReceiver} per format when reading and a {@link FormatSender}
 * per format when publishing, and its counters.
 */
public final class MediaChannel implements AutoCloseable {
    /** Writes an interleaved frame on the RTSP connection. */
    public interface FrameWriter {
        /**
         * Writes one frame.
         *
         * @param channel the channel
         * @param packet the bytes
         * @param length how many of them
         */
        void write(int channel, byte[] packet, int length);
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CNAME = "rtspkit-client";

    private final int index;
    private final Media media;
    private final String controlUrl;
    private final TransportProtocol protocol;
    private final boolean publishing;
    private final ClientConfig config;
    private final ClientHandler handler;
    private final long localSsrc;
    private final Map<Integer, FormatReceiver> receivers = new LinkedHashMap<>();
    private final Map<Integer, FormatSender> senders = new LinkedHashMap<>();

    private final AtomicLong rtpReceived = new AtomicLong();
    private final AtomicLong rtpLost = new AtomicLong();
    private final AtomicLong rtpInError = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong rtcpReceived = new AtomicLong();
    private final AtomicLong rtpSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong rtcpSent = new AtomicLong();
    private volatile long lastPacketNanos;

    private int rtpChannel = -1;
    private int rtcpChannel = -1;
    private FrameWriter frameWriter;
    private UdpSocket rtpSocket;
    private UdpSocket rtcpSocket;
    private InetAddress serverAddress;
    private InetSocketAddress rtpDestination;
    private InetSocketAddress rtcpDestination;
    private SrtpContext inbound;
    private SrtpContext outbound;

    /**
     * A media about to be set up.
     *
     * @param index the media's index in the session description
     * @param media the media
     * @param controlUrl the URL its SETUP goes to
     * @param protocol how its packets will travel
     * @param publishing true when the client sends the media
     * @param config the client's settings
     * @param handler the application's callbacks
     */
    public MediaChannel(int index, Media media, String controlUrl, TransportProtocol protocol, boolean publishing,
                        ClientConfig config, ClientHandler handler) {
        this.index = index;
        this.media = media;
        this.controlUrl = controlUrl;
        this.protocol = protocol;
        this.publishing = publishing;
        this.config = config;
        this.handler = handler;
        this.localSsrc = randomSsrc();
        int window = protocol == TransportProtocol.TCP ? 0 : config.reorderWindow();
        for (Format f : media.formats()) {
            if (publishing) {
                senders.put(f.payloadType(), new FormatSender(f, randomSsrc()));
            } else {
                receivers.put(f.payloadType(), new FormatReceiver(f, window));
            }
        }
    }

    private static long randomSsrc() {
        long s;
        do {
            s = RANDOM.nextInt() & 0xFFFF_FFFFL;
        } while (s == 0);
        return s;
    }

    /** @return the media's index in the session description */
    public int index() {
        return index;
    }

    /** @return the media */
    public Media media() {
        return media;
    }

    /** @return the URL its SETUP went to */
    public String controlUrl() {
        return controlUrl;
    }

    /** @return how its packets travel */
    public TransportProtocol protocol() {
        return protocol;
    }

    /** @return the interleaved RTP channel, or -1 */
    public int rtpChannel() {
        return rtpChannel;
    }

    /** @return when the last RTP or RTCP packet arrived, as {@link System#nanoTime()}; 0 before any */
    public long lastPacketNanos() {
        return lastPacketNanos;
    }

    /** The crypto sessions of the streams this client sends (for its MIKEY message). */
    public List<CryptoSession> localCryptoSessions() {
        List<CryptoSession> sessions = new ArrayList<>();
        if (publishing) {
            for (FormatSender s : senders.values()) {
                sessions.add(new CryptoSession(s.ssrc(), 0));
            }
        } else {
            sessions.add(new CryptoSession(localSsrc, 0));
        }
        return sessions;
    }

    /**
     * The SRTP contexts: the server's key (what it sends) and the client's key (what the client sends).
     *
     * @param serverKey unprotects what arrives
     * @param clientKey protects what is sent
     */
    public void srtp(SrtpContext serverKey, SrtpContext clientKey) {
        this.inbound = serverKey;
        this.outbound = clientKey;
    }

    /**
     * Opens the local UDP ports, before SETUP.
     *
     * @return the RTP port; RTCP is the next one
     */
    public int openUdp() {
        UdpSocket[] pair = UdpSocket.openPair(config.udpReadBufferSize());
        rtpSocket = pair[0];
        rtcpSocket = pair[1];
        return rtpSocket.localPort();
    }

    /**
     * Starts receiving on the UDP ports, from the server's address only.
     *
     * @param server the server's address
     * @param serverRtpPort its RTP port, or -1 when it did not say
     * @param serverRtcpPort its RTCP port, or -1
     * @param onError told when a socket fails
     */
    public void startUdp(InetAddress server, int serverRtpPort, int serverRtcpPort, java.util.function.Consumer<IOException> onError) {
        this.serverAddress = server;
        this.rtpDestination = serverRtpPort > 0 ? new InetSocketAddress(server, serverRtpPort) : null;
        this.rtcpDestination = serverRtcpPort > 0 ? new InetSocketAddress(server, serverRtcpPort) : null;
        rtpSocket.start("rtspkit-client-rtp media " + index, (data, length, from) -> {
            if (from.getAddress().equals(serverAddress)) {
                rtpIn(data, 0, length);
            }
        }, onError);
        rtcpSocket.start("rtspkit-client-rtcp media " + index, (data, length, from) -> {
            if (from.getAddress().equals(serverAddress)) {
                rtcpIn(data, 0, length);
            }
        }, onError);
    }

    /**
     * Joins the multicast group the server chose and starts receiving.
     *
     * @param group the group
     * @param rtpPort its RTP port
     * @param rtcpPort its RTCP port
     * @param ttl the TTL of reports sent to the group
     * @param iface the interface to join on, or null
     * @param onError told when a socket fails
     */
    public void startMulticast(InetAddress group, int rtpPort, int rtcpPort, int ttl, NetworkInterface iface,
                               java.util.function.Consumer<IOException> onError) {
        rtpSocket = UdpSocket.joinMulticast(group, rtpPort, iface, ttl, config.udpReadBufferSize());
        try {
            rtcpSocket = UdpSocket.joinMulticast(group, rtcpPort, iface, ttl, config.udpReadBufferSize());
        } catch (RuntimeException e) {
            rtpSocket.close();
            throw e;
        }
        rtcpDestination = new InetSocketAddress(group, rtcpPort);
        rtpSocket.start("rtspkit-client-multicast-rtp media " + index, (data, length, from) -> rtpIn(data, 0, length), onError);
        rtcpSocket.start("rtspkit-client-multicast-rtcp media " + index, (data, length, from) -> rtcpIn(data, 0, length),
                onError);
    }

    /**
     * Uses interleaved channels of the RTSP connection.
     *
     * @param rtp the RTP channel
     * @param rtcp the RTCP channel
     * @param writer writes frames on the connection
     */
    public void interleaved(int rtp, int rtcp, FrameWriter writer) {
        this.rtpChannel = rtp;
        this.rtcpChannel = rtcp;
        this.frameWriter = writer;
    }

    /**
     * An interleaved frame for this media.
     *
     * @param channel its channel
     * @param array the buffer
     * @param offset where the payload starts
     * @param length its length
     */
    public void frame(int channel, byte[] array, int offset, int length) {
        if (channel == rtpChannel) {
            rtpIn(array, offset, length);
        } else if (channel == rtcpChannel) {
            rtcpIn(array, offset, length);
        }
    }

    private void rtpIn(byte[] data, int offset, int length) {
        long now = System.nanoTime();
        lastPacketNanos = now;
        if (publishing) {
            return;
        }
        RtpPacket packet;
        try {
            if (inbound != null) {
                byte[] plain = new byte[length];
                int n = inbound.unprotectRtp(data, offset, length, plain, 0);
                packet = RtpPacket.unmarshal(plain, 0, n);
            } else {
                packet = RtpPacket.unmarshal(data, offset, length);
            }
        } catch (SrtpException e) {
            decodeError(new MalformedDataException("SRTP packet refused (" + e.reason() + "): " + e.getMessage()));
            return;
        } catch (MalformedDataException e) {
            decodeError(e);
            return;
        }
        FormatReceiver receiver = receivers.get(packet.payloadType());
        if (receiver == null) {
            decodeError(new MalformedDataException("received RTP packet with unknown payload type: "
                    + packet.payloadType()));
            return;
        }
        long droppedBefore = receiver.dropped();
        FormatReceiver.Outcome outcome = receiver.process(packet, now);
        rtpInError.addAndGet(receiver.dropped() - droppedBefore);
        if (outcome.lost() > 0) {
            rtpLost.addAndGet(outcome.lost());
            handler.onPacketsLost(media, receiver.format(), outcome.lost());
        }
        for (RtpPacket p : outcome.deliver()) {
            rtpReceived.incrementAndGet();
            bytesReceived.addAndGet(p.payload().length);
            handler.onPacketRtp(media, receiver.format(), p);
        }
    }

    private void rtcpIn(byte[] data, int offset, int length) {
        long now = System.nanoTime();
        lastPacketNanos = now;
        List<RtcpPacket> packets;
        try {
            if (inbound != null) {
                byte[] plain = new byte[length];
                int n = inbound.unprotectRtcp(data, offset, length, plain, 0);
                packets = RtcpPacket.unmarshalCompound(plain, 0, n);
            } else {
                packets = RtcpPacket.unmarshalCompound(data, offset, length);
            }
        } catch (SrtpException e) {
            decodeError(new MalformedDataException("SRTCP packet refused (" + e.reason() + "): " + e.getMessage()));
            return;
        } catch (MalformedDataException e) {
            decodeError(e);
            return;
        }
        rtcpReceived.incrementAndGet();
        for (RtcpPacket p : packets) {
            if (p instanceof SenderReport sr) {
                if (isLocal(sr.ssrc())) {
                    continue;
                }
                for (FormatReceiver r : receivers.values()) {
                    r.senderReport(sr.ssrc(), sr.ntpTime(), sr.rtpTime(), now);
                }
            } else if (p instanceof ReceiverReport rr && isLocal(rr.ssrc())) {
                continue;
            }
            handler.onPacketRtcp(media, p);
        }
    }

    private boolean isLocal(long ssrc) {
        if (ssrc == localSsrc) {
            return true;
        }
        for (FormatSender s : senders.values()) {
            if (s.ssrc() == ssrc) {
                return true;
            }
        }
        return false;
    }

    private void decodeError(Exception e) {
        rtpInError.incrementAndGet();
        handler.onDecodeError(media, e);
    }

    /**
     * The wall-clock time of a received packet, from the server's sender reports.
     *
     * @param packet a packet of this media
     * @return the time, or null before the first sender report
     */
    public Instant packetNtp(RtpPacket packet) {
        FormatReceiver r = receivers.get(packet.payloadType());
        return r == null ? null : r.packetNtp(packet);
    }

    /**
     * Sends what goes out periodically: receiver reports when reading, sender reports when publishing.
     *
     * @throws IOException when a UDP send fails
     */
    public void sendReport() throws IOException {
        long now = System.nanoTime();
        List<RtcpPacket> compound = new ArrayList<>(2);
        if (publishing) {
            long first = 0;
            for (FormatSender s : senders.values()) {
                SenderReport sr = s.report(now);
                if (sr != null) {
                    compound.add(sr);
                    if (first == 0) {
                        first = s.ssrc();
                    }
                }
            }
            if (compound.isEmpty()) {
                return;
            }
            compound.add(SourceDescription.cname(first, CNAME));
        } else {
            List<ReceptionReport> blocks = new ArrayList<>();
            for (FormatReceiver r : receivers.values()) {
                ReceptionReport block = r.report(now);
                if (block != null) {
                    blocks.add(block);
                }
            }
            compound.add(new ReceiverReport(localSsrc, blocks));
            compound.add(SourceDescription.cname(localSsrc, CNAME));
        }
        sendRtcp(RtcpPacket.marshalCompound(compound));
    }

    /**
     * After PLAY over UDP: an empty receiver report to the server's RTCP port, so that a NAT or
     * firewall on the way lets the server's packets in.
     *
     * @throws IOException when the send fails
     */
    public void openPath() throws IOException {
        if (rtcpDestination != null && rtpSocket != null && serverAddress != null) {
            sendRtcp(RtcpPacket.marshalCompound(List.of(new ReceiverReport(localSsrc, List.of()),
                    SourceDescription.cname(localSsrc, CNAME))));
        }
    }

    /**
     * Sends an application's RTCP packet.
     *
     * @param packet the packet
     * @throws IOException when a UDP send fails
     */
    public void sendRtcp(RtcpPacket packet) throws IOException {
        sendRtcp(packet.marshal());
    }

    private void sendRtcp(byte[] plain) throws IOException {
        byte[] wire = plain;
        int length = plain.length;
        if (outbound != null) {
            wire = new byte[plain.length + outbound.rtcpOverhead()];
            try {
                length = outbound.protectRtcp(plain, 0, plain.length, wire, 0);
            } catch (SrtpException e) {
                throw new RtspClientException("cannot protect an RTCP packet: " + e.getMessage(), e);
            }
        }
        if (protocol == TransportProtocol.TCP) {
            frameWriter.write(rtcpChannel, wire, length);
        } else if (rtcpDestination != null && rtcpSocket != null) {
            rtcpSocket.send(wire, length, rtcpDestination);
        } else {
            return;
        }
        rtcpSent.incrementAndGet();
    }

    /**
     * Sends an RTP packet of a published media, with this media's SSRC for its format.
     *
     * @param packet the packet
     * @param ntp when its content was sampled
     * @return true when it was the format's first packet (a sender report should follow at once)
     * @throws IOException when a UDP send fails
     */
    public boolean sendRtp(RtpPacket packet, Instant ntp) throws IOException {
        FormatSender sender = senders.get(packet.payloadType());
        if (sender == null) {
            throw new IllegalArgumentException("payload type " + packet.payloadType() + " is not a format of media "
                    + index + " (" + media.type().sdpName() + ")");
        }
        RtpPacket own = packet.withSsrc(sender.ssrc());
        int overhead = outbound == null ? 0 : outbound.rtpOverhead();
        int size = own.marshalSize() + overhead;
        if (protocol != TransportProtocol.TCP && size > config.maxPacketSize()) {
            throw new IllegalArgumentException("RTP packet of " + size + " bytes exceeds maxPacketSize "
                    + config.maxPacketSize() + " over UDP");
        }
        if (size > 0xFFFF) {
            throw new IllegalArgumentException("RTP packet of " + size + " bytes exceeds an interleaved frame");
        }
        byte[] wire = new byte[size];
        int length = own.marshalTo(wire, 0);
        if (outbound != null) {
            try {
                length = outbound.protectRtp(wire, 0, length, wire, 0);
            } catch (SrtpException e) {
                throw new RtspClientException("cannot protect an RTP packet: " + e.getMessage(), e);
            }
        }
        if (protocol == TransportProtocol.TCP) {
            frameWriter.write(rtpChannel, wire, length);
        } else {
            if (rtpDestination == null) {
                throw new RtspClientException("the server gave no server_port for media " + index
                        + ": nowhere to send its RTP");
            }
            rtpSocket.send(wire, length, rtpDestination);
        }
        rtpSent.incrementAndGet();
        bytesSent.addAndGet(own.payload().length);
        return sender.sent(own, ntp, System.nanoTime());
    }

    /** @return the media's counters */
    public MediaStats stats() {
        return new MediaStats(media, protocol, rtpReceived.get(), rtpLost.get(), rtpInError.get(), bytesReceived.get(),
                rtcpReceived.get(), rtpSent.get(), bytesSent.get(), rtcpSent.get());
    }

    /** @return RTP packets received so far */
    public long rtpPacketsReceived() {
        return rtpReceived.get();
    }

    @Override
    public void close() {
        if (rtpSocket != null) {
            rtpSocket.close();
        }
        if (rtcpSocket != null) {
            rtcpSocket.close();
        }
        if (rtpSocket != null) {
            rtpSocket.join(1000);
        }
        if (rtcpSocket != null) {
            rtcpSocket.join(1000);
        }
    }
}
