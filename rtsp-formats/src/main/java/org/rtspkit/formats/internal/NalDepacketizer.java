package org.rtspkit.formats.internal;

import java.util.Arrays;
import java.util.function.Consumer;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.DepacketizerSettings;

/**
 * Rebuilds H264 or H265 access units from RTP payloads in sequence order (RFC 6184 non-interleaved
 * mode, RFC 7798 with or without decoding order numbers), as Annex-B with 4-byte start codes.
 *
 * <p>An access unit ends at the marker bit, or when a packet with another timestamp arrives. It is
 * dropped whole, and counted, when a packet of it was lost or malformed (after a gap, the unit the next
 * packet belongs to is dropped too, unless that packet begins with an access unit delimiter: packets
 * at its head may be the lost ones). After any loss or drop, and at the start, units are skipped until
 * one with a random-access picture, when the settings ask for it.
 */
public final class NalDepacketizer {
    private final NalSyntax syntax;
    private final RtpReceiver receiver;
    private final DepacketizerCounters counters;
    private final UnitBuffer unit;
    private final boolean waitForRandomAccess;
    private final boolean decodingOrderNumbers;

    private boolean open;
    private long unitTimestamp;
    private boolean broken;
    private boolean fragmenting;
    private int fragmentStart;
    private boolean randomAccess;
    private boolean waiting;
    /** Start (after the start code) and end in the unit buffer of its VPS, SPS and PPS; -1 when absent. */
    private final int[] setStart = {-1, -1, -1};
    private final int[] setEnd = new int[3];

    private final byte[][] parameterSets = new byte[3][];
    private int parameterSetsVersion;

    /**
     * @param decodingOrderNumbers whether packets carry DONL/DOND fields (H265 with sprop-max-don-diff > 0)
     */
    public NalDepacketizer(NalSyntax syntax, RtpReceiver receiver, DepacketizerCounters counters,
                           DepacketizerSettings settings, boolean decodingOrderNumbers) {
        this.syntax = syntax;
        this.receiver = receiver;
        this.counters = counters;
        this.unit = new UnitBuffer(settings.maxAccessUnitSize());
        this.waitForRandomAccess = settings.waitForRandomAccess();
        this.waiting = waitForRandomAccess;
        this.decodingOrderNumbers = decodingOrderNumbers;
    }

    /** The latest VPS (0), SPS (1) or PPS (2) of an emitted unit, or null; not a copy. */
    public byte[] parameterSet(int index) {
        return parameterSets[index];
    }

    /** Counts the changes of {@link #parameterSet}. */
    public int parameterSetsVersion() {
        return parameterSetsVersion;
    }

    /** Handles the payload of the packet the receiver has just accepted. */
    public void payload(byte[] b, int offset, int length, Consumer<AccessUnit> sink) {
        long ts = receiver.timestamp();
        boolean gap = receiver.gap();
        if (gap) {
            if (open) {
                broken = true;
            }
            waiting = waitForRandomAccess;
        }
        if (open && ts != unitTimestamp) {
            finish(sink);
        }
        if (!open) {
            open = true;
            unitTimestamp = ts;
            if (gap && !beginsWithDelimiter(b, offset, length)) {
                broken = true;
            }
        }
        if (!broken && !parse(b, offset, length)) {
            counters.packetsMalformed++;
            broken = true;
        }
        if (receiver.marker()) {
            finish(sink);
        }
    }

    private boolean beginsWithDelimiter(byte[] b, int offset, int length) {
        int h = syntax.headerSize();
        if (length < h) {
            return false;
        }
        int type = syntax.type(b, offset);
        if (type == syntax.aggregationType()) {
            int first = offset + h + (decodingOrderNumbers ? 2 : 0) + 2;
            return first + h <= offset + length && syntax.isAccessUnitDelimiter(syntax.type(b, first));
        }
        return syntax.isNalType(type) && syntax.isAccessUnitDelimiter(type);
    }

    /** Appends the payload's NAL units; false when it is malformed. */
    private boolean parse(byte[] b, int offset, int length) {
        int h = syntax.headerSize();
        if (length <= h) {
            return false;
        }
        int end = offset + length;
        int type = syntax.type(b, offset);
        if (syntax.isNalType(type)) {
            if (fragmenting) {
                return false;
            }
            int start = offset + h + (decodingOrderNumbers ? 2 : 0);
            if (start >= end) {
                return false;
            }
            if (decodingOrderNumbers) {
                // The DONL field sits between the header and the payload of the unit.
                appendNal(b, offset, h, b, start, end - start);
            } else {
                appendNal(b, offset, h, b, offset + h, length - h);
            }
            return true;
        }
        if (type == syntax.aggregationType()) {
            return !fragmenting && aggregate(b, offset + h, end);
        }
        if (type == syntax.fragmentationType()) {
            return fragment(b, offset, end);
        }
        return false;
    }

    private boolean aggregate(byte[] b, int from, int end) {
        int h = syntax.headerSize();
        // Check every length first, so that a malformed packet adds nothing.
        int i = from;
        int count = 0;
        while (i < end) {
            i += decodingOrderNumbers ? (count == 0 ? 2 : 1) : 0;
            if (end - i < 2) {
                return false;
            }
            int size = Bytes.u16(b, i);
            i += 2;
            if (size <= h || size > end - i || !syntax.isNalType(syntax.type(b, i))) {
                return false;
            }
            i += size;
            count++;
        }
        if (count == 0) {
            return false;
        }
        i = from;
        for (int k = 0; k < count; k++) {
            i += decodingOrderNumbers ? (k == 0 ? 2 : 1) : 0;
            int size = Bytes.u16(b, i);
            appendNal(b, i + 2, h, b, i + 2 + h, size - h);
            i += 2 + size;
        }
        return true;
    }

    private boolean fragment(byte[] b, int offset, int end) {
        int headers = syntax.fragmentHeaderSize();
        if (end - offset < headers) {
            return false;
        }
        int fuHeader = b[offset + headers - 1];
        boolean start = (fuHeader & 0x80) != 0;
        boolean last = (fuHeader & 0x40) != 0;
        int data = offset + headers + (start && decodingOrderNumbers ? 2 : 0);
        if (data >= end || !syntax.isNalType(syntax.fragmentedType(b, offset))) {
            return false;
        }
        if (start) {
            if (fragmenting) {
                return false;
            }
            fragmenting = true;
            unit.appendStartCode();
            fragmentStart = unit.size();
            syntax.appendFragmentedHeader(unit, b, offset);
        } else if (!fragmenting) {
            return false;
        }
        unit.append(b, data, end - data);
        if (last) {
            fragmenting = false;
            if (!unit.oversized()) {
                noteNal(syntax.fragmentedType(b, offset), fragmentStart, unit.size());
            }
        }
        return true;
    }

    private void appendNal(byte[] header, int headerOffset, int headerSize, byte[] body, int bodyOffset, int bodyLength) {
        unit.appendStartCode();
        int start = unit.size();
        unit.append(header, headerOffset, headerSize);
        unit.append(body, bodyOffset, bodyLength);
        if (!unit.oversized()) {
            noteNal(syntax.type(header, headerOffset), start, unit.size());
        }
    }

    private void noteNal(int type, int start, int end) {
        if (syntax.isRandomAccess(type)) {
            randomAccess = true;
        }
        int set = syntax.parameterSetIndex(type);
        if (set >= 0) {
            setStart[set] = start;
            setEnd[set] = end;
        }
    }

    private void finish(Consumer<AccessUnit> sink) {
        if (fragmenting && !broken) {
            // A fragment start whose end never came.
            counters.packetsMalformed++;
            broken = true;
        }
        if (broken || unit.size() == 0) {
            counters.unitsBroken++;
            waiting = waitForRandomAccess;
        } else if (unit.oversized()) {
            counters.unitsOversized++;
            waiting = waitForRandomAccess;
        } else if (waiting && !randomAccess) {
            counters.unitsSkipped++;
        } else {
            waiting = false;
            keepParameterSets();
            counters.accessUnits++;
            boolean rap = randomAccess;
            long ts = unitTimestamp;
            long pts = receiver.presentationTime(ts);
            byte[] data = unit.take();
            reset();
            sink.accept(new AccessUnit(ts, pts, rap, data));
            return;
        }
        reset();
    }

    private void reset() {
        open = false;
        broken = false;
        fragmenting = false;
        randomAccess = false;
        Arrays.fill(setStart, -1);
        unit.clear();
    }

    private void keepParameterSets() {
        byte[] bytes = unit.array();
        for (int k = 0; k < 3; k++) {
            int start = setStart[k];
            if (start < 0) {
                continue;
            }
            byte[] old = parameterSets[k];
            if (old == null || !Arrays.equals(old, 0, old.length, bytes, start, setEnd[k])) {
                parameterSets[k] = Arrays.copyOfRange(bytes, start, setEnd[k]);
                parameterSetsVersion++;
            }
        }
    }
}
