package org.rtspkit.api;

import java.util.Locale;

/** The media type of an SDP {@code m=} line. */
public enum MediaType {
    /** {@code m=audio}. */
    AUDIO,
    /** {@code m=video}. */
    VIDEO,
    /** {@code m=text}: timed text. */
    TEXT,
    /** {@code m=application}: metadata and other data streams (ONVIF metadata, for example). */
    APPLICATION,
    /** {@code m=message}. */
    MESSAGE;

    /**
     * The token written in SDP ({@code video}).
     *
     * @return the lower-case name of the constant
     */
    public String sdpName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type an SDP {@code m=} line names.
     *
     * @param token the media field of the {@code m=} line, in any case
     * @return the type, or null for one rtspkit does not know
     */
    public static MediaType fromSdpName(String token) {
        for (MediaType t : values()) {
            if (t.sdpName().equalsIgnoreCase(token)) {
                return t;
            }
        }
        return null;
    }
}
