package org.rtspkit.formats.vp9;

import java.util.function.Consumer;
import org.rtspkit.api.Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.internal.DepacketizerCounters;
import org.rtspkit.formats.internal.FrameAssembler;
import org.rtspkit.formats.internal.RtpReceiver;

/**
 * VP9 depacketizer (RFC 9628): skips each packet's payload descriptor (picture ID, layer indices,
 * reference indices, scalability structure) and joins a picture from its first packet (B) to the
 * marker bit; the frames of several spatial layers of one picture (one timestamp) are joined one after
 * the other. A picture is random-access when its first frame is a key frame. Malformed: a descriptor
 * longer than its packet.
 */
public final class Vp9Depacketizer implements Depacketizer {
    private final Format format;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final FrameAssembler frames;

    /**
     * A depacketizer with the default settings.
     *
     * @param format a {@code VP9/90000} format
     */
    public Vp9Depacketizer(Format format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format a {@code VP9/90000} format
     * @param settings the largest picture, and whether to wait for key frames
     */
    public Vp9Depacketizer(Format format, DepacketizerSettings settings) {
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.frames = new FrameAssembler(receiver, counters, settings.maxAccessUnitSize(), settings.waitForRandomAccess());
    }

    @Override
    public Format format() {
        return format;
    }

    @Override
    public void push(byte[] packet, int offset, int length, Consumer<AccessUnit> sink) {
        if (receiver.accept(packet, offset, length)) {
            payload(packet, receiver.payloadOffset(), receiver.payloadLength(), sink);
        }
    }

    @Override
    public void push(RtpPacket packet, Consumer<AccessUnit> sink) {
        if (receiver.accept(packet)) {
            payload(packet.payload(), 0, packet.payload().length, sink);
        }
    }

    @Override
    public DepacketizerStats stats() {
        return counters.snapshot();
    }

    private void payload(byte[] b, int offset, int length, Consumer<AccessUnit> sink) {
        frames.packet();
        int descriptor = descriptorSize(b, offset, length);
        if (descriptor < 0 || descriptor >= length) {
            frames.malformed();
            return;
        }
        boolean beginning = (b[offset] & 0x08) != 0;
        int data = offset + descriptor;
        if (beginning && !frames.open()) {
            frames.begin(Vp9Frames.isKeyFrame(b, data, length - descriptor));
        } else if (!frames.open()) {
            frames.orphan();
            return;
        }
        frames.append(b, data, length - descriptor);
        if (receiver.marker()) {
            frames.finish(sink);
        }
    }

    /** Bytes of the payload descriptor (RFC 9628 §4.2), or -1 when it runs past the packet. */
    static int descriptorSize(byte[] b, int offset, int length) {
        if (length < 1) {
            return -1;
        }
        int first = b[offset] & 0xFF;
        boolean pictureId = (first & 0x80) != 0;
        boolean predicted = (first & 0x40) != 0;
        boolean layers = (first & 0x20) != 0;
        boolean flexible = (first & 0x10) != 0;
        boolean structure = (first & 0x02) != 0;
        int at = 1;
        if (pictureId) {
            if (at >= length) {
                return -1;
            }
            at += (b[offset + at] & 0x80) != 0 ? 2 : 1;
        }
        if (layers) {
            at += flexible ? 1 : 2;
        }
        if (flexible && predicted) {
            for (int k = 0; k < 3; k++) {
                if (at >= length) {
                    return -1;
                }
                boolean more = (b[offset + at] & 0x01) != 0;
                at++;
                if (!more) {
                    break;
                }
            }
        }
        if (structure) {
            if (at >= length) {
                return -1;
            }
            int ss = b[offset + at] & 0xFF;
            at++;
            int spatialLayers = (ss >>> 5) + 1;
            if ((ss & 0x10) != 0) {
                at += 4 * spatialLayers;
            }
            if ((ss & 0x08) != 0) {
                if (at >= length) {
                    return -1;
                }
                int groups = b[offset + at] & 0xFF;
                at++;
                for (int g = 0; g < groups; g++) {
                    if (at >= length) {
                        return -1;
                    }
                    at += 1 + ((b[offset + at] >>> 2) & 0x03);
                }
            }
        }
        return at <= length ? at : -1;
    }
}
