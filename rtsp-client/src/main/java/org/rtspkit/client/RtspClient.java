package org.rtspkit.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspHeaders;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.SrtpSuite;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.client.internal.Connection;
import org.rtspkit.client.internal.MediaChannel;
import org.rtspkit.client.internal.Target;
import org.rtspkit.protocol.rtsp.ClientAuthorization;
import org.rtspkit.protocol.rtsp.KeyMgmt;
import org.rtspkit.protocol.rtsp.SessionHeader;
import org.rtspkit.protocol.rtsp.TransportHeader;
import org.rtspkit.protocol.sdp.SdpReader;
import org.rtspkit.protocol.sdp.SdpTransportDetails;
import org.rtspkit.protocol.sdp.SdpWriter;
import org.rtspkit.spi.MikeyMessage;
import org.rtspkit.spi.SrtpContext;
import org.rtspkit.spi.SrtpKeyMaterial;
import org.rtspkit.spi.SrtpProvider;
import org.rtspkit.spi.SrtpProviders;
import org.rtspkit.spi.TransportSpec;

/**
 * An RTSP/1.0 client session with one server: reads a stream (DESCRIBE, SETUP, PLAY) or publishes
 * one (ANNOUNCE, SETUP, RECORD), over UDP, TCP, multicast, or RTSPS with SRTP.
 *
 * <pre>{@code
 * try (RtspClient client = RtspClient.connect("rtsp://user:pass@camera/stream", ClientConfig.defaults(),
 *         new ClientHandler() {
 *             public void onPacketRtp(Media media, Format format, RtpPacket packet) { ... }
 *         })) {
 *     client.describe();
 *     client.setupAll();
 *     client.play();
 *     client.terminated().toCompletableFuture().get();   // until the server ends it
 * }
 * }</pre>
 *
 * <p>Credentials come from the URL and answer Basic or Digest (MD5, SHA-256) challenges; they
 * never appear in a log line or an exception. Redirects ({@code 301}, {@code 302} with
 * {@code Location}) are followed by {@link #describe()}. Once playing or recording, the session is
 * kept alive, reports are sent, and a failure (the server closing, going silent, refusing a
 * keep-alive) closes the client, tells {@link ClientHandler#onClose} and completes
 * {@link #terminated()} exceptionally. Every wait has a deadline from {@link ClientConfig}.
 *
 * <p>Control methods may be called from any thread and are serialized; packet callbacks come on the
 * client's receiving threads.
 */
public final class RtspClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RtspClient.class.getName());
    private static final int DEFAULT_SESSION_TIMEOUT = 60;

    private enum State { READY, DESCRIBED, ANNOUNCED, SET_UP, PLAYING, RECORDING, CLOSED }

    private final ClientConfig config;
    private final ClientHandler handler;
    private final ReentrantLock control = new ReentrantLock();
    private final ScheduledExecutorService timer;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final List<MediaChannel> channels = new CopyOnWriteArrayList<>();
    private final MediaChannel[] byInterleavedChannel = new MediaChannel[256];
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    private Target target;
    private volatile Connection connection;
    private ClientAuthorization authorization;
    private int cseq;
    private Set<String> publicMethods;
    private String sessionId;
    private int sessionTimeout = DEFAULT_SESSION_TIMEOUT;
    private SessionDescription description;
    private List<Media> applicationMedias;
    private SdpTransportDetails details;
    private String baseUrl;
    private TransportProtocol autoChoice = TransportProtocol.UDP;
    private boolean publishingSession;
    private volatile State state = State.READY;
    private long playStartedNanos;

    private RtspClient(Target target, ClientConfig config, ClientHandler handler) {
        this.target = target;
        this.config = config;
        this.handler = handler;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "rtspkit-client-timer " + target.hostPort());
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    /**
     * Connects with the default settings and no callbacks (enough to describe a stream or publish).
     *
     * @param url an {@code rtsp://} or {@code rtsps://} URL, with credentials if the server needs them
     * @return the connected client
     * @throws IllegalArgumentException when the URL is not an RTSP URL
     * @throws RtspClientException when the server cannot be reached
     */
    public static RtspClient connect(String url) {
        return connect(url, ClientConfig.defaults(), new ClientHandler() { });
    }

    /**
     * Connects to the server of a URL (TCP, and TLS for {@code rtsps://}); nothing is requested yet.
     *
     * @param url an {@code rtsp://} or {@code rtsps://} URL, with credentials if the server needs them
     * @param config the settings
     * @param handler the callbacks
     * @return the connected client
     * @throws IllegalArgumentException when the URL is not an RTSP URL
     * @throws RtspClientException when the server cannot be reached in time
     */
    public static RtspClient connect(String url, ClientConfig config, ClientHandler handler) {
        Target target = Target.parse(url);
        RtspClient client = new RtspClient(target, config, handler);
        try {
            client.connection = client.open(target);
            client.timer.scheduleAtFixedRate(client::watch, 1, 1, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            client.timer.shutdownNow();
            throw e;
        }
        return client;
    }

    /**
     * The URL in use (after redirects), without credentials.
     *
     * @return the URL
     */
    public String url() {
        return target.url();
    }

    /**
     * The session description read by {@link #describe()} or sent by {@link #announce}.
     *
     * @return the description, or null before either
     */
    public SessionDescription description() {
        return description;
    }

    /**
     * How media travels now: the transport of the first set-up media.
     *
     * @return the transport, or null before SETUP
     */
    public TransportProtocol transport() {
        return channels.isEmpty() ? null : channels.get(0).protocol();
    }

    /**
     * The counters of every set-up media.
     *
     * @return a snapshot
     */
    public ClientStats stats() {
        List<MediaStats> list = new ArrayList<>();
        for (MediaChannel c : channels) {
            list.add(c.stats());
        }
        return new ClientStats(list);
    }

    /**
     * Completes when the client closes: normally after {@link #close()}, exceptionally with an
     * {@link RtspClientException} when the session failed.
     *
     * @return the completion
     */
    public CompletionStage<Void> terminated() {
        return terminated.minimalCompletionStage();
    }

    /**
     * Sends OPTIONS and returns the methods of the server's {@code Public} header.
     *
     * @return the methods, upper case; empty when the server listed none
     * @throws RtspRefusedException when the server refuses
     */
    public Set<String> options() {
        control.lock();
        try {
            requireOpen();
            Connection.Received r = request("OPTIONS", target.url(), RtspHeaders.empty(), null);
            if (r.status() != 200) {
                throw refused("OPTIONS", target.url(), r);
            }
            publicMethods = parsePublic(r.header("Public"));
            return publicMethods;
        } finally {
            control.unlock();
        }
    }

    /**
     * Asks for the session description (DESCRIBE), following redirects.
     *
     * @return the description; its medias are what {@link #setup} takes
     * @throws RtspRefusedException when the server refuses (404 when nothing is there, 401 when the
     *         credentials are missing or wrong)
     * @throws RtspClientException when the answer is not a valid session description
     */
    public SessionDescription describe() {
        control.lock();
        try {
            requireOpen();
            if (state != State.READY && state != State.DESCRIBED) {
                throw new IllegalStateException("describe() comes before setup(), play() and announce()");
            }
            describeLocked();
            return description;
        } finally {
            control.unlock();
        }
    }

    private void describeLocked() {
        for (int redirects = 0; ; redirects++) {
            if (publicMethods == null) {
                optionsQuietly();
            }
            String url = target.url();
            Connection.Received r = request("DESCRIBE", url, RtspHeaders.of("Accept", "application/sdp"), null);
            if ((r.status() == 301 || r.status() == 302) && r.header("Location") != null) {
                if (redirects >= config.maxRedirects()) {
                    throw new RtspClientException("DESCRIBE " + url + ": more than " + config.maxRedirects()
                            + " redirects (maxRedirects)");
                }
                Target next;
                try {
                    next = target.redirect(r.header("Location").strip());
                } catch (IllegalArgumentException e) {
                    throw new RtspClientException("DESCRIBE " + url + ": the server redirects to an invalid URL: "
                            + e.getMessage());
                }
                LOG.log(System.Logger.Level.INFO, () -> "DESCRIBE " + url + ": redirected to " + next.url());
                reconnect(next);
                continue;
            }
            if (r.status() != 200) {
                throw refused("DESCRIBE", url, r);
            }
            String type = r.header("Content-Type");
            if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
                throw new RtspClientException("DESCRIBE " + url + ": the server answered with '" + type
                        + "' instead of a session description (application/sdp)");
            }
            String sdp = new String(r.response().body(), StandardCharsets.UTF_8);
            SessionDescription parsed;
            try {
                parsed = SdpReader.parse(sdp);
            } catch (MalformedDataException e) {
                throw new RtspClientException("DESCRIBE " + url + ": the server's session description is invalid: "
                        + e.getMessage());
            }
            if (parsed.medias().isEmpty()) {
                throw new RtspClientException("DESCRIBE " + url + ": the session description has no media");
            }
            description = parsed;
            applicationMedias = parsed.medias();
            details = SdpTransportDetails.parse(sdp);
            String base = r.header("Content-Base");
            if (base == null) {
                base = r.header("Content-Location");
            }
            baseUrl = base != null && !base.isBlank() ? Target.parse(base.strip()).url() : url;
            state = State.DESCRIBED;
            return;
        }
    }

    /**
     * Sets up every media of the described session, in order.
     *
     * @throws IllegalStateException before {@link #describe()}
     * @throws RtspRefusedException when the server refuses a SETUP
     */
    public void setupAll() {
        control.lock();
        try {
            if (description == null) {
                throw new IllegalStateException("setupAll() needs describe() or announce() first");
            }
            for (Media m : applicationMedias) {
                setupLocked(m);
            }
        } finally {
            control.unlock();
        }
    }

    /**
     * Sets up one media (SETUP) with the configured transport. With {@link TransportMode#AUTO} the
     * client asks for UDP, and for TCP when the server answers {@code 461}.
     *
     * @param media an element of {@link #description()}{@code .medias()} (or of the announced description)
     * @return the transport chosen
     * @throws IllegalArgumentException when the media is not part of the session
     * @throws RtspRefusedException when the server refuses
     * @throws RtspClientException when the server's answer is invalid (a {@code Transport} header
     *         missing, or with ports out of range, or another transport than asked)
     */
    public TransportProtocol setup(Media media) {
        control.lock();
        try {
            return setupLocked(media).protocol();
        } finally {
            control.unlock();
        }
    }

    private MediaChannel setupLocked(Media media) {
        requireOpen();
        if (state != State.DESCRIBED && state != State.ANNOUNCED && state != State.SET_UP) {
            throw new IllegalStateException("setup() comes after describe() or announce(), before play() or record()");
        }
        int index = indexOf(media);
        for (MediaChannel c : channels) {
            if (c.index() == index) {
                throw new IllegalStateException("media " + index + " is already set up");
            }
        }
        boolean publishing = publishingSession;
        TransportProtocol protocol = chooseProtocol(publishing);
        try {
            return setupOnce(index, protocol, publishing);
        } catch (RtspRefusedException e) {
            if (e.status() == 461 && config.transport() == TransportMode.AUTO && protocol == TransportProtocol.UDP
                    && channels.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, () -> "SETUP " + target.url()
                        + ": UDP refused (461 Unsupported Transport); trying TCP");
                autoChoice = TransportProtocol.TCP;
                handler.onTransportChange(TransportProtocol.UDP, TransportProtocol.TCP,
                        "the server answered 461 Unsupported Transport to UDP");
                return setupOnce(index, TransportProtocol.TCP, publishing);
            }
            throw e;
        }
    }

    private TransportProtocol chooseProtocol(boolean publishing) {
        return switch (config.transport()) {
            case UDP -> TransportProtocol.UDP;
            case TCP -> TransportProtocol.TCP;
            case MULTICAST -> publishing ? TransportProtocol.TCP : TransportProtocol.UDP_MULTICAST;
            case AUTO -> publishing ? TransportProtocol.TCP : autoChoice;
        };
    }

    private MediaChannel setupOnce(int index, TransportProtocol protocol, boolean publishing) {
        Media media = description.medias().get(index);
        String controlUrl = controlUrl(media);
        boolean secure = publishing ? target.tls() : details.medias().get(index).secure();
        MediaChannel channel = new MediaChannel(index, media, controlUrl, protocol, publishing, config, handler);
        try {
            StringBuilder transport = new StringBuilder(secure ? "RTP/SAVP" : "RTP/AVP");
            int interleaved = -1;
            switch (protocol) {
                case UDP -> {
                    int port = channel.openUdp();
                    transport.append(";unicast;client_port=").append(port).append('-').append(port + 1);
                }
                case TCP -> {
                    interleaved = freeInterleavedPair();
                    transport.append("/TCP;unicast;interleaved=").append(interleaved).append('-').append(interleaved + 1);
                }
                case UDP_MULTICAST -> transport.append(";multicast");
            }
            if (publishing) {
                transport.append(";mode=record");
            }
            RtspHeaders.Builder headers = RtspHeaders.builder().add("Transport", transport.toString());
            SrtpProvider srtp = null;
            SrtpKeyMaterial clientKey = null;
            if (secure) {
                srtp = SrtpProviders.find().orElseThrow(() -> new RtspClientException("SETUP " + controlUrl
                        + ": secure media (RTP/SAVP) needs an SRTP provider; none found on the module path. "
                        + "Add org.rtspkit.srtp (artifact rtsp-srtp)."));
                clientKey = SrtpKeyMaterial.generate(SrtpSuite.DEFAULT);
                byte[] mikey = srtp.encodeMikey(new MikeyMessage(clientKey, channel.localCryptoSessions()));
                headers.add("KeyMgmt", new KeyMgmt(controlUrl, mikey).format());
            }
            String what = "SETUP " + controlUrl;
            Connection.Received r = request("SETUP", controlUrl, headers.build(), null);
            if (r.status() != 200) {
                throw refused("SETUP", controlUrl, r);
            }
            readSession(what, r);
            String transportHeader = r.header("Transport");
            if (transportHeader == null) {
                throw new RtspClientException(what + ": the server's answer has no Transport header");
            }
            TransportSpec spec;
            try {
                spec = TransportHeader.parseList(transportHeader).get(0);
            } catch (MalformedDataException e) {
                throw new RtspClientException(what + ": the server's Transport header is invalid: "
                        + e.getMessage().replaceFirst("^invalid transport header: ", "") + " (" + transportHeader + ")");
            }
            if (spec.protocol() != protocol) {
                throw new RtspClientException(what + ": asked for " + protocol + ", the server answered '"
                        + transportHeader + "'");
            }
            switch (protocol) {
                case UDP -> {
                    int rtp = -1;
                    int rtcp = -1;
                    if (spec.serverPort() != null) {
                        rtp = checkPort(what, "server_port", spec.serverPort().first(), transportHeader);
                        rtcp = checkPort(what, "server_port", spec.serverPort().second(), transportHeader);
                    } else if (publishing) {
                        throw new RtspClientException(what + ": the server's Transport header has no server_port,"
                                + " so there is nowhere to send the media (" + transportHeader + ")");
                    }
                    InetAddress server = connection.remoteAddress();
                    if (spec.source() != null) {
                        server = resolve(what, spec.source());
                    }
                    channel.startUdp(server, rtp, rtcp, e -> fail(new RtspClientException(
                            "UDP socket of media " + index + " failed: " + e.getMessage(), e)));
                }
                case TCP -> {
                    int rtpChannel = interleaved;
                    int rtcpChannel = interleaved + 1;
                    if (spec.interleaved() != null) {
                        rtpChannel = spec.interleaved().first();
                        rtcpChannel = spec.interleaved().second();
                    }
                    if (byInterleavedChannel[rtpChannel] != null || byInterleavedChannel[rtcpChannel] != null
                            || rtpChannel == rtcpChannel) {
                        throw new RtspClientException(what + ": the server chose interleaved channels " + rtpChannel
                                + "-" + rtcpChannel + ", already in use");
                    }
                    channel.interleaved(rtpChannel, rtcpChannel, this::writeFrame);
                    byInterleavedChannel[rtpChannel] = channel;
                    byInterleavedChannel[rtcpChannel] = channel;
                }
                case UDP_MULTICAST -> {
                    String destination = spec.destination() != null ? spec.destination()
                            : details.medias().get(index).connectionAddress();
                    if (destination == null) {
                        throw new RtspClientException(what + ": the server's multicast Transport has no destination ("
                                + transportHeader + ")");
                    }
                    InetAddress group = resolve(what, destination);
                    if (!group.isMulticastAddress()) {
                        throw new RtspClientException(what + ": the multicast destination " + destination
                                + " is not a multicast address");
                    }
                    int rtp;
                    int rtcp;
                    if (spec.port() != null) {
                        rtp = checkPort(what, "port", spec.port().first(), transportHeader);
                        rtcp = checkPort(what, "port", spec.port().second(), transportHeader);
                    } else if (details.medias().get(index).port() > 0) {
                        rtp = details.medias().get(index).port();
                        rtcp = rtp + 1;
                    } else {
                        throw new RtspClientException(what + ": the server's multicast Transport has no port ("
                                + transportHeader + ")");
                    }
                    int ttl = spec.ttl() != null ? spec.ttl() : 16;
                    channel.startMulticast(group, rtp, rtcp, ttl, multicastInterface(), e -> fail(new RtspClientException(
                            "multicast socket of media " + index + " failed: " + e.getMessage(), e)));
                }
                default -> throw new IllegalStateException();
            }
            if (secure) {
                String serverKey = r.header("KeyMgmt");
                byte[] mikey;
                try {
                    if (serverKey != null) {
                        mikey = KeyMgmt.parse(serverKey).mikey();
                    } else if (!publishing && details.medias().get(index).mikey() != null) {
                        mikey = Base64.getDecoder().decode(details.medias().get(index).mikey());
                    } else {
                        throw new RtspClientException(what + ": secure media without the server's key (no KeyMgmt"
                                + " header, no a=key-mgmt in the session description)");
                    }
                    MikeyMessage m = srtp.decodeMikey(mikey);
                    SrtpContext in = srtp.createContext(m.keyMaterial(), m.cryptoSessions());
                    SrtpContext out = srtp.createContext(clientKey, channel.localCryptoSessions());
                    channel.srtp(in, out);
                } catch (MalformedDataException | IllegalArgumentException e) {
                    throw new RtspClientException(what + ": the server's key is invalid: " + e.getMessage());
                }
            }
            channels.add(channel);
            state = State.SET_UP;
            return channel;
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Starts delivery (PLAY) of every set-up media; packets then reach the handler. Keep-alives and
     * receiver reports start, and with {@link TransportMode#AUTO} over UDP the client moves to TCP when
     * nothing arrives within {@link ClientConfig#udpFallbackTimeout()}.
     *
     * @throws IllegalStateException when nothing is set up
     * @throws RtspRefusedException when the server refuses
     */
    public void play() {
        control.lock();
        try {
            requireOpen();
            if (state != State.SET_UP || publishingSession) {
                throw new IllegalStateException("play() comes after describe() and setup()");
            }
            playLocked();
        } finally {
            control.unlock();
        }
    }

    private void playLocked() {
        String url = aggregateUrl();
        Connection.Received r = request("PLAY", url, RtspHeaders.of("Range", "npt=0.000-"), null);
        if (r.status() != 200) {
            throw refused("PLAY", url, r);
        }
        state = State.PLAYING;
        playStartedNanos = System.nanoTime();
        for (MediaChannel c : channels) {
            if (c.protocol() == TransportProtocol.UDP) {
                try {
                    c.openPath();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "cannot send the first receiver report: " + e);
                }
            }
        }
        startPeriodic(config.receiverReportPeriod());
        if (config.transport() == TransportMode.AUTO && transport() == TransportProtocol.UDP) {
            tasks.add(timer.schedule(this::udpFallback, config.udpFallbackTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /**
     * Offers a stream to publish (ANNOUNCE). Medias without a control attribute get
     * {@code trackID=<index>}; {@link #writePacketRtp} takes the medias of the given description.
     *
     * @param session what will be published
     * @throws RtspRefusedException when the server refuses
     */
    public void announce(SessionDescription session) {
        control.lock();
        try {
            requireOpen();
            if (state != State.READY) {
                throw new IllegalStateException("announce() comes first, on a fresh client");
            }
            if (publicMethods == null) {
                optionsQuietly();
            }
            List<Media> announced = new ArrayList<>();
            for (int i = 0; i < session.medias().size(); i++) {
                Media m = session.medias().get(i);
                announced.add(m.control() == null ? m.withControl("trackID=" + i) : m);
            }
            SessionDescription offered = new SessionDescription(session.title(), announced);
            String host = connection.remoteAddress().getHostAddress();
            String sdp = SdpWriter.write(offered, target.tls(), host.indexOf(':') >= 0 ? "0.0.0.0" : host);
            String url = target.url();
            Connection.Received r = request("ANNOUNCE", url, RtspHeaders.of("Content-Type", "application/sdp"),
                    sdp.getBytes(StandardCharsets.UTF_8));
            if (r.status() != 200) {
                throw refused("ANNOUNCE", url, r);
            }
            description = offered;
            applicationMedias = session.medias();
            details = SdpTransportDetails.parse(sdp);
            baseUrl = url;
            publishingSession = true;
            state = State.ANNOUNCED;
        } finally {
            control.unlock();
        }
    }

    /**
     * Starts publishing (RECORD) every set-up media; sender reports and keep-alives start.
     *
     * @throws RtspRefusedException when the server refuses
     */
    public void record() {
        control.lock();
        try {
            requireOpen();
            if (state != State.SET_UP || !publishingSession) {
                throw new IllegalStateException("record() comes after announce() and setup()");
            }
            String url = aggregateUrl();
            Connection.Received r = request("RECORD", url, RtspHeaders.of("Range", "npt=0.000-"), null);
            if (r.status() != 200) {
                throw refused("RECORD", url, r);
            }
            state = State.RECORDING;
            startPeriodic(config.senderReportPeriod());
        } finally {
            control.unlock();
        }
    }

    /**
     * Publishes an RTP packet, stamped with the current time for sender reports. Its SSRC is replaced
     * by the client's SSRC for the format.
     *
     * @param media a media of the announced description
     * @param packet the packet
     * @throws IllegalStateException before {@link #record()} or after close
     * @throws IllegalArgumentException when the payload type is not one of the media's, or the
     *         packet is too big for the transport
     * @throws RtspClientException when sending fails (the client is then closed)
     */
    public void writePacketRtp(Media media, RtpPacket packet) {
        writePacketRtp(media, packet, Instant.now());
    }

    /**
     * As {@link #writePacketRtp(Media, RtpPacket)}, with the wall-clock time the content was sampled at.
     *
     * @param media a media of the announced description
     * @param packet the packet
     * @param ntpTime when the packet's content was sampled
     */
    public void writePacketRtp(Media media, RtpPacket packet, Instant ntpTime) {
        MediaChannel channel = publishingChannel(media);
        try {
            if (channel.sendRtp(packet, ntpTime)) {
                channel.sendReport();
            }
        } catch (IOException e) {
            RtspClientException failure = new RtspClientException("sending RTP to " + target.url() + " failed: "
                    + e.getMessage(), e);
            fail(failure);
            throw failure;
        } catch (RtspClientException e) {
            fail(e);
            throw e;
        }
    }

    /**
     * Sends an RTCP packet on a published or read media.
     *
     * @param media a media of the session
     * @param packet the packet
     */
    public void writePacketRtcp(Media media, RtcpPacket packet) {
        MediaChannel channel = channelOf(media);
        try {
            channel.sendRtcp(packet);
        } catch (IOException e) {
            throw new RtspClientException("sending RTCP to " + target.url() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The wall-clock time at which a received packet's content was sampled, from the server's RTCP
     * sender reports: the last report's NTP time plus the packet's timestamp distance from it.
     *
     * @param media the packet's media
     * @param packet a packet the handler received
     * @return the time, or empty before the first sender report of its format
     */
    public Optional<Instant> packetNtp(Media media, RtpPacket packet) {
        return Optional.ofNullable(channelOf(media).packetNtp(packet));
    }

    /**
     * Ends the session (TEARDOWN, waited for at most the read timeout) and releases every socket and
     * thread. Idempotent; never throws.
     */
    @Override
    public void close() {
        control.lock();
        try {
            if (state == State.CLOSED) {
                return;
            }
            if (sessionId != null && connection != null && !connection.isClosed()) {
                try {
                    request("TEARDOWN", aggregateUrl(), RtspHeaders.empty(), null);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "TEARDOWN failed: " + e.getMessage());
                }
            }
            release();
        } finally {
            control.unlock();
        }
        finish(null);
    }

    // ------------------------------------------------------------------------------------------

    private Connection open(Target t) {
        Connection c = Connection.open(t.host(), t.port(), t.tls(), t.url(), config, this::connectionBroken);
        c.frames(this::frame);
        return c;
    }

    private void reconnect(Target next) {
        connection.closeAndJoin(Duration.ofSeconds(1));
        target = next;
        authorization = null;
        publicMethods = null;
        connection = open(next);
    }

    private void frame(int channel, byte[] array, int offset, int length) {
        MediaChannel c = byInterleavedChannel[channel];
        if (c != null && (state == State.PLAYING || state == State.RECORDING || state == State.SET_UP)) {
            c.frame(channel, array, offset, length);
        }
    }

    private void writeFrame(int channel, byte[] packet, int length) {
        connection.writeFrame(channel, packet, length);
    }

    private void connectionBroken(RtspClientException e) {
        if (state == State.PLAYING || state == State.RECORDING) {
            fail(e);
        }
    }

    private Connection.Received request(String method, String url, RtspHeaders extra, byte[] body) {
        String what = method + " " + url;
        for (int attempt = 0; ; attempt++) {
            RtspHeaders.Builder h = RtspHeaders.builder();
            h.add("CSeq", Integer.toString(++cseq));
            h.add("User-Agent", config.userAgent());
            for (var field : extra.asMap().entrySet()) {
                for (String v : field.getValue()) {
                    h.add(field.getKey(), v);
                }
            }
            if (sessionId != null) {
                h.set("Session", sessionId);
            }
            if (authorization != null) {
                h.add("Authorization", authorization.header(method, url));
            }
            Connection.Received r = connection.exchange(new RtspRequest(method, url, h.build(), body), what,
                    config.readTimeout());
            if (r.status() != 401) {
                return r;
            }
            if (target.user() == null) {
                throw new RtspRefusedException(method, 401, what + ": the server answered 401 " + reason(r)
                        + ": it needs credentials; put them in the URL (rtsp://user:password@host/...)");
            }
            if (attempt > 0) {
                throw new RtspRefusedException(method, 401, what + ": the server answered 401 " + reason(r)
                        + ": it refused the credentials of user '" + target.user() + "'");
            }
            try {
                authorization = ClientAuthorization.choose(r.response().headers().all("WWW-Authenticate"),
                        target.user(), target.password());
            } catch (MalformedDataException e) {
                throw new RtspRefusedException(method, 401, what + ": " + e.getMessage());
            }
        }
    }

    private void optionsQuietly() {
        Connection.Received r = request("OPTIONS", target.url(), RtspHeaders.empty(), null);
        publicMethods = r.status() == 200 ? parsePublic(r.header("Public")) : Set.of();
    }

    private static Set<String> parsePublic(String header) {
        Set<String> methods = new LinkedHashSet<>();
        if (header != null) {
            for (String m : header.split(",")) {
                if (!m.isBlank()) {
                    methods.add(m.strip().toUpperCase(Locale.ROOT));
                }
            }
        }
        return Set.copyOf(methods);
    }

    private void readSession(String what, Connection.Received r) {
        String value = r.header("Session");
        if (value == null) {
            if (sessionId == null) {
                throw new RtspClientException(what + ": the server's answer has no Session header");
            }
            return;
        }
        SessionHeader session;
        try {
            session = SessionHeader.parse(value);
        } catch (MalformedDataException e) {
            throw new RtspClientException(what + ": " + e.getMessage());
        }
        if (sessionId == null) {
            sessionId = session.id();
            sessionTimeout = session.timeout() != null && session.timeout() > 0 ? session.timeout()
                    : DEFAULT_SESSION_TIMEOUT;
        } else if (!sessionId.equals(session.id())) {
            throw new RtspClientException(what + ": the server changed the session id");
        }
    }

    private static int checkPort(String what, String name, int port, String header) {
        if (port <= 0 || port > 65535) {
            throw new RtspClientException(what + ": the server's Transport header has " + name + " " + port
                    + " out of range 1-65535 (" + header + ")");
        }
        return port;
    }

    private static InetAddress resolve(String what, String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new RtspClientException(what + ": unknown address '" + host + "' in the server's Transport header");
        }
    }

    private NetworkInterface multicastInterface() {
        try {
            if (config.multicastInterface() != null) {
                NetworkInterface n = NetworkInterface.getByName(config.multicastInterface());
                if (n == null) {
                    throw new RtspClientException("no network interface named '" + config.multicastInterface()
                            + "' (multicastInterface)");
                }
                return n;
            }
            return NetworkInterface.getByInetAddress(connection.localAddress());
        } catch (SocketException e) {
            return null;
        }
    }

    private int freeInterleavedPair() {
        for (int i = 0; i < 255; i += 2) {
            if (byInterleavedChannel[i] == null && byInterleavedChannel[i + 1] == null) {
                return i;
            }
        }
        throw new RtspClientException("no free interleaved channel pair");
    }

    private int indexOf(Media media) {
        List<Media> list = applicationMedias != null ? applicationMedias : List.of();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == media) {
                return i;
            }
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).equals(media) || description.medias().get(i).equals(media)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the media is not part of the described or announced session");
    }

    private MediaChannel channelOf(Media media) {
        int index = indexOf(media);
        for (MediaChannel c : channels) {
            if (c.index() == index) {
                return c;
            }
        }
        throw new IllegalArgumentException("media " + index + " is not set up");
    }

    private MediaChannel publishingChannel(Media media) {
        if (state != State.RECORDING) {
            throw new IllegalStateException(state == State.CLOSED ? "the client is closed"
                    : "writePacketRtp() comes after record()");
        }
        return channelOf(media);
    }

    /** A media's control resolved against the base URL, as servers expect (appended, not RFC 3986 resolution). */
    private String controlUrl(Media media) {
        String c = media.control();
        if (c == null || c.isEmpty() || c.equals("*")) {
            return baseUrl;
        }
        if (c.regionMatches(true, 0, "rtsp://", 0, 7) || c.regionMatches(true, 0, "rtsps://", 0, 8)) {
            return Target.parse(c).url();
        }
        return baseUrl.endsWith("/") ? baseUrl + c : baseUrl + "/" + c;
    }

    /** The URL of PLAY, RECORD, TEARDOWN and keep-alives: the session's control if absolute, else the base URL. */
    private String aggregateUrl() {
        String sc = details == null ? null : details.sessionControl();
        if (sc != null && (sc.regionMatches(true, 0, "rtsp://", 0, 7) || sc.regionMatches(true, 0, "rtsps://", 0, 8))) {
            return Target.parse(sc).url();
        }
        return baseUrl != null ? baseUrl : target.url();
    }

    private static String reason(Connection.Received r) {
        return r.reason().isEmpty() ? org.rtspkit.api.RtspStatus.reason(r.status()) : r.reason();
    }

    private RtspRefusedException refused(String method, String url, Connection.Received r) {
        String body = r.response().body().length > 0 && r.response().body().length < 200
                ? "; it said: " + new String(r.response().body(), StandardCharsets.UTF_8).strip() : "";
        return new RtspRefusedException(method, r.status(), method + " " + url + ": the server answered "
                + r.status() + " " + reason(r) + body);
    }

    private void requireOpen() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("the client is closed");
        }
    }

    // --- periodic work -------------------------------------------------------------------------

    private void startPeriodic(Duration reportPeriod) {
        long keepAlive = config.keepAlivePeriod() != null ? config.keepAlivePeriod().toMillis()
                : Math.max(1000, sessionTimeout * 1000L / 2);
        tasks.add(timer.scheduleAtFixedRate(this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS));
        long report = reportPeriod.toMillis();
        tasks.add(timer.scheduleAtFixedRate(this::sendReports, report, report, TimeUnit.MILLISECONDS));
    }

    private void keepAlive() {
        try {
            if (!control.tryLock(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        RtspClientException failure = null;
        try {
            if (state != State.PLAYING && state != State.RECORDING) {
                return;
            }
            String method = publicMethods != null && publicMethods.contains("GET_PARAMETER") ? "GET_PARAMETER" : "OPTIONS";
            String url = aggregateUrl();
            Connection.Received r = request(method, url, RtspHeaders.empty(), null);
            if (r.status() == 454) {
                failure = new RtspClientException("keep-alive " + method + " " + url + ": the server no longer knows"
                        + " the session (454 Session Not Found)");
            } else if (r.status() != 200) {
                LOG.log(System.Logger.Level.DEBUG, () -> "keep-alive " + method + " answered " + r.status());
            }
        } catch (RtspClientException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new RtspClientException("keep-alive failed: " + e, e);
        } finally {
            if (failure != null) {
                release();
            }
            control.unlock();
        }
        if (failure != null) {
            finish(failure);
        }
    }

    private void sendReports() {
        for (MediaChannel c : channels) {
            try {
                c.sendReport();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "cannot send RTCP: " + e.getMessage());
            } catch (RtspClientException e) {
                fail(e);
                return;
            }
        }
    }

    /** Once a second: write deadline, and media silence while playing. */
    private void watch() {
        Connection c = connection;
        if (c != null && c.checkWriteDeadline(config.writeTimeout())) {
            fail(new RtspTimeoutException("writing to " + target.url() + " stayed blocked for more than "
                    + config.writeTimeout().toMillis() + " ms (writeTimeout)"));
            return;
        }
        if (state != State.PLAYING) {
            return;
        }
        long now = System.nanoTime();
        long timeout = config.readTimeout().toNanos();
        if (transport() == TransportProtocol.TCP) {
            long last = Math.max(c.lastReadNanos(), playStartedNanos);
            if (now - last > timeout) {
                fail(new RtspTimeoutException(target.url() + ": nothing arrived on the RTSP connection for "
                        + config.readTimeout().toMillis() + " ms (readTimeout)"));
            }
            return;
        }
        long last = playStartedNanos;
        for (MediaChannel m : channels) {
            last = Math.max(last, m.lastPacketNanos());
        }
        if (now - last > timeout) {
            fail(new RtspTimeoutException(target.url() + ": no RTP or RTCP packet over " + transport() + " for "
                    + config.readTimeout().toMillis() + " ms (readTimeout); a firewall or NAT may drop UDP, TCP may pass"));
        }
    }

    /** With AUTO: nothing came over UDP since PLAY, so start again over TCP. */
    private void udpFallback() {
        RtspClientException failure = null;
        String reason = null;
        control.lock();
        try {
            if (state != State.PLAYING || transport() != TransportProtocol.UDP) {
                return;
            }
            for (MediaChannel c : channels) {
                if (c.lastPacketNanos() != 0) {
                    return;
                }
            }
            reason = "no packet arrived over UDP within " + config.udpFallbackTimeout().toMillis()
                    + " ms of PLAY (udpFallbackTimeout)";
            String why = reason;
            LOG.log(System.Logger.Level.INFO, () -> target.url() + ": " + why + "; trying TCP");
            List<Integer> indexes = new ArrayList<>();
            for (MediaChannel c : channels) {
                indexes.add(c.index());
            }
            try {
                request("TEARDOWN", aggregateUrl(), RtspHeaders.empty(), null);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "TEARDOWN before moving to TCP failed: " + e.getMessage());
            }
            stopTransport();
            autoChoice = TransportProtocol.TCP;
            sessionId = null;
            state = State.READY;
            connection.closeAndJoin(Duration.ofSeconds(1));
            connection = open(target);
            authorization = null;
            publicMethods = null;
            describeLocked();
            for (int i : indexes) {
                setupOnce(i, TransportProtocol.TCP, false);
            }
            playLocked();
        } catch (RtspClientException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new RtspClientException("moving to TCP failed: " + e, e);
        } finally {
            if (failure != null) {
                release();
            }
            control.unlock();
        }
        if (failure != null) {
            finish(failure);
        } else if (reason != null) {
            handler.onTransportChange(TransportProtocol.UDP, TransportProtocol.TCP, reason);
        }
    }

    private void fail(RtspClientException e) {
        if (state == State.CLOSED) {
            return;
        }
        // Not under the control lock: a request may hold it while waiting, and closing the
        // connection is what ends that wait.
        state = State.CLOSED;
        releaseResources();
        finish(e);
    }

    private void release() {
        state = State.CLOSED;
        releaseResources();
    }

    private void releaseResources() {
        timer.shutdownNow();
        for (ScheduledFuture<?> t : tasks) {
            t.cancel(false);
        }
        // The channels stay listed (closed) so that stats() still tells what arrived.
        for (MediaChannel c : channels) {
            c.close();
        }
        Connection c = connection;
        if (c != null) {
            c.closeAndJoin(Duration.ofSeconds(1));
        }
    }

    private void stopTransport() {
        for (ScheduledFuture<?> t : tasks) {
            t.cancel(false);
        }
        tasks.clear();
        for (MediaChannel c : channels) {
            c.close();
        }
        channels.clear();
        java.util.Arrays.fill(byInterleavedChannel, null);
    }

    private void finish(RtspClientException error) {
        boolean first = error == null ? terminated.complete(null) : terminated.completeExceptionally(error);
        if (first) {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, () -> "session failed: " + error.getMessage());
            }
            handler.onClose(error);
        }
    }
}
