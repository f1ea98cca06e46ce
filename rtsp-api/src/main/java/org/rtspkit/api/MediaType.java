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

    /** The type an {@code m=} line names (case-insensitive), or null for one we do not know. */
    static MediaType fromSdpName(String token) {
        for (MediaType t : values()) {
            if (t.sdpName().equalsIgnoreCase(token)) {
                return t;
            }
        }
        return null;
    }
}
