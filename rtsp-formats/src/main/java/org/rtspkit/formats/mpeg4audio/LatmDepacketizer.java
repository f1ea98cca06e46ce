package org.rtspkit.formats.mpeg4audio;

import java.util.Arrays;
import java.util.function.Consumer;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.internal.DepacketizerCounters;
import org.rtspkit.formats.internal.RtpReceiver;
import org.rtspkit.formats.internal.UnitBuffer;

/**
 * AAC depacketizer for {@code MP4A-LATM} (RFC 6416 with {@code cpresent=0}): gathers the packets of an
 * AudioMuxElement (up to the marker bit), then emits each of its payloads as an access unit (a raw AAC
 * frame), the n-th one n frame durations after the packet's timestamp.
 *
 * <p>Dropped and counted as malformed: an element whose length fields overrun it or do not account for
 * all of it. After a loss, an element is only kept when it was whole in one packet and parses exactly.
 */
public final class LatmDepacketizer implements Depacketizer {
    private final GenericFormat format;
    private final LatmConfig config;
    private final long frameDuration;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final UnitBuffer element;
    private final int maxUnitSize;
    private final int[] starts;
    private final int[] lengths;

    private boolean open;
    private boolean afterGap;
    private int packetsInElement;
    private long elementTimestamp;

    /**
     * A depacketizer with the default settings.
     *
     * @param format an {@code MP4A-LATM} format with {@code cpresent=0}
     * @throws IllegalArgumentException when the format is not LATM or its configuration is not supported
     */
    public LatmDepacketizer(GenericFormat format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format an {@code MP4A-LATM} format with {@code cpresent=0}
     * @param settings the largest access unit (and element) assembled
     * @throws IllegalArgumentException when the format is not LATM or its configuration is not supported
     */
    public LatmDepacketizer(GenericFormat format, DepacketizerSettings settings) {
        if (format.clockRate() <= 0) {
            throw new IllegalArgumentException("MP4A-LATM format without a clock rate: " + format);
        }
        this.format = format;
        this.config = LatmConfig.fromFormat(format);
        this.frameDuration = config.audioConfig().frameDuration(format.clockRate());
        this.receiver = new RtpReceiver(format, counters);
        this.maxUnitSize = settings.maxAccessUnitSize();
        this.element = new UnitBuffer(settings.maxAccessUnitSize());
        this.starts = new int[config.numSubFrames() + 1];
        this.lengths = new int[config.numSubFrames() + 1];
    }

    @Override
    public GenericFormat format() {
        return format;
    }

    /**
     * The configuration from the format.
     *
     * @return the StreamMuxConfig
     */
    public LatmConfig config() {
        return config;
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
        long ts = receiver.timestamp();
        boolean gap = receiver.gap();
        if (open && (gap || ts != elementTimestamp)) {
            if (!gap) {
                counters.packetsMalformed++;
            }
            counters.unitsBroken++;
            clear();
        }
        if (!open) {
            open = true;
            afterGap = gap;
            elementTimestamp = ts;
        }
        packetsInElement++;
        element.append(b, offset, length);
        if (receiver.marker()) {
            finish(sink);
        }
    }

    private void finish(Consumer<AccessUnit> sink) {
        if (element.oversized()) {
            counters.unitsOversized++;
        } else if (afterGap && packetsInElement > 1) {
            counters.unitsBroken++;
        } else if (!parse(element.array(), element.size())) {
            if (!afterGap) {
                counters.packetsMalformed++;
            }
            counters.unitsBroken++;
        } else {
            byte[] bytes = element.array();
            for (int i = 0; i <= config.numSubFrames(); i++) {
                if (lengths[i] > maxUnitSize) {
                    counters.unitsOversized++;
                    continue;
                }
                long ts = (elementTimestamp + i * frameDuration) & 0xFFFF_FFFFL;
                counters.accessUnits++;
                sink.accept(new AccessUnit(ts, receiver.presentationTime(ts), true,
                        Arrays.copyOfRange(bytes, starts[i], starts[i] + lengths[i])));
            }
        }
        clear();
    }

    private void clear() {
        open = false;
        packetsInElement = 0;
        element.clear();
    }

    /**
     * Finds the payloads of an AudioMuxElement with muxConfigPresent 0: for each sub-frame a
     * PayloadLengthInfo (bytes of 255 summed up to one that is less) and the payload, then other data.
     */
    private boolean parse(byte[] b, int size) {
        int i = 0;
        for (int k = 0; k <= config.numSubFrames(); k++) {
            int length = 0;
            int v;
            do {
                if (i >= size) {
                    return false;
                }
                v = b[i++] & 0xFF;
                length += v;
            } while (v == 255 && length < size);
            if (length == 0 || length > size - i) {
                return false;
            }
            starts[k] = i;
            lengths[k] = length;
            i += length;
        }
        return (size - i) * 8L >= config.otherDataBits() && (size - i) * 8L - config.otherDataBits() < 8;
    }
}
