package org.rtspkit.client;

import java.util.List;

/**
 * Counters of a client session.
 *
 * @param medias one entry per set-up media, in SETUP order
 */
public record ClientStats(List<MediaStats> medias) {
    /**
     * Copies the list.
     *
     * @param medias one entry per set-up media, in SETUP order
     */
    public ClientStats {
        medias = List.copyOf(medias);
    }

    /**
     * RTP packets received over all medias.
     *
     * @return the sum
     */
    public long rtpPacketsReceived() {
        return medias.stream().mapToLong(MediaStats::rtpPacketsReceived).sum();
    }

    /**
     * RTP packets lost over all medias.
     *
     * @return the sum
     */
    public long rtpPacketsLost() {
        return medias.stream().mapToLong(MediaStats::rtpPacketsLost).sum();
    }
}
