package org.rtspkit.formats.av1;

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
import org.rtspkit.formats.internal.UnitBuffer;

/**
 * AV1 depacketizer (AOMedia "RTP Payload Format for AV1" v1.0): reads the aggregation header and the
 * OBU elements (W = 0, every element after its LEB128 length, or W = 1..3 elements, the last without
 * one), joins fragmented OBUs (Y, Z), and emits each temporal unit, from a packet that starts one
 * (Z = 0) to the marker bit, in the low-overhead bitstream format: a temporal delimiter, then every
 * OBU with its size field (temporal delimiters, tile lists and padding that a sender left in are
 * dropped). A temporal unit is random-access when its first packet has N set or it holds a sequence
 * header. Malformed: lengths that overrun the packet, a continuation without its start, an empty
 * element, a temporal unit that ends inside an OBU or holds no OBU to decode.
 */
public final class Av1Depacketizer implements Depacketizer {
    private final Format format;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final FrameAssembler units;
    private final UnitBuffer fragment;
    private final int[] lebSize = new int[1];
    private final byte[] obuHeader = new byte[2 + 8];
    private boolean fragmenting;
    /** OBUs kept in the temporal unit being assembled. */
    private int obus;

    /**
     * A depacketizer with the default settings.
     *
     * @param format an {@code AV1/90000} format
     */
    public Av1Depacketizer(Format format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format an {@code AV1/90000} format
     * @param settings the largest temporal unit, and whether to wait for random access
     */
    public Av1Depacketizer(Format format, DepacketizerSettings settings) {
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.units = new FrameAssembler(receiver, counters, settings.maxAccessUnitSize(), settings.waitForRandomAccess());
        this.fragment = new UnitBuffer(settings.maxAccessUnitSize());
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
        boolean wasOpen = units.open();
        units.packet();
        if (receiver.gap() || (wasOpen && !units.open())) {
            fragmenting = false;
            fragment.clear();
        }
        if (units.open() && units.broken()) {
            if (receiver.marker()) {
                units.finish(sink);
            }
            return;
        }
        if (length < 2 || !elementsFit(b, offset, length)) {
            fragmenting = false;
            fragment.clear();
            units.malformed();
            return;
        }
        int aggregation = b[offset] & 0xFF;
        boolean continues = (aggregation & 0x80) != 0;
        boolean fragmentAtEnd = (aggregation & 0x40) != 0;
        int w = (aggregation >>> 4) & 0x03;
        if (!units.open()) {
            if (continues) {
                units.orphan();
                return;
            }
            units.begin((aggregation & 0x08) != 0);
            obus = 0;
            units.buffer().append(0x12); // temporal delimiter, with its size field
            units.buffer().append(0);
        } else if (continues != fragmenting) {
            // A continuation without its start, or a start while a fragment waits for its rest.
            fragmenting = false;
            fragment.clear();
            units.malformed();
            return;
        }
        int end = offset + length;
        int i = offset + 1;
        int index = 0;
        while (i < end) {
            boolean last;
            int size;
            if (w == 0 || index < w - 1) {
                size = (int) Obus.readLeb128(b, i, end, lebSize);
                i += lebSize[0];
                last = i + size == end;
            } else {
                size = end - i;
                last = true;
            }
            boolean first = index == 0;
            boolean whole = true;
            if (first && continues) {
                fragment.append(b, i, size);
                if (!(last && fragmentAtEnd)) {
                    fragmenting = false;
                    whole = obu(fragment.array(), 0, fragment.size());
                    fragment.clear();
                }
            } else if (last && fragmentAtEnd) {
                fragmenting = true;
                fragment.clear();
                fragment.append(b, i, size);
            } else {
                whole = obu(b, i, size);
            }
            if (!whole) {
                // The packet is counted once, and the rest of its temporal unit dropped with it.
                fragmenting = false;
                fragment.clear();
                units.malformed();
                return;
            }
            i += size;
            index++;
        }
        if (receiver.marker()) {
            if (fragmenting || obus == 0) {
                // The temporal unit ends inside an OBU, or holds none to decode.
                fragmenting = false;
                fragment.clear();
                units.malformed();
                return;
            }
            units.finish(sink);
        }
    }

    /** Whether the elements' lengths account for the packet exactly, none of them empty. */
    private boolean elementsFit(byte[] b, int offset, int length) {
        int w = (b[offset] >>> 4) & 0x03;
        int end = offset + length;
        int i = offset + 1;
        int index = 0;
        while (i < end) {
            if (w != 0 && index == w - 1) {
                return true;
            }
            long size = Obus.readLeb128(b, i, end, lebSize);
            if (size <= 0 || size > end - i - lebSize[0]) {
                return false;
            }
            i += lebSize[0] + (int) size;
            index++;
        }
        return w == 0 ? index > 0 : false;
    }

    /** Appends an OBU element to the temporal unit with its size field; false when it is malformed. */
    private boolean obu(byte[] b, int at, int size) {
        int header = b[at] & 0xFF;
        int hSize = Obus.hasExtension(header) ? 2 : 1;
        if (size < hSize || (header & 0x80) != 0) {
            return false;
        }
        int type = Obus.type(header);
        if (type == Obus.TEMPORAL_DELIMITER || type == Obus.TILE_LIST || type == Obus.PADDING) {
            // Senders leave these out; the unit gets its own delimiter, and the others carry nothing to decode.
            return true;
        }
        if (type == Obus.SEQUENCE_HEADER) {
            units.randomAccess();
        }
        obus++;
        obuHeader[0] = (byte) (header | 0x02);
        if (hSize == 2) {
            obuHeader[1] = b[at + 1];
        }
        int lebBytes = Obus.writeLeb128(obuHeader, hSize, size - hSize);
        units.append(obuHeader, 0, hSize + lebBytes);
        units.append(b, at + hSize, size - hSize);
        return true;
    }
}
