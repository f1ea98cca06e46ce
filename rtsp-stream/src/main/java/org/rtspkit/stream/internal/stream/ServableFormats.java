package org.rtspkit.stream.internal.stream;

import java.util.Optional;
import org.rtspkit.api.Format;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.SessionDescription;

/**
 * Which formats the server carries, checked wherever a description enters it: a publisher's ANNOUNCE,
 * {@code createStream} and {@code reloadDescription}.
 */
public final class ServableFormats {
    private ServableFormats() {
    }

    /**
     * Why the server cannot carry one of the media's formats, or empty when it can. H264's single NAL
     * unit mode (packetization-mode=0) cannot fragment a NAL unit larger than a packet, which any
     * keyframe is, so it is refused as the reference server refuses it.
     */
    public static Optional<String> refusal(Media media) {
        for (Format f : media.formats()) {
            if (f instanceof H264Format h264 && h264.packetizationMode() == 0) {
                return Optional.of("H264 packetization-mode=0 is not supported by the server");
            }
        }
        return Optional.empty();
    }

    /** The first refusal of any of the description's medias, or empty. */
    public static Optional<String> refusal(SessionDescription description) {
        for (Media m : description.medias()) {
            Optional<String> why = refusal(m);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }
}
