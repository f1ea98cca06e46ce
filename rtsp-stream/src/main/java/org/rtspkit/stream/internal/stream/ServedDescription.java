package org.rtspkit.stream.internal.stream;

import java.util.ArrayList;
import java.util.List;
import org.rtspkit.api.Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.protocol.sdp.SdpWriter;

/**
 * The description a stream serves to DESCRIBE: the application's, replaced by
 * {@link org.rtspkit.api.ServerStream#reloadDescription} (same medias and payload types, formats the
 * server carries: {@link ServableFormats}), written with
 * {@code trackID=<index>} controls and, for RTSPS, each media's key.
 */
final class ServedDescription {
    private final SessionDescription original;
    private volatile SessionDescription current;

    ServedDescription(SessionDescription original) {
        this.original = original;
        this.current = original;
    }

    /** What the stream was created with. */
    SessionDescription original() {
        return original;
    }

    /** Replaces the format with {@code updated}'s payload type in media {@code index}, atomically. */
    synchronized void reloadFormat(int index, Format updated) {
        SessionDescription d = current;
        List<Media> medias = new ArrayList<>(d.medias());
        Media media = medias.get(index);
        List<Format> formats = new ArrayList<>(media.formats());
        boolean found = false;
        for (int i = 0; i < formats.size(); i++) {
            if (formats.get(i).payloadType() == updated.payloadType()) {
                formats.set(i, updated);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("payload type " + updated.payloadType() + " is not a format of media "
                    + index);
        }
        medias.set(index, media.withFormats(formats));
        reload(new SessionDescription(d.title(), medias));
    }

    synchronized void reload(SessionDescription updated) {
        List<Media> now = original.medias();
        if (updated.medias().size() != now.size()) {
            throw new IllegalArgumentException("the updated description has " + updated.medias().size()
                    + " medias, the stream has " + now.size());
        }
        for (int i = 0; i < now.size(); i++) {
            List<Integer> a = now.get(i).formats().stream().map(Format::payloadType).toList();
            List<Integer> b = updated.medias().get(i).formats().stream().map(Format::payloadType).toList();
            if (!a.equals(b)) {
                throw new IllegalArgumentException("media " + i + " of the updated description has payload types "
                        + b + ", the stream has " + a);
            }
        }
        ServableFormats.refusal(updated).ifPresent(why -> {
            throw new RtspkitException(why);
        });
        current = updated;
    }

    /**
     * The SDP for DESCRIBE.
     *
     * @param backChannels      whether the client declared support for back channels
     * @param connectionAddress the {@code c=} address
     * @param keys              the stream's keys, or null when it is not encrypted
     */
    String sdp(boolean backChannels, String connectionAddress, StreamKeys keys) {
        SessionDescription d = current;
        List<Media> withControls = new ArrayList<>(d.medias().size());
        List<String> mikeys = new ArrayList<>(d.medias().size());
        for (int i = 0; i < d.medias().size(); i++) {
            Media m = d.medias().get(i);
            // Back channels are offered only to clients that declare support for them.
            if (!m.backChannel() || backChannels) {
                withControls.add(m.withControl("trackID=" + i));
                mikeys.add(keys == null ? null : keys.mikeyBase64(i));
            }
        }
        SessionDescription served = new SessionDescription(d.title(), withControls);
        return SdpWriter.write(served, keys != null, connectionAddress, mikeys);
    }
}
