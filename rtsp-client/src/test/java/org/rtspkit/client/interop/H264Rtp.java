package org.rtspkit.client.interop;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.rtspkit.api.RtpPacket;

/**
 * Just enough H.264 RTP (RFC 6184) for the tests: an Annex B byte stream cut into access units and
 * packetized (single NAL units and FU-A), and RTP packets put back into an Annex B stream that FFmpeg
 * can decode. The real packetizers belong to the formats module; these only feed and check the client.
 */
final class H264Rtp {
    private static final byte[] START = {0, 0, 0, 1};

    private H264Rtp() {
    }

    /** The NAL units of an Annex B stream, without start codes. */
    static List<byte[]> nalUnits(byte[] stream) {
        List<byte[]> units = new ArrayList<>();
        int i = 0;
        int start = -1;
        while (i + 3 <= stream.length) {
            boolean three = stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1;
            if (three) {
                if (start >= 0) {
                    int end = i;
                    while (end > start && stream[end - 1] == 0) {
                        end--;
                    }
                    units.add(java.util.Arrays.copyOfRange(stream, start, end));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < stream.length) {
            units.add(java.util.Arrays.copyOfRange(stream, start, stream.length));
        }
        return units;
    }

    /**
     * Access units (pictures): a picture starts at a slice whose first_mb_in_slice is 0, or at a
     * parameter set or SEI after a slice; a picture may have several slices (x264's sliced threads).
     */
    static List<List<byte[]>> accessUnits(byte[] stream) {
        List<List<byte[]>> out = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        boolean hasSlice = false;
        for (byte[] nal : nalUnits(stream)) {
            int type = nal[0] & 0x1F;
            boolean slice = type >= 1 && type <= 5;
            // first_mb_in_slice is ue(v): 0 is the single bit 1
            boolean firstSlice = slice && nal.length > 1 && (nal[1] & 0x80) != 0;
            if (hasSlice && (!slice || firstSlice)) {
                out.add(current);
                current = new ArrayList<>();
                hasSlice = false;
            }
            current.add(nal);
            hasSlice |= slice;
        }
        if (hasSlice) {
            out.add(current);
        }
        return out;
    }

    /** The packets of one access unit: single NAL unit packets, FU-A above {@code max} bytes; marker on the last. */
    static List<RtpPacket> packetize(List<byte[]> accessUnit, int payloadType, int firstSeq, long timestamp, int max) {
        List<RtpPacket> packets = new ArrayList<>();
        int seq = firstSeq;
        for (int n = 0; n < accessUnit.size(); n++) {
            byte[] nal = accessUnit.get(n);
            boolean lastNal = n == accessUnit.size() - 1;
            if (nal.length <= max) {
                packets.add(RtpPacket.of(lastNal, payloadType, seq++ & 0xFFFF, timestamp, 0, nal));
                continue;
            }
            int header = nal[0] & 0xFF;
            int offset = 1;
            while (offset < nal.length) {
                int len = Math.min(max - 2, nal.length - offset);
                byte[] fu = new byte[len + 2];
                fu[0] = (byte) ((header & 0xE0) | 28);
                boolean end = offset + len == nal.length;
                fu[1] = (byte) ((offset == 1 ? 0x80 : 0) | (end ? 0x40 : 0) | (header & 0x1F));
                System.arraycopy(nal, offset, fu, 2, len);
                packets.add(RtpPacket.of(lastNal && end, payloadType, seq++ & 0xFFFF, timestamp, 0, fu));
                offset += len;
            }
        }
        return packets;
    }

    /** Puts received packets (in order) back into an Annex B stream. */
    static final class Depacketizer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteArrayOutputStream fragment;
        private int accessUnits;

        void packet(RtpPacket p) {
            byte[] b = p.payload();
            if (b.length == 0) {
                return;
            }
            int type = b[0] & 0x1F;
            if (type >= 1 && type <= 23) {
                out.writeBytes(START);
                out.writeBytes(b);
            } else if (type == 24) {
                int i = 1;
                while (i + 2 <= b.length) {
                    int size = ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
                    i += 2;
                    if (i + size > b.length) {
                        break;
                    }
                    out.writeBytes(START);
                    out.write(b, i, size);
                    i += size;
                }
            } else if (type == 28 && b.length > 2) {
                boolean start = (b[1] & 0x80) != 0;
                boolean end = (b[1] & 0x40) != 0;
                if (start) {
                    fragment = new ByteArrayOutputStream();
                    fragment.write((b[0] & 0xE0) | (b[1] & 0x1F));
                }
                if (fragment != null) {
                    fragment.write(b, 2, b.length - 2);
                    if (end) {
                        out.writeBytes(START);
                        out.writeBytes(fragment.toByteArray());
                        fragment = null;
                    }
                }
            }
            if (p.marker()) {
                accessUnits++;
            }
        }

        /** A lost packet breaks the NAL unit being gathered. */
        void lost() {
            fragment = null;
        }

        int accessUnits() {
            return accessUnits;
        }

        byte[] stream() {
            return out.toByteArray();
        }
    }
}
