package org.rtspkit.formats.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Consumer;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;

/**
 * The fuzz inputs of the depacketizers: a script of packets as a network could deliver them. Each
 * packet is a flags byte, a 16-bit length and that many bytes:
 * <ul>
 * <li>bits 0-1: how the sequence number moves from the last packet: +1, +2 (a loss), +0 (a duplicate), -1 (late);
 * <li>bit 2: the marker bit; bit 3: the timestamp moves on by 3000;
 * <li>bit 5: pushed as an {@link RtpPacket} value rather than raw bytes;
 * <li>bit 6: another payload type than the format's;
 * <li>bit 7: the bytes are a whole RTP packet, header included (the header parser's input).
 * </ul>
 */
final class PacketScript {
    private PacketScript() {
    }

    /** Plays the script into the depacketizer; returns the number of packets pushed. */
    static int play(byte[] script, Depacketizer depacketizer, Consumer<AccessUnit> sink) {
        int payloadType = depacketizer.format().payloadType();
        int seq = 0;
        long ts = 0;
        int pushed = 0;
        int i = 0;
        while (i + 3 <= script.length) {
            int flags = script[i] & 0xFF;
            int length = Math.min(((script[i + 1] & 0xFF) << 8) | (script[i + 2] & 0xFF), script.length - i - 3);
            byte[] bytes = Arrays.copyOfRange(script, i + 3, i + 3 + length);
            i += 3 + length;
            seq += switch (flags & 3) {
                case 0 -> 1;
                case 1 -> 2;
                case 2 -> 0;
                default -> -1;
            };
            if ((flags & 8) != 0) {
                ts = (ts + 3000) & 0xFFFF_FFFFL;
            }
            pushed++;
            if ((flags & 0x80) != 0) {
                depacketizer.push(bytes, 0, bytes.length, sink);
                continue;
            }
            int pt = (flags & 0x40) != 0 ? (payloadType + 1) & 0x7F : payloadType;
            RtpPacket packet = RtpPacket.of((flags & 4) != 0, pt, seq & 0xFFFF, ts, 1, bytes);
            if ((flags & 0x20) != 0) {
                depacketizer.push(packet, sink);
            } else {
                byte[] raw = packet.marshal();
                depacketizer.push(raw, 0, raw.length, sink);
            }
        }
        return pushed;
    }

    /** Writes scripts: the seeds of the committed corpus are made with it. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer packet(int flags, byte[] bytes) {
            out.write(flags);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        /** A packet as a packetizer made it: next sequence number, marker as it was, timestamp moved on when it changed. */
        Writer packet(RtpPacket packet, boolean newTimestamp) {
            return packet((packet.marker() ? 4 : 0) | (newTimestamp ? 8 : 0), packet.payload());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
