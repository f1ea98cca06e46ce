package org.rtspkit.api;

import java.util.List;

/**
 * A session description (SDP, RFC 8866) reduced to what an RTSP server needs: a title and medias.
 * The engine reads it from a publisher's ANNOUNCE and writes it for a reader's DESCRIBE.
 *
 * @param title  the {@code s=} line; empty when there is none (never null)
 * @param medias the {@code m=} sections in order
 */
public record SessionDescription(String title, List<Media> medias) {
    /**
     * Copies the media list; a null title becomes an empty one.
     *
     * @param title the {@code s=} line; empty when there is none (never null)
     * @param medias the {@code m=} sections in order
     */
    public SessionDescription {
        title = title == null ? "" : title;
        medias = List.copyOf(medias);
    }
}
