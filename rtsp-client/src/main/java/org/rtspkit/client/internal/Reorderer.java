package org.rtspkit.client.internal;

import java.util.ArrayList;
import java.util.List;
import org.rtspkit.api.RtpPacket;

/**
 * Puts the RTP packets of one SSRC back in sequence order, as they come over UDP: a packet ahead of
 * the next expected one waits in a window of a fixed number of slots; when a packet lands past the
 * window, what the window holds is released in order and the sequence numbers never received are
 * counted as lost. Duplicates and packets older than the next expected one are dropped; a run of more
 * such packets than the window holds means the sender restarted, and the order starts again from there.
 * Not thread-safe.
 */
final class Reorderer {
    private final RtpPacket[] window;
    private boolean started;
    private int expected;
    private int head;
    private int buffered;
    private int behind;
    private long lost;
    private long dropped;

    Reorderer(int size) {
        window = new RtpPacket[size];
    }

    /**
     * Takes a packet and returns those that can be delivered now, in order.
     *
     * @param packet the packet received
     * @return the packets to deliver, possibly none
     */
    List<RtpPacket> process(RtpPacket packet) {
        int seq = packet.sequenceNumber();
        if (!started) {
            started = true;
            expected = (seq + 1) & 0xFFFF;
            return List.of(packet);
        }
        int rel = (short) (seq - expected);
        if (rel < 0) {
            if (++behind > window.length) {
                List<RtpPacket> out = drain();
                expected = (seq + 1) & 0xFFFF;
                behind = 0;
                out.add(packet);
                return out;
            }
            dropped++;
            return List.of();
        }
        behind = 0;
        if (rel >= window.length) {
            List<RtpPacket> out = drain();
            lost += rel - out.size();
            out.add(packet);
            expected = (seq + 1) & 0xFFFF;
            return out;
        }
        if (rel > 0) {
            int slot = (head + rel) % window.length;
            if (window[slot] == null) {
                window[slot] = packet;
                buffered++;
            } else {
                dropped++;
            }
            return List.of();
        }
        List<RtpPacket> out = new ArrayList<>(1 + buffered);
        out.add(packet);
        advance();
        while (window[head] != null) {
            out.add(window[head]);
            window[head] = null;
            buffered--;
            advance();
        }
        return out;
    }

    /** Forgets the order: the next packet starts a new one. */
    void reset() {
        java.util.Arrays.fill(window, null);
        started = false;
        head = 0;
        buffered = 0;
        behind = 0;
        lost = 0;
    }

    /** Packets counted lost so far; reading resets the count. */
    long takeLost() {
        long l = lost;
        lost = 0;
        return l;
    }

    /** Duplicates and packets that came too late, so far. */
    long dropped() {
        return dropped;
    }

    private void advance() {
        head = (head + 1) % window.length;
        expected = (expected + 1) & 0xFFFF;
    }

    /** Everything the window holds, in order, and an empty window starting at 0. */
    private List<RtpPacket> drain() {
        List<RtpPacket> out = new ArrayList<>(buffered + 1);
        for (int i = 0; i < window.length && buffered > 0; i++) {
            int slot = (head + i) % window.length;
            if (window[slot] != null) {
                out.add(window[slot]);
                window[slot] = null;
                buffered--;
            }
        }
        head = 0;
        return out;
    }
}
