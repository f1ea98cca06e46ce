package org.rtspkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PtsEqualsDtsTest {
    private static final H264Format H264 = H264Format.of(96, null, null);
    private static final H265Format H265 = H265Format.of(96, null, null, null);
    private static final H265Format H265_DON = new H265Format(96, null, null, null, 1, Map.of());

    private static RtpPacket packet(int... bytes) {
        byte[] payload = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            payload[i] = (byte) bytes[i];
        }
        return RtpPacket.of(true, 96, 0, 0, 0, payload);
    }

    /** An H.264 NAL header byte: nal_ref_idc 3 and the type. */
    private static int h264(int type) {
        return 0x60 | type;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 19, 20})
    void h264SingleNal(int type) {
        boolean rap = type == 5 || type == 7 || type == 8;
        assertEquals(rap, H264.ptsEqualsDts(packet(h264(type), 0x88, 0x84)), "type " + type);
    }

    @Test
    void h264StapA() {
        // STAP-A: SEI (2 bytes), then SPS (3 bytes).
        assertEquals(true, H264.ptsEqualsDts(packet(24, 0, 2, h264(6), 1, 0, 3, h264(7), 0x42, 0)));
        // STAP-A with AUD and non-IDR slice only.
        assertEquals(false, H264.ptsEqualsDts(packet(24, 0, 2, h264(9), 0xF0, 0, 2, h264(1), 0x9A)));
        // First unit is a PPS.
        assertEquals(true, H264.ptsEqualsDts(packet(24, 0, 1, h264(8))));
        // Truncated: sizes point past the end; what is present is still read, nothing throws.
        assertEquals(false, H264.ptsEqualsDts(packet(24, 0, 50, h264(1), 0)));
        assertEquals(false, H264.ptsEqualsDts(packet(24, 0)));
        assertEquals(false, H264.ptsEqualsDts(packet(24)));
        assertEquals(false, H264.ptsEqualsDts(packet(24, 0, 9, h264(1), 0, 0, 2, h264(5), 0)));
    }

    /**
     * The form that reads a payload in place (for marshalled packets) answers as the packet form does,
     * and reads nothing outside its range: the bytes around each payload would make every one of these
     * a random-access point if they were read.
     */
    @Test
    void aPayloadInABufferIsReadWithinItsRangeOnly() {
        int[][] payloads = {
                {h264(1), 0x88},
                {24, 0, 2, h264(9), 0xF0, 0, 2, h264(1), 0x9A},
                {24, 0, 9, h264(1), 0, 0, 2},
                {24, 0, 2, h264(1), 0x9A},
                {0x7C, 0x05, 0x88},
                {0x7C},
        };
        int[] around = {0, 1, h264(5), 0x85, 0, 1, h264(5)};
        for (int[] bytes : payloads) {
            RtpPacket packet = packet(bytes);
            byte[] buffer = new byte[around.length + bytes.length + around.length];
            for (int i = 0; i < buffer.length; i++) {
                int at = i - around.length;
                buffer[i] = (byte) (at >= 0 && at < bytes.length ? bytes[at] : around[i % around.length]);
            }
            for (Format format : new Format[] {H264, H265}) {
                assertEquals(format.ptsEqualsDts(packet), format.ptsEqualsDts(buffer, around.length, bytes.length),
                        format.rtpMap() + " " + Arrays.toString(bytes));
            }
            assertEquals(false, H264.ptsEqualsDts(buffer, around.length, bytes.length), Arrays.toString(bytes));
        }
    }

    @Test
    void h264StapB() {
        assertEquals(true, H264.ptsEqualsDts(packet(25, 0x12, 0x34, 0, 2, h264(5), 0x88)));
        assertEquals(false, H264.ptsEqualsDts(packet(25, 0x12, 0x34, 0, 2, h264(1), 0x88)));
    }

    @Test
    void h264FuA() {
        // Start fragment of an IDR slice.
        assertEquals(true, H264.ptsEqualsDts(packet(0x7C, 0x85, 0x88)));
        // Middle and end fragments of it.
        assertEquals(false, H264.ptsEqualsDts(packet(0x7C, 0x05, 0x88)));
        assertEquals(false, H264.ptsEqualsDts(packet(0x7C, 0x45, 0x88)));
        // Start fragment of a non-IDR slice.
        assertEquals(false, H264.ptsEqualsDts(packet(0x7C, 0x81, 0x9A)));
        // No FU header at all.
        assertEquals(false, H264.ptsEqualsDts(packet(0x7C)));
        // FU-B start of an SPS.
        assertEquals(true, H264.ptsEqualsDts(packet(0x7D, 0x87, 0, 0)));
    }

    /** An H.265 payload header (two bytes) for a type, layer 0, TID 1. */
    private static int[] h265(int type, int... rest) {
        int[] out = new int[2 + rest.length];
        out[0] = type << 1;
        out[1] = 1;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 16, 17, 18, 19, 20, 21, 22, 32, 33, 34, 35, 39, 40})
    void h265SingleNal(int type) {
        boolean rap = type == 19 || type == 20 || type == 21 || type == 32 || type == 33 || type == 34;
        assertEquals(rap, H265.ptsEqualsDts(packet(h265(type, 0xAF, 0x01))), "type " + type);
    }

    @Test
    void h265NeedsTwoHeaderBytes() {
        assertEquals(false, H265.ptsEqualsDts(packet(19 << 1)));
    }

    @Test
    void h265AggregationPacket() {
        // AP: a VPS (3 bytes) then a trailing slice.
        assertEquals(true, H265.ptsEqualsDts(packet(h265(48, 0, 3, 32 << 1, 1, 0x0C, 0, 3, 1 << 1, 1, 0xAF))));
        // AP: a prefix SEI then a CRA.
        assertEquals(true, H265.ptsEqualsDts(packet(h265(48, 0, 3, 39 << 1, 1, 0x05, 0, 3, 21 << 1, 1, 0xAF))));
        // AP: two trailing slices.
        assertEquals(false, H265.ptsEqualsDts(packet(h265(48, 0, 3, 1 << 1, 1, 0xAF, 0, 3, 1 << 1, 1, 0xAF))));
        assertEquals(false, H265.ptsEqualsDts(packet(h265(48, 0, 99, 1 << 1, 1))));
        assertEquals(false, H265.ptsEqualsDts(packet(h265(48))));
    }

    @Test
    void h265AggregationPacketWithDecodingOrderNumbers() {
        // DONL (2 bytes), size, trailing slice, DOND (1 byte), size, IDR.
        int[] p = h265(48, 0, 7, 0, 3, 1 << 1, 1, 0xAF, 1, 0, 3, 19 << 1, 1, 0xAF);
        assertEquals(true, H265_DON.ptsEqualsDts(packet(p)));
        // Read without DON fields the same bytes are a unit of size 7 (type 0) and garbage.
        assertEquals(false, H265.ptsEqualsDts(packet(p)));
    }

    @Test
    void h265FragmentationUnit() {
        assertEquals(true, H265.ptsEqualsDts(packet(h265(49, 0x80 | 19, 0xAF))));
        assertEquals(true, H265.ptsEqualsDts(packet(h265(49, 0x80 | 20, 0xAF))));
        assertEquals(true, H265_DON.ptsEqualsDts(packet(h265(49, 0x80 | 21, 0, 0, 0xAF))));
        assertEquals(false, H265.ptsEqualsDts(packet(h265(49, 19, 0xAF))));
        assertEquals(false, H265.ptsEqualsDts(packet(h265(49, 0x40 | 19, 0xAF))));
        assertEquals(false, H265.ptsEqualsDts(packet(h265(49, 0x80 | 1, 0xAF))));
        assertEquals(false, H265.ptsEqualsDts(packet(h265(49))));
    }
}
