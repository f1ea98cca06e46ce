package org.rtspkit.formats.mjpeg;

import java.util.Arrays;
import java.util.function.Consumer;
import org.rtspkit.api.Format;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerSettings;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.internal.Bytes;
import org.rtspkit.formats.internal.DepacketizerCounters;
import org.rtspkit.formats.internal.RtpReceiver;
import org.rtspkit.formats.internal.UnitBuffer;

/**
 * Motion JPEG depacketizer (RFC 2435): gathers the fragments of an image, in offset order, up to the
 * marker bit, and emits it as a JFIF file ({@link JpegImage#toJfif()}) rebuilt with its quantization
 * tables: those sent in band (Q 128..255; for Q below 255 a table header of length 0 reuses the tables
 * last sent with that Q; a single table sent serves both luminance and chrominance), or those a Q factor from 1 to 99 stands for. Types 0 and 1 (4:2:2, 4:2:0) and
 * 64 and 65 (the same with restart markers) are supported, progressive (not interlaced) images only.
 * Every image is random-access.
 *
 * <p>Dropped and counted as malformed: truncated headers, other types, a fragment offset that is not
 * where the image so far ends, a first fragment without its tables, an image whose end never came.
 */
public final class MjpegDepacketizer implements Depacketizer {
    private final Format format;
    private final DepacketizerCounters counters = new DepacketizerCounters();
    private final RtpReceiver receiver;
    private final UnitBuffer scan;
    private final byte[][] cachedTables = new byte[128][];
    private final int[] cachedPrecision = new int[128];

    private boolean open;
    private boolean broken;
    private long imageTimestamp;
    private int type;
    private int width;
    private int height;
    private int restartInterval;
    private int precision;
    private byte[] tables;

    /**
     * A depacketizer with the default settings.
     *
     * @param format a JPEG format (payload type 26 usually, clock rate 90000)
     */
    public MjpegDepacketizer(Format format) {
        this(format, DepacketizerSettings.defaults());
    }

    /**
     * A depacketizer.
     *
     * @param format a JPEG format (payload type 26 usually, clock rate 90000)
     * @param settings the largest image assembled
     */
    public MjpegDepacketizer(Format format, DepacketizerSettings settings) {
        this.format = format;
        this.receiver = new RtpReceiver(format, counters);
        this.scan = new UnitBuffer(settings.maxAccessUnitSize());
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
        long ts = receiver.timestamp();
        if (open && receiver.gap()) {
            broken = true;
        }
        if (open && ts != imageTimestamp) {
            drop(!broken);
        }
        int end = offset + length;
        if (length < MjpegPacketizer.MAIN_HEADER_SIZE) {
            malformed();
            return;
        }
        int fragmentOffset = Bytes.u24(b, offset + 1);
        int packetType = Bytes.u8(b, offset + 4);
        int q = Bytes.u8(b, offset + 5);
        int at = offset + MjpegPacketizer.MAIN_HEADER_SIZE;
        if (b[offset] != 0 || (packetType & 0x3E) != 0 || packetType > 65 || b[offset + 6] == 0 || b[offset + 7] == 0) {
            // Interlaced, another type, no size.
            malformed();
            return;
        }
        int interval = 0;
        if (packetType >= 64) {
            if (end - at < MjpegPacketizer.RESTART_HEADER_SIZE) {
                malformed();
                return;
            }
            interval = Bytes.u16(b, at);
            at += MjpegPacketizer.RESTART_HEADER_SIZE;
        }
        if (fragmentOffset == 0) {
            if (open) {
                // A new image while the last one is unfinished.
                drop(!broken);
            }
            byte[] newTables;
            int newPrecision;
            if (q >= 128) {
                if (end - at < MjpegPacketizer.QUANTIZATION_HEADER_SIZE) {
                    malformed();
                    return;
                }
                newPrecision = Bytes.u8(b, at + 1) & 3;
                int tablesLength = Bytes.u16(b, at + 2);
                at += MjpegPacketizer.QUANTIZATION_HEADER_SIZE;
                if (tablesLength == 0 && q < 255 && cachedTables[q - 128] != null) {
                    newTables = cachedTables[q - 128];
                    newPrecision = cachedPrecision[q - 128];
                } else {
                    int one = JpegImage.tableSize(newPrecision, 0);
                    int two = one + JpegImage.tableSize(newPrecision, 1);
                    if (tablesLength > end - at || (tablesLength < two && tablesLength != one)) {
                        malformed();
                        return;
                    }
                    if (tablesLength == one) {
                        // One table for all components (as FFmpeg sends images that have only one).
                        newTables = new byte[2 * one];
                        System.arraycopy(b, at, newTables, 0, one);
                        System.arraycopy(b, at, newTables, one, one);
                        newPrecision = (newPrecision & 1) * 3;
                    } else {
                        newTables = Arrays.copyOfRange(b, at, at + two);
                    }
                    if (q < 255) {
                        cachedTables[q - 128] = newTables;
                        cachedPrecision[q - 128] = newPrecision;
                    }
                    at += tablesLength;
                }
            } else if (q == 0 || q >= 100) {
                malformed();
                return;
            } else {
                newTables = JpegTables.forQuality(q);
                newPrecision = 0;
            }
            open = true;
            broken = false;
            imageTimestamp = ts;
            type = packetType & 1;
            width = Bytes.u8(b, offset + 6) * 8;
            height = Bytes.u8(b, offset + 7) * 8;
            restartInterval = interval;
            tables = newTables;
            precision = newPrecision;
            scan.clear();
        } else if (!open) {
            // The image's start was lost (counted as a gap), or never sent.
            if (!receiver.gap()) {
                counters.packetsMalformed++;
            }
            return;
        } else if (broken) {
            if (receiver.marker()) {
                drop(false);
            }
            return;
        } else if (fragmentOffset != scan.size()) {
            counters.packetsMalformed++;
            broken = true;
            if (receiver.marker()) {
                drop(false);
            }
            return;
        }
        scan.append(b, at, end - at);
        if (receiver.marker()) {
            finish(sink);
        }
    }

    private void malformed() {
        counters.packetsMalformed++;
        if (open) {
            broken = true;
            if (receiver.marker()) {
                drop(false);
            }
        }
    }

    /** Drops the open image; counts a malformed packet too when its end never came. */
    private void drop(boolean endMissing) {
        if (endMissing) {
            counters.packetsMalformed++;
        }
        counters.unitsBroken++;
        open = false;
        broken = false;
        scan.clear();
    }

    private void finish(Consumer<AccessUnit> sink) {
        open = false;
        if (broken) {
            drop(false);
            return;
        }
        if (scan.oversized()) {
            counters.unitsOversized++;
            scan.clear();
            return;
        }
        if (scan.size() == 0) {
            counters.unitsBroken++;
            return;
        }
        JpegImage image = new JpegImage(type, width, height, precision, tables, restartInterval, scan.take());
        counters.accessUnits++;
        sink.accept(new AccessUnit(imageTimestamp, receiver.presentationTime(imageTimestamp), true, image.toJfif()));
    }
}
