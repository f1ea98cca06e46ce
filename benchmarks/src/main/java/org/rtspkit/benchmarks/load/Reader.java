package org.rtspkit.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;

/**
 * One reader's sockets and its accounting from RTP sequence numbers. Everything but the setup
 * fields is touched only by the selector thread that owns the reader, and read by the main thread
 * after that thread has ended.
 */
final class Reader {
    final int index;
    final boolean udp;
    /** The RTSP (or raw sender) connection: for TCP readers it also carries the media. */
    final SocketChannel control;
    /** UDP readers: the RTP and RTCP sockets. */
    final DatagramChannel rtp;
    final DatagramChannel rtcp;
    /** TCP readers: the interleaved channel that carries RTP. */
    final int rtpChannel;
    /** The kernel's drop count on the RTP socket's port when it was opened. */
    final long kernelDropsAtOpen;
    private final int rtpPort;
    /** TCP readers: bytes read that do not yet make a whole frame. */
    ByteBuffer carry;
    /** An OPTIONS request in the reader's session, sent now and then so the server keeps it; null for none. */
    byte[] keepalive;
    long nextKeepalive;

    long received;
    /** Extended sequence number of the highest packet so far, counting the first packet as 0. */
    long maxExtended = -1;
    private int maxSeq;
    long reordered;
    long duplicates;
    /** The highest publisher counter seen in the payload, -1 when none. */
    long maxCounter = -1;
    boolean closedByPeer;
    /** Why the reader stopped reading before the end, when it was not the server closing. */
    String error;
    long foreign;

    // The measurement window: received and expected at its start and end.
    boolean windowStarted;
    boolean windowEnded;
    long receivedAtStart;
    long expectedAtStart;
    long reorderedAtStart;
    long receivedAtEnd;
    long expectedAtEnd;
    long reorderedAtEnd;

    Reader(int index, SocketChannel control, DatagramChannel rtp, DatagramChannel rtcp, int rtpChannel,
           long kernelDropsAtOpen) {
        this.index = index;
        this.udp = rtp != null;
        this.control = control;
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.rtpChannel = rtpChannel;
        this.kernelDropsAtOpen = kernelDropsAtOpen;
        int port = -1;
        if (rtp != null) {
            try {
                port = ((java.net.InetSocketAddress) rtp.getLocalAddress()).getPort();
            } catch (IOException e) {
                // stays -1: no kernel drop count for it
            }
        }
        this.rtpPort = port;
    }

    int rtpPort() {
        return rtpPort;
    }

    long expected() {
        return maxExtended + 1;
    }

    /** Packets missing between the first and the highest received (RFC 3550's cumulative loss). */
    long lostInSequence() {
        return Math.max(0, expected() - received);
    }

    void markWindow(long now, long windowStart, long windowEnd) {
        if (!windowStarted && now >= windowStart) {
            windowStarted = true;
            receivedAtStart = received;
            expectedAtStart = expected();
            reorderedAtStart = reordered;
        }
        if (!windowEnded && now >= windowEnd) {
            windowEnded = true;
            receivedAtEnd = received;
            expectedAtEnd = expected();
            reorderedAtEnd = reordered;
        }
    }

    /** Closes the window at the reader's final state when no packet came after its end. */
    void closeWindow() {
        if (!windowStarted) {
            windowStarted = true;
            receivedAtStart = received;
            expectedAtStart = expected();
            reorderedAtStart = reordered;
        }
        if (!windowEnded) {
            windowEnded = true;
            receivedAtEnd = received;
            expectedAtEnd = expected();
            reorderedAtEnd = reordered;
        }
    }

    long deliveredInWindow() {
        return receivedAtEnd - receivedAtStart;
    }

    long lostInWindow() {
        return Math.max(0, (expectedAtEnd - expectedAtStart) - (receivedAtEnd - receivedAtStart));
    }

    long reorderedInWindow() {
        return reorderedAtEnd - reorderedAtStart;
    }

    /**
     * Accounts one RTP packet at {@code off} of {@code b}; records its latency when it is the
     * publisher's and {@code latencies} is not null.
     */
    void onRtp(ByteBuffer b, int off, int len, long now, LatencyHistogram latencies) {
        int payload = SyntheticPacket.payloadOffset(b, off, len);
        if (payload < 0) {
            foreign++;
            return;
        }
        int seq = b.getShort(off + 2) & 0xffff;
        received++;
        if (maxExtended < 0) {
            maxExtended = 0;
            maxSeq = seq;
        } else {
            int delta = (short) (seq - maxSeq);
            if (delta > 0) {
                maxExtended += delta;
                maxSeq = seq;
            } else if (delta == 0) {
                duplicates++;
                received--;
            } else {
                reordered++;
            }
        }
        if (SyntheticPacket.stamped(b, payload, off + len)) {
            maxCounter = Math.max(maxCounter, SyntheticPacket.counter(b, payload));
            if (latencies != null) {
                latencies.recordNanos(now - SyntheticPacket.nanoTime(b, payload));
            }
        }
    }

    void close() {
        for (java.io.Closeable c : new java.io.Closeable[] {control, rtp, rtcp}) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing at the end of the run
                }
            }
        }
    }
}
