package org.rtspkit.api;

import java.util.List;

/**
 * One media of a session description ({@code m=} section).
 *
 * @param type       the media type
 * @param id         the {@code a=mid} value, or null
 * @param backChannel true for an ONVIF back channel ({@code a=sendonly} as seen from the server)
 * @param control    the {@code a=control} value, or null
 * @param formats    the formats, in {@code m=} line order; never empty
 */
public record Media(MediaType type, String id, boolean backChannel, String control, List<Format> formats) {
    // STUB: the SDP work fills this in (validation, helpers).
    public Media {
        formats = List.copyOf(formats);
    }

    /** The format with the given payload type, or null. */
    public Format format(int payloadType) {
        for (Format f : formats) {
            if (f.payloadType() == payloadType) {
                return f;
            }
        }
        return null;
    }

    /** A copy with another control attribute. */
    public Media withControl(String newControl) {
        return new Media(type, id, backChannel, newControl, formats);
    }
}
