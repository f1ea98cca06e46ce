package org.rtspkit.transport.tcp;

import java.util.Set;
import org.rtspkit.api.RtspStatusException;
import org.rtspkit.spi.PortPair;

/** Choosing and checking the channel ids of an interleaved RTP/RTCP pair. */
final class InterleavedIds {
    /** A channel id is one byte of the {@code $} frame header. */
    static final int MAX_ID = 255;

    private InterleavedIds() {
    }

    /**
     * The RTP channel id for one media: the client's {@code interleaved=a-b} when it is a valid pair
     * that the session does not use yet, else, when the client gave none, the lowest even id whose pair
     * is free.
     *
     * @param asked the client's pair, or null
     * @param inUse ids the session's other medias occupy
     * @throws RtspStatusException 400 when the client's pair is not {@code a-(a+1)} within 0..255, overlaps
     *                             ids in use, or when no pair is left
     */
    static int choose(PortPair asked, Set<Integer> inUse) {
        if (asked != null) {
            int first = asked.first();
            // An odd start (5-6) is fine: clients choose it and the reference server accepts it.
            if (asked.second() != first + 1 || first < 0 || asked.second() > MAX_ID) {
                throw RtspStatusException.badRequest("invalid interleaved IDs");
            }
            if (inUse.contains(first) || inUse.contains(first + 1)) {
                throw RtspStatusException.badRequest("interleaved IDs are in use");
            }
            return first;
        }
        // Checking both ids of the candidate also skips a pair another media started at i + 1.
        for (int i = 0; i < MAX_ID; i += 2) {
            if (!inUse.contains(i) && !inUse.contains(i + 1)) {
                return i;
            }
        }
        throw RtspStatusException.badRequest("all interleaved IDs are in use");
    }
}
