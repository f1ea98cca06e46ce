package org.rtspkit.stream.internal.stream;

import com.google.common.util.concurrent.RateLimiter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MulticastParams;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.StreamClosedException;
import org.rtspkit.api.StreamStats;
import org.rtspkit.api.WriteQueueFullException;
import org.rtspkit.spi.SrtpException;
import org.rtspkit.stream.internal.net.OutboundPacket;
import org.rtspkit.stream.internal.net.PacketPool;
import org.rtspkit.stream.internal.net.SessionOutput;
import org.rtspkit.stream.internal.rtp.RtpInfoPosition;

/**
 * The fan-out core. A written packet is marshalled once, stamped with the stream's SSRC for its format,
 * and the same {@link OutboundPacket} is queued for every active reader of its media: the per-reader
 * work is a queue offer and a few counter additions, with no copy and no allocation.
 *
 * <p>Writes, reader changes and reports take {@link #lock}; the set of active readers is an array
 * replaced on change ({@link StreamReaders}), so the write loop reads it without copying.
 */
public final class Stream implements ServerStream {
    private static final System.Logger LOG = System.getLogger(Stream.class.getName());
    /** The largest tag (and MKI) an SRTP suite adds: AEAD's 16-byte tag plus a 16-byte MKI. */
    private static final int MAX_SRTP_OVERHEAD = 32;
    /**
     * Readers whose queue was full during one write, told outside the lock. Per thread and reused:
     * under overload every write drops for someone, and a list per write would make garbage exactly
     * when the server is busiest.
     */
    private static final ThreadLocal<List<StreamReader>> SLOW_READERS = ThreadLocal.withInitial(ArrayList::new);

    private final StreamHost host;
    private final ServedDescription description;
    private final StreamMedias medias;
    private final Object lock = new Object();
    /** One instance for every drop: a full queue is routine under load and must stay cheap. */
    private final WriteQueueFullException queueFull = new WriteQueueFullException();
    private final StreamReaders readers = new StreamReaders();
    private final PacketPool pool;
    /** Non-null when the server speaks RTSPS and can encrypt: then SAVP readers get SRTP. */
    private final StreamKeys keys;
    /** The application's group and ports per media; null entries get the server's. */
    private final MulticastParams[] multicastParams;
    private volatile boolean closed;
    private final StreamCounters counters = new StreamCounters();
    private final StreamRtcp rtcp;
    /** Slow readers are warned about at most once every ten seconds per stream (onStreamWriteError: every drop). */
    private final RateLimiter slowReaderWarnings = RateLimiter.create(0.1);

    public Stream(StreamHost host, SessionDescription description, SecureRandom random,
                  Map<Media, MulticastParams> multicast) {
        this.host = host;
        this.description = new ServedDescription(description);
        this.medias = new StreamMedias(description, random, host.config().clock());
        // Enough for every packet a full reader queue can hold, plus those in flight.
        this.pool = new PacketPool(2 * host.config().writeQueueSize(), host.config().maxPacketSize() + MAX_SRTP_OVERHEAD);
        this.keys = host.srtpAvailable() ? new StreamKeys(host.srtp(), host.srtpSuite(), medias.ssrcsPerMedia()) : null;
        this.rtcp = new StreamRtcp(medias, keys, counters);
        this.multicastParams = new MulticastParams[medias.count()];
        multicast.forEach((media, params) -> multicastParams[medias.indexOf(media)] = params);
    }

    /** The stream's packet buffers; for tests. */
    PacketPool packetPool() {
        return pool;
    }

    /** Whether {@code h} is the server that created this stream. */
    boolean belongsTo(StreamHost h) {
        return host == h;
    }

    // ---- writing

    @Override
    public void writePacketRtp(Media media, RtpPacket packet) {
        // The clock's milliseconds rather than an Instant: this runs for every packet, and an Instant
        // that reaches the time mapping is allocated. A millisecond is far below what lip sync needs.
        long now = host.config().clock().millis();
        write(media, packet, Math.floorDiv(now, 1000L), (int) Math.floorMod(now, 1000L) * 1_000_000, true);
    }

    @Override
    public void writePacketRtp(Media media, RtpPacket packet, Instant ntpTime) {
        Objects.requireNonNull(ntpTime, "ntpTime");
        write(media, packet, ntpTime.getEpochSecond(), ntpTime.getNano(), false);
    }

    @Override
    public void writePacketRtp(Media media, byte[] packet, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, packet.length);
        int header = RawRtp.headerSize(packet, offset, length);
        int padding = RawRtp.paddingSize(packet, offset, length, header);
        StreamMedia ms = medias.of(media);
        StreamFormat fs = ms.format(packet[offset + 1] & 0x7F);
        checkSize(length);
        OutboundPacket out = pool.acquire();
        System.arraycopy(packet, offset, out.data(), 0, length);
        int payloadBytes = length - header - padding;
        boolean randomAccess = fs.format().ptsEqualsDts(packet, offset + header, payloadBytes);
        long now = host.config().clock().millis();
        fanOut(ms, fs, out, length, RawRtp.sequenceNumber(packet, offset), RawRtp.timestamp(packet, offset),
                randomAccess, payloadBytes, Math.floorDiv(now, 1000L), (int) Math.floorMod(now, 1000L) * 1_000_000,
                true);
    }

    private void checkSize(int size) {
        // SRTP's tag goes on top of maxPacketSize rather than inside it (the reference server keeps room
        // for it): publishers such as FFmpeg fill packets to 1472 bytes, and a relay would otherwise
        // lose every large video packet. Such datagrams fragment on a 1500-byte link; TCP is unaffected.
        int max = host.config().maxPacketSize();
        if (size > max) {
            throw new IllegalArgumentException("RTP packet is too big: " + size + " bytes, the maximum is " + max);
        }
    }

    private void write(Media media, RtpPacket packet, long ntpSecond, int ntpNano, boolean ntpIsNow) {
        StreamMedia ms = medias.of(media);
        StreamFormat fs = ms.format(packet.payloadType());
        int size = packet.marshalSize();
        checkSize(size);
        OutboundPacket out = pool.acquire();
        try {
            packet.marshalTo(out.data(), 0);
        } catch (RuntimeException e) {
            out.returnUnused();
            throw e;
        }
        fanOut(ms, fs, out, size, packet.sequenceNumber(), packet.timestamp(), fs.format().ptsEqualsDts(packet),
                packet.payload().length, ntpSecond, ntpNano, ntpIsNow);
    }

    /** Offers a marshalled packet to every active reader of its media; {@code out} is the stream's from here on. */
    private void fanOut(StreamMedia ms, StreamFormat fs, OutboundPacket out, int size, int sequenceNumber,
                        long timestamp, boolean randomAccess, int payloadBytes, long ntpSecond, int ntpNano,
                        boolean ntpIsNow) {
        putInt(out.data(), 8, fs.ssrc());
        out.beginOffers(ms.index(), false, size);
        List<StreamReader> slow = null;
        boolean multicastFull = false;
        synchronized (lock) {
            if (closed) {
                out.endOffers(0);
                throw new StreamClosedException();
            }
            fs.mapping().onPacket(sequenceNumber, timestamp, ntpSecond, ntpNano, randomAccess, ntpIsNow);
            OutboundPacket secure;
            try {
                secure = readers.activeSecure() > 0 ? protect(out, ms.index(), size) : null;
            } catch (RuntimeException e) {
                // Offered to nobody: the plain packet goes back to the pool as its twin did.
                out.endOffers(0);
                throw e;
            }
            int offered = 0;
            int dropped = 0;
            int takenSecure = 0;
            for (Recipient reader : readers.active()) {
                SessionOutput output = reader.output();
                if (output == null || !output.hasMedia(ms.index())) {
                    continue;
                }
                offered++;
                ReaderCounters perReader = reader.readerCounters();
                boolean firstReport = perReader.report(fs.index()).onPacket(payloadBytes, randomAccess);
                boolean encrypted = reader.secure();
                if (!output.offer(encrypted ? secure : out, false)) {
                    dropped++;
                    perReader.dropped();
                    if (reader instanceof StreamReader session) {
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
                perReader.queued(size);
                if (encrypted) {
                    takenSecure++;
                }
                if (firstReport && host.config().senderReports()) {
                    // The first report goes right after the first random-access packet, so a reader
                    // can synchronise its tracks without waiting a whole report period.
                    rtcp.offerReport(reader, fs, host.config().clock().instant());
                }
            }
            out.endOffers(offered - dropped - takenSecure);
            if (secure != null) {
                secure.endOffers(takenSecure);
            }
            host.wakeLoopsAfterFanOut();
            counters.rtp(ms, fs, size, offered - dropped, dropped);
        }
        if (slow != null) {
            try {
                for (StreamReader reader : slow) {
                    host.handler().onStreamWriteError(reader, queueFull);
                }
                // One question per write that dropped, not per reader: under overload every write drops.
                if (slowReaderWarnings.tryAcquire()) {
                    warnSlow(slow);
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

    /** Names the readers whose queue was full on this write, with what each has lost so far. */
    private void warnSlow(List<StreamReader> slow) {
        StringBuilder names = new StringBuilder();
        for (StreamReader reader : slow) {
            names.append(names.length() == 0 ? "" : ", ").append(reader.id()).append(" from ")
                    .append(reader.creatorAddress().getHostAddress()).append(" (")
                    .append(totals(reader).dropped()).append(" dropped so far)");
        }
        LOG.log(System.Logger.Level.WARNING, "readers cannot keep up, their write queues ("
                + host.config().writeQueueSize() + " packets, writeQueueSize) are full: " + names);
    }

    @Override
    public void writePacketRtcp(Media media, RtcpPacket packet) {
        StreamMedia ms = medias.of(media);
        int size = packet.marshalSize();
        if (size > host.config().maxPacketSize()) {
            throw new IllegalArgumentException("packet is too big: " + size + " bytes, the maximum is "
                    + host.config().maxPacketSize());
        }
        byte[] data = packet.marshal();
        synchronized (lock) {
            if (closed) {
                throw new StreamClosedException();
            }
            rtcp.write(readers.active(), readers.activeSecure() > 0, ms, data);
        }
    }

    /** The encrypted twin of a packet, for SAVP readers; made once per packet whatever their number. */
    private OutboundPacket protect(OutboundPacket plain, int media, int size) {
        OutboundPacket secure = pool.acquire();
        int n;
        try {
            n = keys.protectRtp(media, plain.data(), size, secure.data());
        } catch (SrtpException | RuntimeException e) {
            secure.returnUnused();
            throw new RtspkitException("cannot encrypt the packet: " + e.getMessage(), e);
        }
        secure.beginOffers(media, false, n);
        return secure;
    }

    /** Sends every active reader the periodic report of each format it has started reporting. */
    public void sendSenderReports() {
        synchronized (lock) {
            if (!closed) {
                rtcp.sendReports(readers.active(), host.config().clock().instant());
            }
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
    public void addReader(StreamReader reader) {
        synchronized (lock) {
            if (closed) {
                throw new StreamClosedException();
            }
            readers.add(reader);
        }
    }

    /**
     * PLAY accepted: the reader receives every packet written from now on, and, in the same step under
     * the writers' lock, the RTP-Info position of each of {@code mediaIndexes} is taken, so that its
     * {@code seq} is exactly the first packet the reader gets (RFC 2326 §12.33). The reader's output
     * holds those packets until the PLAY response is written and the output started.
     *
     * @return the positions, in the order of {@code mediaIndexes}; an entry is null when not known
     */
    public RtpInfoPosition[] activate(StreamReader reader, int[] mediaIndexes, Instant now) {
        synchronized (lock) {
            RtpInfoPosition[] at = new RtpInfoPosition[mediaIndexes.length];
            for (int i = 0; i < at.length; i++) {
                at[i] = medias.rtpInfo(mediaIndexes[i], now);
            }
            if (!closed && readers.contains(reader)) {
                reader.readerCounters().restart(medias.formats());
                readers.activate(reader);
            }
            return at;
        }
    }

    /** PAUSE, or the reader is leaving. */
    public void setInactive(StreamReader reader) {
        synchronized (lock) {
            readers.deactivate(reader);
        }
    }

    public void removeReader(StreamReader reader) {
        synchronized (lock) {
            readers.remove(reader);
        }
    }

    /**
     * A multicast reader's first SETUP: the first one opens a group for every media of the stream.
     *
     * @throws IOException when a group cannot be opened (a port in use)
     */
    public MulticastWriter joinMulticast(StreamReader reader) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new StreamClosedException();
            }
            return readers.joinMulticast(reader, () -> {
                MulticastWriter w = MulticastWriter.open(host.multicast(), multicastParams, this::multicastRtcp,
                        host.config().writeQueueSize(), host.nextLoop(), keys != null);
                w.readerCounters().restart(medias.formats());
                return w;
            });
        }
    }

    /**
     * RTCP on a group's socket: it keeps alive the multicast readers at that address (a reader's RTCP
     * comes from its address and the group's RTCP port). Runs on the multicast receive thread.
     */
    private void multicastRtcp(InetSocketAddress source, byte[] data, int offset, int length) {
        List<StreamReader> matching;
        synchronized (lock) {
            matching = readers.multicastReadersFrom(source.getAddress());
        }
        for (StreamReader s : matching) {
            s.rtcpAccepted();
        }
    }

    /** What the stream delivered to a recipient's queue, or {@link ReaderTotals#NONE} before it played. */
    public ReaderTotals totals(Recipient recipient) {
        synchronized (lock) {
            ReaderCounters c = recipient.readerCounters();
            return c == null ? ReaderTotals.NONE : c.totals();
        }
    }

    /** The readers that have set up a media of this stream and not left. */
    public List<StreamReader> readers() {
        synchronized (lock) {
            return readers.all();
        }
    }

    // ---- description, SETUP and RTP-Info

    @Override
    public SessionDescription description() {
        return description.original();
    }

    /** The SDP a DESCRIBE returns: the current description with {@code trackID=<index>} controls. */
    public String describeSdp(boolean backChannels, String connectionAddress) {
        return description.sdp(backChannels, connectionAddress, keys);
    }

    @Override
    public void reloadDescription(SessionDescription updated) {
        description.reload(updated);
    }

    @Override
    public void reloadFormat(Media media, Format updated) {
        Objects.requireNonNull(updated, "updated");
        description.reloadFormat(medias.of(media).index(), updated);
    }

    /** The stream's medias and formats, for SETUP and RTP-Info. */
    public StreamMedias medias() {
        return medias;
    }

    /** The media's key for a SETUP's {@code KeyMgmt} answer; null when the stream is not encrypted. */
    public String mikeyBase64(int mediaIndex) {
        return keys == null ? null : keys.mikeyBase64(mediaIndex);
    }

    // ---- stats and lifecycle

    @Override
    public StreamStats stats() {
        synchronized (lock) {
            return counters.snapshot(medias);
        }
    }

    @Override
    public void close() {
        List<StreamReader> toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = readers.clear();
        }
        host.streamClosed(this);
        StreamClosedException reason = new StreamClosedException();
        for (StreamReader s : toClose) {
            s.closeAsync(reason);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "stream closed, " + toClose.size() + " readers ended");
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
