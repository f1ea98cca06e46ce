package org.rtspkit.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * RTCP wire format (RFC 3550 §6): the common header and the decoders of each packet type. Every
 * length is checked against the bytes actually present, so bad input ends in
 * {@link MalformedDataException} and nothing else.
 */
final class RtcpCodec {
    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    static final int BYE = 203;

    static final int HEADER_SIZE = 4;
    static final int REPORT_BLOCK_SIZE = 24;
    static final int MAX_COUNT = 31;

    private RtcpCodec() {
    }

    /** Writes the common header of a packet of {@code size} bytes (a multiple of 4). */
    static void writeHeader(byte[] dst, int offset, boolean padding, int count, int packetType, int size) {
        dst[offset] = (byte) (0x80 | (padding ? 0x20 : 0) | count);
        dst[offset + 1] = (byte) packetType;
        Wire.put16(dst, offset + 2, size / 4 - 1);
    }

    static void checkSize(int size, String what) {
        if (size > 4 * 0x10000) {
            throw new IllegalArgumentException(what + " of " + size + " bytes exceeds the RTCP maximum of 262144");
        }
    }

    static int writeReports(List<ReceptionReport> reports, byte[] dst, int offset) {
        int i = offset;
        for (ReceptionReport r : reports) {
            Wire.put32(dst, i, r.ssrc());
            dst[i + 4] = (byte) r.fractionLost();
            Wire.put24(dst, i + 5, r.totalLost());
            Wire.put32(dst, i + 8, r.lastSequenceNumber());
            Wire.put32(dst, i + 12, r.jitter());
            Wire.put32(dst, i + 16, r.lastSenderReport());
            Wire.put32(dst, i + 20, r.delay());
            i += REPORT_BLOCK_SIZE;
        }
        return i;
    }

    static List<ReceptionReport> readReports(byte[] b, int offset, int count) {
        if (count == 0) {
            return List.of();
        }
        ReceptionReport[] out = new ReceptionReport[count];
        for (int r = 0; r < count; r++) {
            int i = offset + r * REPORT_BLOCK_SIZE;
            // totalLost is a signed 24-bit field: shift it to the top of an int and back to sign-extend.
            int totalLost = (Wire.s32(b, i + 4) << 8) >> 8;
            out[r] = new ReceptionReport(Wire.u32(b, i), Wire.u8(b, i + 4), totalLost, Wire.u32(b, i + 8),
                    Wire.u32(b, i + 12), Wire.u32(b, i + 16), Wire.u32(b, i + 20));
        }
        return List.of(out);
    }

    static List<RtcpPacket> unmarshalCompound(byte[] buf, int offset, int length) {
        Wire.checkSlice(buf, offset, length);
        if (length == 0) {
            throw new MalformedDataException("RTCP packet is empty");
        }
        List<RtcpPacket> out = new ArrayList<>(2);
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            int left = end - pos;
            if (left < HEADER_SIZE) {
                throw new MalformedDataException("RTCP header size insufficient: " + left + " < 4");
            }
            int b0 = Wire.u8(buf, pos);
            int version = b0 >>> 6;
            if (version != 2) {
                throw new MalformedDataException("RTCP version must be 2, got " + version);
            }
            int count = b0 & 0x1F;
            int packetType = Wire.u8(buf, pos + 1);
            int size = 4 * (Wire.u16(buf, pos + 2) + 1);
            if (size > left) {
                throw new MalformedDataException("RTCP packet (type " + packetType + ") length of " + size
                        + " bytes exceeds the " + left + " bytes left");
            }
            int bodyStart = pos + HEADER_SIZE;
            int bodyEnd = pos + size;
            if ((b0 & 0x20) != 0) {
                int padding = Wire.u8(buf, bodyEnd - 1);
                if (padding == 0 || padding > size - HEADER_SIZE) {
                    throw new MalformedDataException("RTCP packet (type " + packetType + ") has an invalid padding count "
                            + padding + " for a body of " + (size - HEADER_SIZE) + " bytes");
                }
                bodyEnd -= padding;
            }
            out.add(decode(packetType, count, buf, bodyStart, bodyEnd));
            pos += size;
        }
        return Collections.unmodifiableList(out);
    }

    private static RtcpPacket decode(int packetType, int count, byte[] b, int start, int end) {
        int body = end - start;
        switch (packetType) {
            case SR: {
                int need = 24 + count * REPORT_BLOCK_SIZE;
                if (body < need) {
                    throw new MalformedDataException("RTCP sender report too short: " + body + " < " + need
                            + " bytes for " + count + " report blocks");
                }
                // Bytes past the report blocks are profile-specific extensions, which we do not keep.
                return new SenderReport(Wire.u32(b, start), Wire.u64(b, start + 4), Wire.u32(b, start + 12),
                        Wire.u32(b, start + 16), Wire.u32(b, start + 20), readReports(b, start + 24, count));
            }
            case RR: {
                int need = 4 + count * REPORT_BLOCK_SIZE;
                if (body < need) {
                    throw new MalformedDataException("RTCP receiver report too short: " + body + " < " + need
                            + " bytes for " + count + " report blocks");
                }
                return new ReceiverReport(Wire.u32(b, start), readReports(b, start + 4, count));
            }
            case SDES:
                return decodeSourceDescription(count, b, start, end);
            case BYE:
                return decodeGoodbye(count, b, start, end);
            default:
                return new GenericRtcpPacket(packetType, count, Arrays.copyOfRange(b, start, end));
        }
    }

    private static SourceDescription decodeSourceDescription(int count, byte[] b, int start, int end) {
        List<SourceDescription.Chunk> chunks = new ArrayList<>(count);
        int i = start;
        for (int c = 0; c < count; c++) {
            int chunkStart = i;
            if (end - i < 4) {
                throw new MalformedDataException("RTCP source description chunk " + (c + 1) + " of " + count
                        + " is truncated: " + (end - i) + " < 4 bytes");
            }
            long source = Wire.u32(b, i);
            i += 4;
            List<SourceDescription.Item> items = new ArrayList<>(1);
            while (true) {
                if (i >= end) {
                    throw new MalformedDataException("RTCP source description chunk " + (c + 1)
                            + " has no terminating null item");
                }
                int type = Wire.u8(b, i);
                if (type == 0) {
                    // The end marker, then null octets up to the next 32-bit boundary.
                    i = chunkStart + ((i + 1 - chunkStart + 3) & ~3);
                    if (i > end) {
                        throw new MalformedDataException("RTCP source description chunk " + (c + 1)
                                + " padding runs past the packet");
                    }
                    break;
                }
                if (end - i < 2 || end - i < 2 + Wire.u8(b, i + 1)) {
                    throw new MalformedDataException("RTCP source description item (type " + type
                            + ") runs past the packet");
                }
                int textLength = Wire.u8(b, i + 1);
                items.add(new SourceDescription.Item(type, Arrays.copyOfRange(b, i + 2, i + 2 + textLength)));
                i += 2 + textLength;
            }
            chunks.add(new SourceDescription.Chunk(source, items));
        }
        return new SourceDescription(chunks);
    }

    private static Goodbye decodeGoodbye(int count, byte[] b, int start, int end) {
        int need = 4 * count;
        if (end - start < need) {
            throw new MalformedDataException("RTCP goodbye too short: " + (end - start) + " < " + need
                    + " bytes for " + count + " sources");
        }
        Long[] sources = new Long[count];
        for (int s = 0; s < count; s++) {
            sources[s] = Wire.u32(b, start + 4 * s);
        }
        String reason = null;
        int i = start + need;
        if (i < end) {
            int reasonLength = Wire.u8(b, i);
            if (end - i - 1 < reasonLength) {
                throw new MalformedDataException("RTCP goodbye reason of " + reasonLength + " bytes runs past the packet");
            }
            try {
                // Strictly: replacement characters would make the reason longer than its 255-byte field.
                reason = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(b, i + 1, reasonLength)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new MalformedDataException("RTCP goodbye reason is not UTF-8");
            }
        }
        return new Goodbye(List.of(sources), reason);
    }

    static byte[] marshalCompound(List<? extends RtcpPacket> packets) {
        int size = 0;
        for (RtcpPacket p : packets) {
            size += p.marshalSize();
        }
        byte[] out = new byte[size];
        int i = 0;
        for (RtcpPacket p : packets) {
            i += p.marshalTo(out, i);
        }
        return out;
    }
}
