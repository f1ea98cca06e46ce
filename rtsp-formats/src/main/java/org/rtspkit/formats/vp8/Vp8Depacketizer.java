package org.rtspkit.formats.vp8;

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
 * VP8 depacketizer (RFC 7741): skips each packet's payload descriptor (with its optional PictureID,
 * TL0PICIDX, TID and KEYIDX fields) and joins the frame from its first packet (S = 1, partition index 0)
 * to its marker bit. A frame is random-access when it is a key frame (the frame tag's P bit is 0).
 * Malformed: a descriptor longer than its packet, a frame shorter than its tag.
 */
public final class Vp8Depacketizer implements Depacketizer {
    private final Format format;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final FrameAssembler frames;

    /**
     * A depacketizer with the default settings.
     *
     * @param format a {@code VP8/90000} format
     */
    public Vp8Depacketizer(Format format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format a {@code VP8/90000} format
     * @param settings the largest frame, and whether to wait for key frames
     */
    public Vp8Depacketizer(Format format, DepacketizerSettings settings) {
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
        boolean start = (b[offset] & 0x10) != 0 && (b[offset] & 0x07) == 0;
        int data = offset + descriptor;
        if (start) {
            if (length - descriptor < 3) {
                frames.malformed();
                return;
            }
            frames.begin((b[data] & 0x01) == 0);
        } else if (!frames.open()) {
            frames.orphan();
            return;
        }
        frames.append(b, data, length - descriptor);
        if (receiver.marker()) {
            frames.finish(sink);
        }
    }

    /** Bytes of the payload descriptor (RFC 7741 §4.2), or -1 when it runs past the packet. */
    private static int descriptorSize(byte[] b, int offset, int length) {
        if (length < 1) {
            return -1;
        }
        int size = 1;
        if ((b[offset] & 0x80) != 0) {
            if (length < 2) {
                return -1;
            }
            int x = b[offset + 1];
            size = 2;
            if ((x & 0x80) != 0) {
                if (length < size + 1) {
                    return -1;
                }
                size += (b[offset + size] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) {
                size++;
            }
            if ((x & 0x30) != 0) {
                size++;
            }
        }
        return size <= length ? size : -1;
    }
}
