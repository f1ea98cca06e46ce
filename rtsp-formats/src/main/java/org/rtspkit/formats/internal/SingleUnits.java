package org.rtspkit.formats.internal;

import java.util.Arrays;
import java.util.function.Consumer;
import org.rtspkit.formats.AccessUnit;

/**
 * Depacketizes formats where each packet's payload is one whole unit (Opus, G.711, LPCM, G.722): no
 * unit spans packets, so a loss loses whole units only and nothing is broken. A payload that is empty
 * or not a whole number of {@code frameSize}-byte frames is malformed.
 */
public final class SingleUnits {
    private final RtpReceiver receiver;
    private final DepacketizerCounters counters;
    private final int frameSize;
    private final int maxUnitSize;

    public SingleUnits(RtpReceiver receiver, DepacketizerCounters counters, int frameSize, int maxUnitSize) {
        this.receiver = receiver;
        this.counters = counters;
        this.frameSize = frameSize;
        this.maxUnitSize = maxUnitSize;
    }

    public void payload(byte[] b, int offset, int length, Consumer<AccessUnit> sink) {
        if (length == 0 || length % frameSize != 0) {
            counters.packetsMalformed++;
            counters.unitsBroken++;
            return;
        }
        if (length > maxUnitSize) {
            counters.unitsOversized++;
            return;
        }
        counters.accessUnits++;
        long ts = receiver.timestamp();
        sink.accept(new AccessUnit(ts, receiver.presentationTime(ts), true, Arrays.copyOfRange(b, offset, offset + length)));
    }
}
