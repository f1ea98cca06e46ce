package org.rtspkit.server.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.ServerConfig;

/** RFC 2435 packets of the demo's pictures, and the JPEG checks in front of them. */
class JpegRtpPacketizerTest {
    private static final int MAX = ServerConfig.MAX_UDP_PAYLOAD;

    private static BaselineJpeg frame(int width, int height, LocalTime time) {
        try (JpegEncoder encoder = new JpegEncoder(0.75f)) {
            return BaselineJpeg.parse(encoder.encode(new TestPattern(width, height).draw(time)));
        }
    }

    @Test
    void imageIoWritesWhatRtpCanCarry() {
        BaselineJpeg frame = frame(640, 360, LocalTime.of(12, 34, 56));
        assertEquals(BaselineJpeg.TYPE_420, frame.type(), "ImageIO's YCbCr sampling should be 4:2:0");
        assertEquals(640, frame.width());
        assertEquals(360, frame.height());
        assertEquals(128, frame.qTables().length);
        assertTrue(frame.scan().length > 1000, "scan of " + frame.scan().length + " bytes");
    }

    @Test
    void everyPacketCarriesTheMainHeaderAndTheFirstTheTables() {
        BaselineJpeg frame = frame(640, 360, LocalTime.of(12, 34, 56));
        List<RtpPacket> packets = new JpegRtpPacketizer(MAX, 65534).packetize(frame, 0xFFFF_FFF0L);
        assertTrue(packets.size() > 2, packets.size() + " packets");

        ByteArrayOutputStream scan = new ByteArrayOutputStream();
        for (int i = 0; i < packets.size(); i++) {
            RtpPacket p = packets.get(i);
            byte[] payload = p.payload();
            assertEquals(26, p.payloadType());
            assertEquals((65534 + i) & 0xFFFF, p.sequenceNumber(), "sequence numbers wrap around");
            assertEquals(0xFFFF_FFF0L, p.timestamp(), "one timestamp per frame");
            assertEquals(i == packets.size() - 1, p.marker(), "the marker bit ends the frame, packet " + i);
            assertTrue(p.marshalSize() <= MAX, "packet " + i + " is " + p.marshalSize() + " bytes");

            assertEquals(0, payload[0], "type-specific");
            assertEquals(scan.size(), (payload[1] & 0xFF) << 16 | (payload[2] & 0xFF) << 8 | payload[3] & 0xFF,
                    "fragment offset of packet " + i);
            assertEquals(1, payload[4], "type 1: 4:2:0");
            assertEquals(255, payload[5] & 0xFF, "Q 255: tables in-band");
            assertEquals(80, payload[6] & 0xFF, "width / 8");
            assertEquals(45, payload[7] & 0xFF, "height / 8");
            int headers = 8;
            if (i == 0) {
                assertEquals(0, payload[8], "MBZ");
                assertEquals(0, payload[9], "precision: 8-bit tables");
                assertEquals(128, (payload[10] & 0xFF) << 8 | payload[11] & 0xFF, "length of the tables");
                assertArrayEquals(frame.qTables(), Arrays.copyOfRange(payload, 12, 140));
                headers = 140;
            }
            if (i < packets.size() - 1) {
                assertEquals(MAX, p.marshalSize(), "all but the last packet are full, packet " + i);
            }
            scan.write(payload, headers, payload.length - headers);
        }
        assertArrayEquals(frame.scan(), scan.toByteArray(), "the fragments join up to the scan");
    }

    @Test
    void sequenceNumbersContinueAcrossFramesAndPacketsFitSmallerLimits() {
        BaselineJpeg frame = frame(320, 240, LocalTime.of(1, 2, 3));
        JpegRtpPacketizer packetizer = new JpegRtpPacketizer(600, 10);
        List<RtpPacket> first = packetizer.packetize(frame, 0);
        List<RtpPacket> second = packetizer.packetize(frame, 6000);
        assertEquals(10 + first.size(), second.get(0).sequenceNumber());
        assertTrue(second.stream().allMatch(p -> p.marshalSize() <= 600));
        assertEquals(6000, second.get(second.size() - 1).timestamp());
    }

    @Test
    void aScanThatFitsOnePacketIsOneMarkedPacket() {
        BaselineJpeg tiny = new BaselineJpeg(1, 16, 16, new byte[128], new byte[] {1, 2, 3});
        List<RtpPacket> packets = new JpegRtpPacketizer(MAX, 0).packetize(tiny, 90);
        assertEquals(1, packets.size());
        assertTrue(packets.get(0).marker());
        assertEquals(8 + 4 + 128 + 3, packets.get(0).payload().length);
        assertEquals(2, packets.get(0).payload()[6], "16 px is two blocks");
    }

    @Test
    void packetsTooSmallForTheTablesAreRefused() {
        // RTP header 12, main header 8, table header 4, tables 128: no room for a byte of scan in 152.
        assertThrows(IllegalArgumentException.class, () -> new JpegRtpPacketizer(152, 0));
        BaselineJpeg tiny = new BaselineJpeg(1, 16, 16, new byte[128], new byte[] {1, 2, 3});
        // One byte beside the tables, the other two in a packet without them.
        assertEquals(2, new JpegRtpPacketizer(153, 0).packetize(tiny, 0).size());
    }

    @Test
    void thePatternMoves() {
        BaselineJpeg a = frame(640, 360, LocalTime.of(12, 0, 0, 0));
        BaselineJpeg b = frame(640, 360, LocalTime.of(12, 0, 0, 66_000_000));
        assertFalse(Arrays.equals(a.scan(), b.scan()), "two pictures 66 ms apart should differ");
    }

    @Test
    void whatRfc2435CannotCarryIsNamed() throws Exception {
        byte[] good;
        try (JpegEncoder encoder = new JpegEncoder(0.75f)) {
            good = encoder.encode(new TestPattern(640, 360).draw(LocalTime.NOON));
        }
        int sof = indexOfMarker(good, 0xC0);
        byte[] progressive = good.clone();
        progressive[sof + 1] = (byte) 0xC2;
        assertMessage("JPEG frame type 0xC2 is not baseline", progressive);

        byte[] sampling444 = good.clone();
        sampling444[sof + 11] = 0x11; // Y 1x1
        assertMessage("JPEG sampling Y 11, Cb 11, Cr 11 is neither 4:2:2 nor 4:2:0 with tables 0, 1, 1", sampling444);

        byte[] odd = good.clone();
        odd[sof + 8] = (byte) 100; // width 100
        odd[sof + 7] = 0;
        assertMessage("JPEG size 100x360 cannot be sent: both sides must be multiples of 8, at most 2040", odd);

        int dht = indexOfMarker(good, 0xC4);
        byte[] huffman = good.clone();
        huffman[dht + 5 + 16] ^= 1; // the last DC luminance symbol
        assertMessage("Huffman table 00 is not the standard one (optimized tables cannot be sent)", huffman);

        assertMessage("not a JPEG image: no SOI marker", new byte[] {1, 2, 3, 4});

        byte[] sub422 = good.clone();
        sub422[sof + 11] = 0x21;
        assertEquals(BaselineJpeg.TYPE_422, BaselineJpeg.parse(sub422).type());
    }

    private static void assertMessage(String expected, byte[] jpeg) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BaselineJpeg.parse(jpeg));
        assertEquals(expected, e.getMessage());
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError(String.format("no marker %02X", marker));
    }
}
