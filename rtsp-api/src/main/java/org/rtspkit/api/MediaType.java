package org.rtspkit.api;

/** The media type of an SDP {@code m=} line. */
public enum MediaType {
    AUDIO, VIDEO, TEXT, APPLICATION, MESSAGE;

    /** The token written in SDP ({@code video}). */
    public String sdpName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
