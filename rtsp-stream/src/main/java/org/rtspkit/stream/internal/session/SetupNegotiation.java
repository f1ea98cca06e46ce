package org.rtspkit.stream.internal.session;

import java.io.IOException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rtspkit.api.Media;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.RtspResponse;
import org.rtspkit.api.RtspStatus;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.api.SessionState;
import org.rtspkit.api.SessionTransport;
import org.rtspkit.api.SetupContext;
import org.rtspkit.api.StreamClosedException;
import org.rtspkit.api.StreamResponse;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.protocol.rtsp.KeyMgmt;
import org.rtspkit.protocol.rtsp.RtspUrl;
import org.rtspkit.protocol.rtsp.TransportHeader;
import org.rtspkit.spi.BindRequest;
import org.rtspkit.spi.InboundPackets;
import org.rtspkit.spi.MediaBinding;
import org.rtspkit.spi.MediaTransport;
import org.rtspkit.spi.MikeyMessage;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.TransportSpec;
import org.rtspkit.stream.internal.net.Connection;
import org.rtspkit.stream.internal.net.Outcome;
import org.rtspkit.stream.internal.stream.HandlerContractException;
import org.rtspkit.stream.internal.stream.ServedStreams;
import org.rtspkit.stream.internal.stream.MulticastBinding;
import org.rtspkit.stream.internal.stream.Stream;
import org.rtspkit.stream.internal.stream.StreamReader;

/**
 * SETUP: which of the client's transports the server serves (the first it can, with the profile rules
 * of RTSPS), the client's SRTP key, which media is meant, and the media's binding to its transport or
 * to the stream's multicast group. The checks run in the reference server's order (REFERENCE §3.5),
 * since clients are told the first thing that is wrong.
 */
final class SetupNegotiation {
    /** How long a GStreamer publisher's SETUP answer waits (the reference server's workaround). */
    static final long GSTREAMER_DELAY_MILLIS = 1000;

    private final SessionHost host;

    SetupNegotiation(SessionHost host) {
        this.host = host;
    }

    /** Runs holding the session's monitor; the caller adds the {@code Session} header. */
    Outcome setup(Connection conn, Session s, RtspRequest req, RtspUrl url) {
        s.require("SETUP");
        boolean publisher = s.state() == SessionState.PRE_RECORD;
        List<TransportSpec> offers = offers(req);
        TransportSpec offer = null;
        MediaTransport transport = null;
        for (TransportSpec o : offers) {
            MediaTransport t = host.mediaTransports().get(o.protocol());
            boolean multicast = o.protocol() == TransportProtocol.UDP_MULTICAST && host.multicast() != null;
            if ((t != null || multicast) && profileAllowed(o)) {
                offer = o;
                transport = t;
                break;
            }
        }
        if (offer == null) {
            return Outcome.of(RtspResponse.of(RtspStatus.UNSUPPORTED_TRANSPORT));
        }

        String path;
        String query;
        String trackId = null;
        if (!publisher) {
            RtspUrl.SetupTarget pqt;
            try {
                pqt = RtspUrl.pathQueryAndTrackId(url);
            } catch (RuntimeException e) {
                throw RtspStatusException.badRequest(e.getMessage());
            }
            path = pqt.path();
            query = pqt.query();
            trackId = pqt.trackId();
            if (s.state() == SessionState.PRE_PLAY && !path.equals(s.path())) {
                throw RtspStatusException.badRequest("can't setup medias with different paths");
            }
        } else {
            path = s.path();
            query = s.query();
        }

        // The client's own key, for what it sends us (a reader's RTCP, a publisher's media).
        SrtpContext clientKey = offer.profile() == TransportProfile.SAVP ? clientKey(req) : null;

        SessionTransport chosen = new SessionTransport(offer.protocol(), offer.profile());
        if (s.transport() != null && !s.transport().equals(chosen)) {
            throw RtspStatusException.badRequest("can't setup medias with different transports");
        }
        if (!publisher) {
            if (offer.mode() != null && offer.mode() != TransportSpec.Mode.PLAY) {
                throw RtspStatusException.badRequest("transport header contains a invalid mode ("
                        + offer.mode().name().toLowerCase(Locale.ROOT) + ")");
            }
        } else {
            if (offer.protocol() == TransportProtocol.UDP_MULTICAST) {
                return Outcome.of(RtspResponse.of(RtspStatus.UNSUPPORTED_TRANSPORT));
            }
            if (offer.mode() != TransportSpec.Mode.RECORD) {
                throw RtspStatusException.badRequest("transport header contains a invalid mode ("
                        + (offer.mode() == null ? "null" : offer.mode().name().toLowerCase(Locale.ROOT)) + ")");
            }
        }

        StreamResponse sr = host.handler().onSetup(new SetupContext(conn, s, req, path, query, chosen));
        RtspResponse res = sr.response();
        if (res.status() != RtspStatus.OK) {
            return Outcome.of(res);
        }
        Media media;
        int index;
        Stream stream = null;
        if (!publisher) {
            if (sr.stream() == null) {
                throw new HandlerContractException("the SETUP handler answered 200 to a reader without a stream");
            }
            stream = ServedStreams.of(sr.stream(), host, "SETUP");
            if (s.readerStream() != null && s.readerStream() != stream) {
                throw new HandlerContractException("the SETUP handler answered with a different stream than at the"
                        + " first SETUP");
            }
            index = trackIndex(trackId, stream.medias().count());
            media = stream.medias().media(index);
        } else {
            index = announcedIndex(url, s);
            media = s.announced().medias().get(index);
        }
        if (s.medias().contains(index)) {
            throw RtspStatusException.badRequest("media has already been setup");
        }

        Set<Integer> channels = new HashSet<>();
        for (SetupMedia m : s.medias().all()) {
            channels.addAll(m.binding().channels());
        }
        PublisherMedia inbound = publisher
                ? new PublisherMedia(s, media, offer.protocol() == TransportProtocol.TCP, host, clientKey)
                : null;
        InboundPackets receiver = publisher ? inbound : new ReaderInbound(s, stream, host, clientKey);
        MediaBinding binding = offer.protocol() == TransportProtocol.UDP_MULTICAST
                ? joinMulticast(s, stream, index, offer)
                : transport.bind(new BindRequest(publisher, offer, conn.remoteAddress(), conn, channels,
                        receiver, host.config().maxPacketSize()));
        try {
            if (!publisher && s.readerStream() == null) {
                checkUdpPorts(stream, s, binding.reply());
                join(s, stream);
            }
        } catch (RuntimeException e) {
            binding.close();
            throw e;
        }
        s.setUp(new SetupMedia(media, index, binding, inbound, binding.reply()), chosen, path, query);
        TransportSpec reply = binding.reply().withMode(null);
        if (!publisher) {
            reply = reply.withSsrc(stream.medias().singleSsrc(index));
        }
        res = res.withHeader("Transport", TransportHeader.format(reply));
        if (clientKey != null) {
            // Our key for what we send: the stream's shared one for a reader (also in the SDP), the
            // session's own one for a publisher's receiver reports.
            byte[] mikey = publisher ? inbound.serverMikey() : Base64.getDecoder().decode(stream.mikeyBase64(index));
            // The header quotes the URL, so a quote in it is sent percent-encoded.
            res = res.withHeader("KeyMgmt", new KeyMgmt(req.uri().replace("\"", "%22"), mikey).format());
        }
        if (publisher && req.headers().first("User-Agent").map(ua -> ua.startsWith("GStreamer")).orElse(false)) {
            // rtspclientsink sends RECORD too early after its last SETUP unless the server takes a moment.
            // The answer waits on the server's timer: nothing sleeps, and the session is not held.
            return Outcome.of(res).delayed(GSTREAMER_DELAY_MILLIS);
        }
        return Outcome.of(res);
    }

    /** The client's transports, in its order of preference. */
    private static List<TransportSpec> offers(RtspRequest req) {
        List<String> th = req.headers().all("Transport");
        try {
            if (th.isEmpty() || th.get(0).isBlank()) {
                throw new MalformedDataException("value not provided");
            }
            return TransportHeader.parseList(String.join(",", th));
        } catch (MalformedDataException e) {
            String m = e.getMessage();
            throw RtspStatusException.badRequest(m.startsWith("invalid transport header") ? m
                    : "invalid transport header: " + m);
        }
    }

    /** The reader's first SETUP: it becomes one of the stream's readers. */
    private static void join(Session s, Stream stream) {
        try {
            stream.addReader(s);
        } catch (StreamClosedException e) {
            throw RtspStatusException.badRequest("stream is closed");
        }
        s.joinStream(stream);
    }

    private SrtpContext clientKey(RtspRequest req) {
        List<String> values = req.headers().all("KeyMgmt");
        try {
            if (values.isEmpty()) {
                throw new MalformedDataException("invalid KeyMgmt header: value not provided");
            }
            KeyMgmt km = KeyMgmt.parse(values.get(0));
            MikeyMessage m = host.srtp().decodeMikey(km.mikey(), host.config().clock().instant());
            return host.srtp().createContext(m.keyMaterial(), m.cryptoSessions());
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw RtspStatusException.badRequest(msg.startsWith("invalid KeyMgmt header") ? msg
                    : "invalid KeyMgmt header: " + msg);
        }
    }

    /**
     * With TLS on, media over UDP must be encrypted (SAVP): plain RTP would undo what RTSPS protects.
     * Interleaved media travels inside TLS, so plain AVP over TCP stays allowed. SAVP needs TLS, which
     * carries its keys.
     */
    private boolean profileAllowed(TransportSpec offer) {
        boolean tls = host.config().tlsContext() != null;
        if (offer.profile() == TransportProfile.AVP) {
            return !tls || offer.protocol() == TransportProtocol.TCP;
        }
        return tls && host.srtpAvailable();
    }

    /** A multicast reader's media: the stream's group for it, opened with the first multicast reader. */
    private static MediaBinding joinMulticast(Session s, Stream stream, int index, TransportSpec offer) {
        if (s.readerStream() == null) {
            join(s, stream);
        }
        try {
            return new MulticastBinding(stream.joinMulticast(s).reply(index, offer.profile()));
        } catch (IOException e) {
            throw RtspStatusException.badRequest("cannot open the multicast group: " + e.getMessage());
        } catch (StreamClosedException e) {
            throw RtspStatusException.badRequest("stream is closed");
        }
    }

    private static int trackIndex(String trackId, int mediaCount) {
        if (trackId == null || trackId.isEmpty()) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(trackId);
        } catch (NumberFormatException e) {
            throw RtspStatusException.badRequest("media not found");
        }
        if (n < 0 || n >= mediaCount) {
            throw RtspStatusException.badRequest("media not found");
        }
        return n;
    }

    private static int announcedIndex(RtspUrl requestUrl, Session s) {
        List<Media> medias = s.announced().medias();
        for (int i = 0; i < medias.size(); i++) {
            String control = medias.get(i).control();
            if (control != null && RtspUrl.matchesControl(requestUrl, s.path(), s.query(), control)) {
                return i;
            }
        }
        // A single media without a control attribute is set up with the announce URL itself.
        if (medias.size() == 1 && medias.get(0).control() == null) {
            return 0;
        }
        throw RtspStatusException.badRequest("media not found");
    }

    private static void checkUdpPorts(Stream stream, Session s, TransportSpec reply) {
        if (reply.clientPort() == null) {
            return;
        }
        for (StreamReader r : stream.readers()) {
            if (!(r instanceof Session other) || other == s || other.transport() == null
                    || other.transport().protocol() != TransportProtocol.UDP
                    || !other.creatorAddress().equals(s.creatorAddress())) {
                continue;
            }
            for (SetupMedia m : other.medias().all()) {
                if (m.reply().clientPort() != null && m.reply().clientPort().first() == reply.clientPort().first()) {
                    throw RtspStatusException.badRequest("UDP ports " + reply.clientPort().first() + " and "
                            + reply.clientPort().second() + " are already assigned to another reader with the same IP");
                }
            }
        }
    }
}
