package org.rtspkit.formats.mpeg4audio;

import java.util.Arrays;
import java.util.function.Consumer;
import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.internal.BitReader;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.DepacketizerCounters;
import org.rtspkit.formats.internal.RtpReceiver;
import org.rtspkit.formats.internal.UnitBuffer;

/**
 * AAC depacketizer for {@code MPEG4-GENERIC} (RFC 3640): reads the AU header section as the format
 * describes it (size, index and index delta, and the CTS, DTS, RAP and stream-state fields when
 * signalled), skips the auxiliary section, and emits every access unit (raw AAC frame) of the packet,
 * each with its own timestamp: the packet's, plus its index times the frame duration the
 * configuration gives (1024 samples without one). Fragmented frames are reassembled.
 *
 * <p>Dropped and counted as malformed: an AU header section or AU sizes that overrun the packet, and
 * fragments that do not add up to the size their header announces.
 */
public final class Mpeg4AudioDepacketizer implements Depacketizer {
    private final Mpeg4AudioFormat format;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final UnitBuffer fragments;
    private final int maxUnitSize;
    private final long frameDuration;
    private final int sizeLength;
    private final int indexLength;
    private final int indexDeltaLength;
    private final int ctsDeltaLength;
    private final int dtsDeltaLength;
    private final int rapLength;
    private final int streamStateLength;
    private final int auxiliarySizeLength;

    private int[] sizes = new int[8];
    private int[] indexes = new int[8];

    private boolean assembling;
    private boolean assemblingAfterGap;
    private long fragmentTimestamp;
    private int fragmentSize;
    private boolean discarding;
    private long discardTimestamp;

    /**
     * A depacketizer with the default settings.
     *
     * @param format the format of the packets
     * @throws IllegalArgumentException when the format has no {@code sizelength}
     */
    public Mpeg4AudioDepacketizer(Mpeg4AudioFormat format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format the format of the packets
     * @param settings the largest access unit
     * @throws IllegalArgumentException when the format has no {@code sizelength}
     */
    public Mpeg4AudioDepacketizer(Mpeg4AudioFormat format, DepacketizerSettings settings) {
        if (format.sizeLength() == 0) {
            throw new IllegalArgumentException("MPEG4-GENERIC without sizelength (constant-size units) is not supported");
        }
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.maxUnitSize = settings.maxAccessUnitSize();
        this.fragments = new UnitBuffer(maxUnitSize);
        this.frameDuration = Mpeg4AudioFields.frameDuration(format);
        this.sizeLength = format.sizeLength();
        this.indexLength = format.indexLength();
        this.indexDeltaLength = format.indexDeltaLength();
        this.ctsDeltaLength = Mpeg4AudioFields.parameter(format.parameters(), "ctsdeltalength");
        this.dtsDeltaLength = Mpeg4AudioFields.parameter(format.parameters(), "dtsdeltalength");
        this.rapLength = Mpeg4AudioFields.parameter(format.parameters(), "randomaccessindication") == 1 ? 1 : 0;
        this.streamStateLength = Mpeg4AudioFields.parameter(format.parameters(), "streamstateindication");
        this.auxiliarySizeLength = Mpeg4AudioFields.parameter(format.parameters(), "auxiliarydatasizelength");
        if (ctsDeltaLength < 0 || ctsDeltaLength > 32 || dtsDeltaLength < 0 || dtsDeltaLength > 32
                || streamStateLength < 0 || streamStateLength > 32 || auxiliarySizeLength < 0 || auxiliarySizeLength > 32) {
            throw new IllegalArgumentException("MPEG4-GENERIC field lengths must be 0..32: " + format.parameters());
        }
    }

    @Override
    public Mpeg4AudioFormat format() {
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
        long ts = receiver.timestamp();
        boolean gap = receiver.gap();
        if (discarding && ts == discardTimestamp && !gap) {
            // The rest of a unit already dropped.
            discarding = !receiver.marker();
            return;
        }
        discarding = false;
        if (assembling && (gap || ts != fragmentTimestamp)) {
            // The rest of the fragmented unit was lost, or never sent.
            boolean sameUnit = gap && ts == fragmentTimestamp;
            dropFragments(!gap && !assemblingAfterGap);
            if (sameUnit) {
                discarding = !receiver.marker();
                discardTimestamp = ts;
                return;
            }
        }
        int count = headers(b, offset, length);
        if (count < 0) {
            counters.packetsMalformed++;
            if (assembling) {
                dropFragments(false);
            }
            return;
        }
        int data = offset + 2 + (headerBits(b, offset) + 7) / 8;
        int end = offset + length;
        if (auxiliarySizeLength > 0) {
            BitReader r = new BitReader(b, data, end - data);
            if (r.remaining() < auxiliarySizeLength) {
                counters.packetsMalformed++;
                return;
            }
            long auxiliaryBits = auxiliarySizeLength + r.readBits(auxiliarySizeLength);
            if ((auxiliaryBits + 7) / 8 > end - data) {
                counters.packetsMalformed++;
                return;
            }
            data += (int) ((auxiliaryBits + 7) / 8);
        }
        int available = end - data;
        if (assembling || (count == 1 && sizes[0] > available)) {
            fragment(b, data, available, count, ts, gap, sink);
            return;
        }
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += sizes[i];
        }
        if (total > available) {
            counters.packetsMalformed++;
            return;
        }
        for (int i = 0; i < count; i++) {
            if (sizes[i] > maxUnitSize) {
                counters.unitsOversized++;
            } else {
                emit(ts, indexes[i] - indexes[0], Arrays.copyOfRange(b, data, data + sizes[i]), sink);
            }
            data += sizes[i];
        }
    }

    private void fragment(byte[] b, int data, int available, int count, long ts, boolean gap, Consumer<AccessUnit> sink) {
        if (count != 1 || (assembling && sizes[0] != fragmentSize)) {
            counters.packetsMalformed++;
            dropFragments(false);
            return;
        }
        if (!assembling) {
            assembling = true;
            assemblingAfterGap = gap;
            fragmentTimestamp = ts;
            fragmentSize = sizes[0];
            fragments.clear();
        }
        if (available > fragmentSize - fragments.size()) {
            counters.packetsMalformed++;
            dropFragments(false);
            return;
        }
        fragments.append(b, data, available);
        if (receiver.marker() || fragments.size() == fragmentSize) {
            if (fragments.oversized()) {
                counters.unitsOversized++;
                assembling = false;
                fragments.clear();
            } else if (fragments.size() != fragmentSize) {
                dropFragments(!assemblingAfterGap);
            } else {
                assembling = false;
                emit(ts, 0, fragments.take(), sink);
            }
        }
    }

    private void dropFragments(boolean malformed) {
        if (malformed) {
            counters.packetsMalformed++;
        }
        counters.unitsBroken++;
        assembling = false;
        fragments.clear();
    }

    private void emit(long ts, int index, byte[] unit, Consumer<AccessUnit> sink) {
        long unitTs = (ts + index * frameDuration) & 0xFFFF_FFFFL;
        counters.accessUnits++;
        sink.accept(new AccessUnit(unitTs, receiver.presentationTime(unitTs), true, unit));
    }

    private static int headerBits(byte[] b, int offset) {
        return Bytes.u16(b, offset);
    }

    /** Reads the AU headers into {@code sizes} and {@code indexes}; their count, or -1 when malformed. */
    private int headers(byte[] b, int offset, int length) {
        if (length < 2) {
            return -1;
        }
        int bits = headerBits(b, offset);
        if (2 + (bits + 7) / 8 > length) {
            return -1;
        }
        BitReader r = new BitReader(b, offset + 2, (bits + 7) / 8);
        long end = r.position() + bits;
        int count = 0;
        int index = 0;
        while (r.position() < end) {
            int indexBits = count == 0 ? indexLength : indexDeltaLength;
            if (end - r.position() < sizeLength + indexBits) {
                return -1;
            }
            long size = r.readBits(sizeLength);
            long indexField = r.readBits(indexBits);
            index = count == 0 ? (int) indexField : (int) Math.min(Integer.MAX_VALUE, index + indexField + 1L);
            if (!skipOptional(r, end, ctsDeltaLength) || !skipOptional(r, end, dtsDeltaLength)
                    || end - r.position() < rapLength + streamStateLength) {
                return -1;
            }
            r.skip(rapLength + streamStateLength);
            if (size > Integer.MAX_VALUE || size == 0) {
                return -1;
            }
            if (count == sizes.length) {
                sizes = Arrays.copyOf(sizes, count * 2);
                indexes = Arrays.copyOf(indexes, count * 2);
            }
            sizes[count] = (int) size;
            indexes[count] = index;
            count++;
        }
        return count == 0 ? -1 : count;
    }

    /** Skips a flag and, when it is set, a delta of {@code length} bits; false when they overrun. */
    private static boolean skipOptional(BitReader r, long end, int length) {
        if (length == 0) {
            return true;
        }
        if (end - r.position() < 1) {
            return false;
        }
        boolean present = r.readFlag();
        if (present) {
            if (end - r.position() < length) {
                return false;
            }
            r.skip(length);
        }
        return true;
    }
}
