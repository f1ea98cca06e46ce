package org.rtspkit.stream.internal.stream;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.rtspkit.api.Media;
import org.rtspkit.api.RtspkitException;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.stream.internal.rtp.RtpInfoPosition;
import org.rtspkit.stream.internal.rtp.SsrcGenerator;

/**
 * The medias and formats of a stream, each format with the SSRC the stream sends it with, found by the
 * {@link Media} objects the application holds (identity first, then equality). Fixed for the stream's
 * lifetime.
 */
public final class StreamMedias {
    private final StreamMedia[] medias;
    private final StreamFormat[] formats;

    StreamMedias(SessionDescription description, SecureRandom random, InstantSource clock) {
        List<StreamFormat> all = new ArrayList<>();
        int formatCount = description.medias().stream().mapToInt(m -> m.formats().size()).sum();
        long[] ssrcs = SsrcGenerator.generate(formatCount, random);
        this.medias = new StreamMedia[description.medias().size()];
        for (int i = 0; i < medias.length; i++) {
            Media media = description.medias().get(i);
            if (media.formats().isEmpty()) {
                throw new IllegalArgumentException("media " + i + " has no formats");
            }
            ServableFormats.refusal(media).ifPresent(why -> {
                throw new RtspkitException(why);
            });
            StreamFormat[] fs = new StreamFormat[media.formats().size()];
            for (int j = 0; j < fs.length; j++) {
                fs[j] = new StreamFormat(all.size(), i, media.formats().get(j), ssrcs[all.size()], clock);
                all.add(fs[j]);
            }
            medias[i] = new StreamMedia(i, media, fs);
        }
        this.formats = all.toArray(StreamFormat[]::new);
    }

    /** The media of one of the application's {@link Media} objects. */
    StreamMedia of(Media media) {
        for (StreamMedia ms : medias) {
            if (ms.media() == media) {
                return ms;
            }
        }
        for (StreamMedia ms : medias) {
            if (ms.media().equals(media)) {
                return ms;
            }
        }
        throw new IllegalArgumentException("the media is not one of this stream's description");
    }

    StreamMedia get(int index) {
        return medias[index];
    }

    StreamMedia[] all() {
        return medias;
    }

    /** Every format of every media, indexed by {@code StreamFormat.index()}. */
    StreamFormat[] formats() {
        return formats;
    }

    public int count() {
        return medias.length;
    }

    public Media media(int index) {
        return medias[index].media();
    }

    /** The stream's media index of one of its medias. */
    public int indexOf(Media media) {
        return of(media).index();
    }

    public Set<Integer> payloadTypes(int mediaIndex) {
        return Arrays.stream(medias[mediaIndex].formats()).map(f -> f.format().payloadType())
                .collect(Collectors.toSet());
    }

    /** Whether one of the formats uses the SSRC (so a report block is about our packets). */
    public boolean ownsSsrc(long ssrc) {
        for (StreamFormat f : formats) {
            if (f.ssrc() == ssrc) {
                return true;
            }
        }
        return false;
    }

    /** The SSRC to advertise in a SETUP reply: only for a media with exactly one format. */
    public Long singleSsrc(int mediaIndex) {
        return medias[mediaIndex].singleSsrc();
    }

    /** Where a reader starting now picks up a media, for RTP-Info; null when it is not known. */
    public RtpInfoPosition rtpInfo(int mediaIndex, Instant now) {
        return medias[mediaIndex].rtpInfo(now);
    }

    /** The SSRCs of each media's formats, for its SRTP key. */
    long[][] ssrcsPerMedia() {
        long[][] out = new long[medias.length][];
        for (StreamMedia ms : medias) {
            out[ms.index()] = Arrays.stream(ms.formats()).mapToLong(StreamFormat::ssrc).toArray();
        }
        return out;
    }
}
