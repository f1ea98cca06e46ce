package org.rtspkit.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One media of a session description ({@code m=} section).
 *
 * @param type       the media type
 * @param id         the {@code a=mid} value, or null
 * @param backChannel true for an ONVIF back channel ({@code a=sendonly} as seen from the server)
 * @param control    the {@code a=control} value, or null
 * @param formats    the formats, in {@code m=} line order; never empty, payload types distinct
 */
public record Media(MediaType type, String id, boolean backChannel, String control, List<Format> formats) {
    /**
     * Checks that there is at least one format and no payload type twice, and copies the list.
     *
     * @param type the media type
     * @param id the {@code a=mid} value, or null
     * @param backChannel true for an ONVIF back channel ({@code a=sendonly} as seen from the server)
     * @param control the {@code a=control} value, or null
     * @param formats the formats, in {@code m=} line order; never empty, payload types distinct
     */
    public Media {
        Objects.requireNonNull(type, "type");
        formats = List.copyOf(formats);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("a media needs at least one format");
        }
        Set<Integer> seen = new HashSet<>();
        for (Format f : formats) {
            if (!seen.add(f.payloadType())) {
                throw new IllegalArgumentException("payload type " + f.payloadType() + " appears twice in one media");
            }
        }
    }

    /**
     * A media with no mid, not a back channel.
     *
     * @param type the media type
     * @param control the {@code a=control} attribute, or null
     * @param formats the formats, in {@code m=} line order; at least one
     * @return the media
     */
    public static Media of(MediaType type, String control, Format... formats) {
        return new Media(type, null, false, control, List.of(formats));
    }

    /**
     * The format with the given payload type, or null.
     *
     * @param payloadType an RTP payload type
     * @return the format, or null when this media has none with that payload type
     */
    public Format format(int payloadType) {
        for (Format f : formats) {
            if (f.payloadType() == payloadType) {
                return f;
            }
        }
        return null;
    }

    /**
     * A copy with another control attribute.
     *
     * @param newControl the new {@code a=control} attribute, or null
     * @return a new media
     */
    public Media withControl(String newControl) {
        return new Media(type, id, backChannel, newControl, formats);
    }

    /**
     * A copy with other formats (new parameter sets, for example); same type, mid, direction and control.
     *
     * @param newFormats the new formats, in {@code m=} line order; at least one
     * @return a new media
     */
    public Media withFormats(List<Format> newFormats) {
        return new Media(type, id, backChannel, control, newFormats);
    }
}
