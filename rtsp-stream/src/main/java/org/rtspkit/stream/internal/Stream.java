package org.rtspkit.stream.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rtspkit.api.Format;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MulticastParams;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.SenderReport;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.StreamClosedException;
import org.rtspkit.api.StreamStats;
import org.rtspkit.api.WriteQueueFullException;
import org.rtspkit.protocol.sdp.SdpWriter;
import org.rtspkit.stream.internal.rtp.RtpInfoPosition;
import org.rtspkit.stream.internal.rtp.SenderReportState;
import org.rtspkit.stream.internal.rtp.SsrcGenerator;
import org.rtspkit.stream.internal.rtp.TimeMapping;

/**
 * The fan-out core. A written packet is marshalled once, stamped with the stream's SSRC for its format,
 * and the same {@link OutboundPacket} is queued for every active reader of its media: the per-reader
 * work is a queue offer and two counter additions, with no copy and no allocation.
 *
 * <p>Writes, reader changes and reports take {@link #lock}; the set of active readers is an array
 * replaced on change, so the write loop reads it without copying.
 */
final class Stream implements ServerStream {
    private static final System.Logger LOG = System.getLogger(Stream.class.getName());
    private static final Recipient[] NO_READERS = new Recipient[0];
    /** The largest tag (and MKI) an SRTP suite adds: AEAD's 16-byte tag plus a 16-byte MKI. */
    private static final int MAX_SRTP_OVERHEAD = 32;

    private final Server server;
    private final SessionDescription original;
    private final MediaState[] medias;
    private final FormatState[] formats;
    private final Object lock = new Object();
    /**
     * Readers whose queue was full during one write, told outside the lock. Per thread and reused:
     * under overload every write drops for someone, and a list per write would make garbage exactly
     * when the server is busiest.
     */
    private static final ThreadLocal<List<Session>> SLOW_READERS = ThreadLocal.withInitial(ArrayList::new);
    /** One instance for every drop: a full queue is routine under load and must stay cheap. */
    private final WriteQueueFullException queueFull = new WriteQueueFullException();
    private final List<Session> readers = new ArrayList<>();
    private final PacketPool pool;
    /** Non-null when the server speaks RTSPS and can encrypt: then SAVP readers get SRTP. */
    private final StreamKeys keys;
    private int activeSecureReaders;
    /** The application's group and ports per media; null entries get the server's. */
    private final MulticastParams[] multicastParams;
    private final Set<Session> multicastReaders = new java.util.HashSet<>();
    private MulticastWriter multicastWriter;
    private volatile Recipient[] active = NO_READERS;
    private volatile SessionDescription described;
    private volatile boolean closed;
    private long outboundBytes;
    private long outboundRtpPackets;
    private long outboundRtcpPackets;
    private long outboundRtpPacketsDropped;

    Stream(Server server, SessionDescription description, SecureRandom random, Map<Media, MulticastParams> multicast) {
        this.server = server;
        this.original = description;
        this.described = description;
        List<FormatState> all = new ArrayList<>();
        int formatCount = description.medias().stream().mapToInt(m -> m.formats().size()).sum();
        long[] ssrcs = SsrcGenerator.generate(formatCount, random);
        this.medias = new MediaState[description.medias().size()];
        for (int i = 0; i < medias.length; i++) {
            Media media = description.medias().get(i);
            if (media.formats().isEmpty()) {
                throw new IllegalArgumentException("media " + i + " has no formats");
            }
            for (Format f : media.formats()) {
                if (f instanceof H264Format h264 && h264.packetizationMode() == 0) {
                    throw new RtspkitException("H264 packetization-mode=0 is not supported by the server");
                }
            }
            FormatState[] fs = new FormatState[media.formats().size()];
            for (int j = 0; j < fs.length; j++) {
                fs[j] = new FormatState(all.size(), i, media.formats().get(j), ssrcs[all.size()], server.config().clock());
                all.add(fs[j]);
            }
            medias[i] = new MediaState(i, media, fs);
        }
        this.formats = all.toArray(FormatState[]::new);
        // Enough for every packet a full reader queue can hold, plus those in flight.
        this.pool = new PacketPool(2 * server.config().writeQueueSize(),
                server.config().maxPacketSize() + MAX_SRTP_OVERHEAD);
        this.keys = server.srtpAvailable() ? new StreamKeys(server.srtp(), server.srtpSuite(), ssrcsPerMedia()) : null;
        this.multicastParams = new MulticastParams[medias.length];
        multicast.forEach((media, params) -> multicastParams[mediaState(media).index] = params);
    }

    // ---- writing

    @Override
    public void writePacketRtp(Media media, RtpPacket packet) {
        // The clock's milliseconds rather than an Instant: this runs for every packet, and an Instant
        // that reaches the time mapping is allocated. A millisecond is far below what lip sync needs.
        long now = server.config().clock().millis();
        write(media, packet, Math.floorDiv(now, 1000L), (int) Math.floorMod(now, 1000L) * 1_000_000, true);
    }

    @Override
    public void writePacketRtp(Media media, RtpPacket packet, Instant ntpTime) {
        Objects.requireNonNull(ntpTime, "ntpTime");
        write(media, packet, ntpTime.getEpochSecond(), ntpTime.getNano(), false);
    }

    private void write(Media media, RtpPacket packet, long ntpSecond, int ntpNano, boolean ntpIsNow) {
        MediaState ms = mediaState(media);
        FormatState fs = ms.format(packet.payloadType());
        int size = packet.marshalSize();
        // SRTP's tag goes on top of maxPacketSize rather than inside it (the reference server keeps room
        // for it): publishers such as FFmpeg fill packets to 1472 bytes, and a relay would otherwise
        // lose every large video packet. Such datagrams fragment on a 1500-byte link; TCP is unaffected.
        int max = server.config().maxPacketSize();
        if (size > max) {
            throw new IllegalArgumentException("RTP packet is too big: " + size + " bytes, the maximum is " + max);
        }
        OutboundPacket out = pool.acquire();
        packet.marshalTo(out.data, 0);
        putInt(out.data, 8, fs.ssrc);
        out.beginOffers(ms.index, false, size);
        boolean randomAccess = fs.format.ptsEqualsDts(packet);
        int payloadBytes = packet.payload().length;
        List<Session> slow = null;
        boolean multicastFull = false;
        synchronized (lock) {
            if (closed) {
                out.endOffers(0);
                throw new StreamClosedException();
            }
            fs.mapping.onPacket(packet.sequenceNumber(), packet.timestamp(), ntpSecond, ntpNano, randomAccess, ntpIsNow);
            OutboundPacket secure = activeSecureReaders > 0 ? protect(out, ms.index, size) : null;
            int offered = 0;
            int dropped = 0;
            int takenSecure = 0;
            for (Recipient reader : active) {
                SessionOutput output = reader.output();
                if (output == null || !output.hasMedia(ms.index)) {
                    continue;
                }
                offered++;
                ReaderCounters counters = reader.readerCounters();
                boolean firstReport = counters.reports[fs.index].onPacket(payloadBytes, randomAccess);
                boolean encrypted = reader.secure();
                if (!output.offer(encrypted ? secure : out, false)) {
                    dropped++;
                    outboundRtpPacketsDropped++;
                    counters.dropped++;
                    if (reader instanceof Session session) {
                        if (slow == null) {
                            slow = SLOW_READERS.get();
                            if (!slow.isEmpty()) {
                                // A write from inside onStreamWriteError: the outer one still uses it.
                                slow = new ArrayList<>(2);
                            }
                        }
                        slow.add(session);
                    } else {
                        multicastFull = true;
                    }
                    continue;
                }
                if (encrypted) {
                    takenSecure++;
                }
                if (firstReport && server.config().senderReports()) {
                    // The first report goes right after the first random-access packet, so a reader
                    // can synchronise its tracks without waiting a whole report period.
                    offerReport(reader, fs, server.config().clock().instant());
                }
            }
            out.endOffers(offered - dropped - takenSecure);
            if (secure != null) {
                secure.endOffers(takenSecure);
            }
            server.wakeLoopsAfterFanOut();
            outboundBytes += (long) size * offered;
            outboundRtpPackets += offered;
            ms.outboundBytes += (long) size * offered;
            fs.outboundRtpPackets += offered;
        }
        if (slow != null) {
            try {
                for (Session reader : slow) {
                    server.handler().onStreamWriteError(reader, queueFull);
                }
            } finally {
                slow.clear();
            }
        }
        if (multicastFull) {
            // The group is every multicast reader at once: its writer is told, not a session.
            throw queueFull;
        }
    }

    @Override
    public void writePacketRtcp(Media media, RtcpPacket packet) {
        MediaState ms = mediaState(media);
        int size = packet.marshalSize();
        if (size > server.config().maxPacketSize()) {
            throw new IllegalArgumentException("packet is too big: " + size + " bytes, the maximum is "
                    + server.config().maxPacketSize());
        }
        byte[] data = packet.marshal();
        OutboundPacket out = new OutboundPacket(ms.index, true, data, size);
        synchronized (lock) {
            if (closed) {
                throw new StreamClosedException();
            }
            OutboundPacket secure = null;
            if (activeSecureReaders > 0) {
                byte[] enc = forReaderKeys(ms.index, data);
                secure = new OutboundPacket(ms.index, true, enc, enc.length);
            }
            for (Recipient reader : active) {
                SessionOutput output = reader.output();
                if (output != null && output.hasMedia(ms.index) && output.offer(reader.secure() ? secure : out)) {
                    outboundBytes += size;
                    outboundRtcpPackets++;
                    ms.outboundBytes += size;
                    ms.outboundRtcpPackets++;
                }
            }
        }
    }

    /** The encrypted twin of a packet, for SAVP readers; made once per packet whatever their number. */
    private OutboundPacket protect(OutboundPacket plain, int media, int size) {
        OutboundPacket secure = pool.acquire();
        try {
            int n = keys.protectRtp(media, plain.data, size, secure.data);
            secure.beginOffers(media, false, n);
            return secure;
        } catch (org.rtspkit.spi.SrtpException e) {
            throw new org.rtspkit.api.RtspkitException("cannot encrypt the packet: " + e.getMessage(), e);
        }
    }

    private byte[] forReaderKeys(int media, byte[] rtcp) {
        try {
            return keys.protectRtcp(media, rtcp);
        } catch (org.rtspkit.spi.SrtpException e) {
            throw new org.rtspkit.api.RtspkitException("cannot encrypt RTCP: " + e.getMessage(), e);
        }
    }

    /** RTCP bytes as a reader should get them: encrypted for SAVP readers. */
    private byte[] forReader(Recipient reader, int media, byte[] rtcp) {
        if (!reader.secure() || keys == null) {
            return rtcp;
        }
        try {
            return keys.protectRtcp(media, rtcp);
        } catch (org.rtspkit.spi.SrtpException e) {
            throw new org.rtspkit.api.RtspkitException("cannot encrypt RTCP: " + e.getMessage(), e);
        }
    }

    /** Sends every active reader the periodic report of each format it has started reporting. */
    void sendSenderReports() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Instant now = server.config().clock().instant();
            for (Recipient reader : active) {
                for (FormatState fs : formats) {
                    offerReport(reader, fs, now);
                }
            }
        }
    }

    /** Called with {@link #lock} held; does nothing until the reader has had a random-access packet. */
    private void offerReport(Recipient reader, FormatState fs, Instant now) {
        SenderReport sr = reader.readerCounters().reports[fs.index].report(fs.ssrc, now);
        if (sr == null) {
            return;
        }
        byte[] data = forReader(reader, fs.mediaIndex, sr.marshal());
        if (reader.output().offer(new OutboundPacket(fs.mediaIndex, true, data, data.length))) {
            MediaState ms = medias[fs.mediaIndex];
            outboundBytes += data.length;
            outboundRtcpPackets++;
            ms.outboundBytes += data.length;
            ms.outboundRtcpPackets++;
        }
    }

    private static void putInt(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    // ---- readers

    /** At a reader's first SETUP. */
    void addReader(Session reader) {
        synchronized (lock) {
            if (closed) {
                throw new StreamClosedException();
            }
            readers.add(reader);
        }
    }

    /** PLAY accepted: the reader starts receiving. */
    void setActive(Session reader) {
        synchronized (lock) {
            if (closed || !readers.contains(reader)) {
                return;
            }
            reader.readerCounters().restart(formats);
            if (reader.secure()) {
                activeSecureReaders++;
            }
            Recipient[] next = Arrays.copyOf(active, active.length + 1);
            next[active.length] = reader;
            active = next;
        }
    }

    /** PAUSE, or the reader is leaving. */
    void setInactive(Session reader) {
        synchronized (lock) {
            deactivate(reader);
        }
    }

    void removeReader(Session reader) {
        synchronized (lock) {
            deactivate(reader);
            readers.remove(reader);
            if (multicastReaders.remove(reader) && multicastReaders.isEmpty() && multicastWriter != null) {
                // The last multicast reader left: the groups go, and their ports with them.
                deactivate(multicastWriter);
                multicastWriter.close();
                multicastWriter = null;
            }
        }
    }

    /**
     * A multicast reader's first SETUP: the first one opens a group for every media of the stream.
     *
     * @throws java.io.IOException when a group cannot be opened (a port in use)
     */
    MulticastWriter joinMulticast(Session reader) throws java.io.IOException {
        synchronized (lock) {
            if (closed) {
                throw new StreamClosedException();
            }
            if (multicastWriter == null) {
                MulticastWriter w = MulticastWriter.open(server.multicast(), multicastParams, this::multicastRtcp,
                        server.config().writeQueueSize(), server.nextLoop(), keys != null);
                w.readerCounters().restart(formats);
                multicastWriter = w;
                Recipient[] next = Arrays.copyOf(active, active.length + 1);
                next[active.length] = w;
                active = next;
            }
            multicastReaders.add(reader);
            return multicastWriter;
        }
    }

    /**
     * RTCP on a group's socket: it keeps alive the multicast readers at that address (a reader's RTCP
     * comes from its address and the group's RTCP port). Runs on the multicast receive thread.
     */
    private void multicastRtcp(java.net.InetSocketAddress source, byte[] data, int offset, int length) {
        List<Session> matching;
        synchronized (lock) {
            matching = multicastReaders.stream()
                    .filter(s -> s.creatorAddress().equals(source.getAddress()))
                    .toList();
        }
        for (Session s : matching) {
            s.rtcpAccepted();
        }
    }

    private void deactivate(Recipient reader) {
        if (reader == null) {
            return;
        }
        Recipient[] next = Arrays.stream(active).filter(s -> s != reader).toArray(Recipient[]::new);
        if (next.length != active.length && reader.secure()) {
            activeSecureReaders--;
        }
        active = next;
    }

    List<Session> readers() {
        synchronized (lock) {
            return List.copyOf(readers);
        }
    }

    // ---- description and RTP-Info

    @Override
    public SessionDescription description() {
        return original;
    }

    /** The SDP a DESCRIBE returns: the current description with {@code trackID=<index>} controls. */
    String describeSdp(boolean backChannels, String connectionAddress) {
        SessionDescription d = described;
        List<Media> withControls = new ArrayList<>(d.medias().size());
        List<String> mikeys = new ArrayList<>(d.medias().size());
        for (int i = 0; i < d.medias().size(); i++) {
            Media m = d.medias().get(i);
            // Back channels are offered only to clients that declare support for them.
            if (!m.backChannel() || backChannels) {
                withControls.add(m.withControl("trackID=" + i));
                mikeys.add(keys == null ? null : keys.mikeyBase64(i));
            }
        }
        SessionDescription served = new SessionDescription(d.title(), withControls);
        return SdpWriter.write(served, keys != null, connectionAddress, mikeys);
    }

    int mediaCount() {
        return medias.length;
    }

    Media media(int index) {
        return medias[index].media;
    }

    private long[][] ssrcsPerMedia() {
        long[][] out = new long[medias.length][];
        for (MediaState ms : medias) {
            out[ms.index] = java.util.Arrays.stream(ms.formats).mapToLong(f -> f.ssrc).toArray();
        }
        return out;
    }

    /** The media's key for a SETUP's {@code KeyMgmt} answer; null when the stream is not encrypted. */
    String mikeyBase64(int mediaIndex) {
        return keys == null ? null : keys.mikeyBase64(mediaIndex);
    }

    /** Whether one of this stream's formats uses the SSRC (so a report block is about our packets). */
    boolean ownsSsrc(long ssrc) {
        for (FormatState f : formats) {
            if (f.ssrc == ssrc) {
                return true;
            }
        }
        return false;
    }

    /** The SSRC to advertise in a SETUP reply: only for a media with exactly one format. */
    Long singleSsrc(int mediaIndex) {
        FormatState[] fs = medias[mediaIndex].formats;
        return fs.length == 1 ? fs[0].ssrc : null;
    }

    /** Where a reader starting now picks up a media, for RTP-Info; null when it is not known. */
    RtpInfoPosition rtpInfo(int mediaIndex, Instant now) {
        FormatState[] fs = medias[mediaIndex].formats;
        // The header has room for one sequence number per media.
        return fs.length == 1 ? fs[0].mapping.rtpInfoPosition(now) : null;
    }

    @Override
    public void reloadDescription(SessionDescription updated) {
        List<Media> now = original.medias();
        if (updated.medias().size() != now.size()) {
            throw new IllegalArgumentException("the updated description has " + updated.medias().size()
                    + " medias, the stream has " + now.size());
        }
        for (int i = 0; i < now.size(); i++) {
            List<Integer> a = now.get(i).formats().stream().map(Format::payloadType).toList();
            List<Integer> b = updated.medias().get(i).formats().stream().map(Format::payloadType).toList();
            if (!a.equals(b)) {
                throw new IllegalArgumentException("media " + i + " of the updated description has payload types "
                        + b + ", the stream has " + a);
            }
        }
        described = updated;
    }

    // ---- stats and lifecycle

    @Override
    public StreamStats stats() {
        synchronized (lock) {
            Map<Media, StreamStats.MediaStats> byMedia = new IdentityHashMap<>();
            for (MediaState ms : medias) {
                Map<Integer, StreamStats.FormatStats> byFormat = new HashMap<>();
                for (FormatState fs : ms.formats) {
                    byFormat.put(fs.format.payloadType(), new StreamStats.FormatStats(fs.outboundRtpPackets, fs.ssrc));
                }
                byMedia.put(ms.media, new StreamStats.MediaStats(ms.outboundBytes, ms.outboundRtcpPackets, byFormat));
            }
            return new StreamStats(outboundBytes, outboundRtpPackets, outboundRtcpPackets, outboundRtpPacketsDropped,
                    byMedia);
        }
    }

    @Override
    public void close() {
        List<Session> toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            active = NO_READERS;
            toClose = List.copyOf(readers);
            readers.clear();
        }
        synchronized (lock) {
            if (multicastWriter != null) {
                multicastWriter.close();
                multicastWriter = null;
            }
            multicastReaders.clear();
        }
        server.streamClosed(this);
        StreamClosedException reason = new StreamClosedException();
        for (Session s : toClose) {
            s.closeAsync(reason);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "stream closed, " + toClose.size() + " readers ended");
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** The stream's media index of one of its medias: identity first, as medias are compared by identity. */
    int indexOf(Media media) {
        return mediaState(media).index;
    }

    private MediaState mediaState(Media media) {
        for (MediaState ms : medias) {
            if (ms.media == media) {
                return ms;
            }
        }
        for (MediaState ms : medias) {
            if (ms.media.equals(media)) {
                return ms;
            }
        }
        throw new IllegalArgumentException("the media is not one of this stream's description");
    }

    Set<Integer> payloadTypes(int mediaIndex) {
        Set<Integer> pts = new java.util.HashSet<>();
        for (FormatState f : medias[mediaIndex].formats) {
            pts.add(f.format.payloadType());
        }
        return pts;
    }

    private static final class MediaState {
        final int index;
        final Media media;
        final FormatState[] formats;
        long outboundBytes;
        long outboundRtcpPackets;

        MediaState(int index, Media media, FormatState[] formats) {
            this.index = index;
            this.media = media;
            this.formats = formats;
        }

        FormatState format(int payloadType) {
            for (FormatState f : formats) {
                if (f.format.payloadType() == payloadType) {
                    return f;
                }
            }
            throw new IllegalArgumentException("payload type " + payloadType + " is not a format of media " + index);
        }
    }

    /** Per format: its SSRC and the time mapping that reports and RTP-Info are computed from. */
    private static final class FormatState {
        final int index;
        final int mediaIndex;
        final Format format;
        final long ssrc;
        final TimeMapping mapping;
        long outboundRtpPackets;

        FormatState(int index, int mediaIndex, Format format, long ssrc, InstantSource clock) {
            this.index = index;
            this.mediaIndex = mediaIndex;
            this.format = format;
            this.ssrc = ssrc;
            this.mapping = new TimeMapping(format.clockRate(), clock);
        }
    }

    /** What the stream counts per reader: sender report state per format, and drops. */
    static final class ReaderCounters {
        SenderReportState[] reports = new SenderReportState[0];
        long dropped;

        /** A reader (re)starting to play counts from zero. */
        void restart(FormatState[] formats) {
            SenderReportState[] r = new SenderReportState[formats.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = new SenderReportState(formats[i].mapping);
            }
            reports = r;
        }

        long packets() {
            long n = 0;
            for (SenderReportState r : reports) {
                n += r.packetCount();
            }
            return n;
        }

        long octets() {
            long n = 0;
            for (SenderReportState r : reports) {
                n += r.octetCount();
            }
            return n;
        }
    }

    /** Whatever receives the stream's packets: a reader session, or the multicast writer of its groups. */
    interface Recipient {
        /** The queue towards it; null while it has none. */
        SessionOutput output();

        ReaderCounters readerCounters();

        /** Whether it gets the SRTP-protected copy. */
        boolean secure();
    }
}
