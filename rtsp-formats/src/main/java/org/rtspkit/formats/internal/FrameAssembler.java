package org.rtspkit.formats.internal;

import java.util.function.Consumer;
import org.rtspkit.formats.AccessUnit;

/**
 * Assembles frames of the video formats whose packets say where a frame starts (VP8, VP9, AV1, KLV
 * units): a frame begins at a packet marked as a start and ends at the marker bit. A gap inside a
 * frame breaks it; packets that continue a frame whose start was not seen are dropped; after a loss,
 * frames are skipped until a random-access one when the settings ask for it.
 */
public final class FrameAssembler {
    private final RtpReceiver receiver;
    private final DepacketizerCounters counters;
    private final UnitBuffer frame;
    private final boolean waitForRandomAccess;
    private boolean waiting;
    private boolean open;
    private boolean broken;
    private boolean randomAccess;
    private long frameTimestamp;

    public FrameAssembler(RtpReceiver receiver, DepacketizerCounters counters, int maxFrameSize,
                          boolean waitForRandomAccess) {
        this.receiver = receiver;
        this.counters = counters;
        this.frame = new UnitBuffer(maxFrameSize);
        this.waitForRandomAccess = waitForRandomAccess;
        this.waiting = waitForRandomAccess;
    }

    /** Called first for every packet: handles gaps and a new timestamp in the middle of a frame. */
    public void packet() {
        if (receiver.gap()) {
            if (open) {
                broken = true;
            }
            waiting = waitForRandomAccess;
        }
        if (open && receiver.timestamp() != frameTimestamp) {
            // The frame's last packet never came.
            end(!broken);
        }
    }

    /** The packet begins a frame; a frame still open is unfinished and dropped. */
    public void begin(boolean isRandomAccess) {
        if (open) {
            end(!broken);
        }
        open = true;
        broken = false;
        randomAccess = isRandomAccess;
        frameTimestamp = receiver.timestamp();
        frame.clear();
    }

    /** Whether a frame is being assembled (its start was seen). */
    public boolean open() {
        return open;
    }

    /** Whether the open frame is already lost: the rest of its packets need no reading. */
    public boolean broken() {
        return broken;
    }

    public UnitBuffer buffer() {
        return frame;
    }

    /** The packet is malformed: counted, and the frame it belongs to dropped. */
    public void malformed() {
        counters.packetsMalformed++;
        waiting = waitForRandomAccess;
        if (open) {
            broken = true;
            if (receiver.marker()) {
                end(false);
            }
        }
    }

    /** The packet continues a frame whose start was not seen: dropped, counted as malformed unless lost. */
    public void orphan() {
        if (!receiver.gap()) {
            counters.packetsMalformed++;
        }
    }

    /** Appends the packet's part of the frame. */
    public void append(byte[] b, int offset, int length) {
        if (!broken) {
            frame.append(b, offset, length);
        }
    }

    /** The frame ends with this packet: emitted, or dropped and counted. */
    public void finish(Consumer<AccessUnit> sink) {
        if (!open) {
            return;
        }
        open = false;
        if (broken || frame.size() == 0) {
            counters.unitsBroken++;
            waiting = waitForRandomAccess;
        } else if (frame.oversized()) {
            counters.unitsOversized++;
            waiting = waitForRandomAccess;
        } else if (waiting && !randomAccess) {
            counters.unitsSkipped++;
        } else {
            waiting = false;
            counters.accessUnits++;
            sink.accept(new AccessUnit(frameTimestamp, receiver.presentationTime(frameTimestamp), randomAccess,
                    frame.take()));
        }
        broken = false;
        frame.clear();
    }

    /** Drops the open frame; counts a malformed packet too when its end is what is missing. */
    private void end(boolean endMissing) {
        if (endMissing) {
            counters.packetsMalformed++;
        }
        counters.unitsBroken++;
        waiting = waitForRandomAccess;
        open = false;
        broken = false;
        frame.clear();
    }

    /** Marks the frame random-access (a key frame seen in a later packet). */
    public void randomAccess() {
        randomAccess = true;
    }
}
