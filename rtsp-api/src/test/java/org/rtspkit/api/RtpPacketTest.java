package org.rtspkit.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static final RtpPacket FULL = new RtpPacket(true, 111, 65535, 0xFFFF_FFFFL, 0x8000_0001L,
            new int[] {0x01020304, 0xFFFFFFFF}, new RtpPacket.RtpExtension(0xBEDE, hex("10 aa 00 00")),
            hex("0102030405"), 3);

    @Test
    void marshalsTheFixedHeader() {
        RtpPacket p = RtpPacket.of(true, 96, 946, 1287987768L, 0x9DBB7812L, hex("0102030404"));
        byte[] expected = hex("80 e0 03b2 4cc52238 9dbb7812 0102030404");
        assertEquals(17, p.marshalSize());
        assertArrayEquals(expected, p.marshal());
        assertEquals(p, RtpPacket.unmarshal(expected));
    }

    @Test
    void marshalsCsrcsExtensionAndPadding() {
        byte[] expected = hex("b2 ef ffff ffffffff 80000001 01020304 ffffffff bede 0001 10aa0000 0102030405 000003");
        assertEquals(expected.length, FULL.marshalSize());
        assertArrayEquals(expected, FULL.marshal());
        RtpPacket back = RtpPacket.unmarshal(expected);
        assertEquals(FULL, back);
        assertEquals(FULL.hashCode(), back.hashCode());
        assertEquals(3, back.paddingSize());
        assertArrayEquals(hex("0102030405"), back.payload());
        assertEquals(0xFFFF_FFFFL, back.timestamp());
        assertEquals(0xFFFFFFFF, back.csrcs()[1]);
    }

    @Test
    void marshalToWritesAtAnOffsetAndReturnsTheSize() {
        byte[] buf = new byte[100];
        Arrays.fill(buf, (byte) 0x55);
        int n = FULL.marshalTo(buf, 7);
        assertEquals(FULL.marshalSize(), n);
        assertEquals(0x55, buf[6]);
        assertEquals(0x55, buf[7 + n]);
        assertEquals(FULL, RtpPacket.unmarshal(buf, 7, n));
    }

    @Test
    void marshalToRefusesABufferTooSmallWithoutWriting() {
        byte[] buf = new byte[FULL.marshalSize() + 3];
        assertThrows(IndexOutOfBoundsException.class, () -> FULL.marshalTo(buf, 4));
        assertTrue(Arrays.equals(new byte[buf.length], buf));
        assertThrows(IndexOutOfBoundsException.class, () -> FULL.marshalTo(buf, -1));
        assertEquals(FULL.marshalSize(), FULL.marshalTo(buf, 3));
    }

    @Test
    void unmarshalRejectsARangeOutsideTheBuffer() {
        byte[] b = FULL.marshal();
        assertThrows(IndexOutOfBoundsException.class, () -> RtpPacket.unmarshal(b, 1, b.length));
        assertThrows(IndexOutOfBoundsException.class, () -> RtpPacket.unmarshal(b, -1, 4));
    }

    @Test
    void emptyPayloadAndZeroLengthExtension() {
        RtpPacket p = new RtpPacket(false, 0, 0, 0, 0, null, new RtpPacket.RtpExtension(1, null), null, 0);
        assertArrayEquals(new byte[0], p.payload());
        assertEquals(0, p.csrcs().length);
        byte[] b = p.marshal();
        assertArrayEquals(hex("90 00 0000 00000000 00000000 0001 0000"), b);
        assertEquals(p, RtpPacket.unmarshal(b));
    }

    @Test
    void paddingOnlyPacket() {
        // RFC 3550 allows padding with no payload (used for bandwidth probing).
        RtpPacket p = new RtpPacket(false, 96, 1, 2, 3, null, null, null, 255);
        byte[] b = p.marshal();
        assertEquals(12 + 255, b.length);
        assertEquals((byte) 255, b[b.length - 1]);
        assertEquals(p, RtpPacket.unmarshal(b));
    }

    @Test
    void headerErrorsSayWhatIsWrong() {
        assertMessage("RTP header size insufficient: 0 < 4", new byte[0]);
        assertMessage("RTP header size insufficient: 2 < 4", hex("8060"));
        assertMessage("RTP header size insufficient: 11 < 12", hex("8060 0001 00000002 000000"));
        assertMessage("RTP version must be 2, got 1", hex("4060 0001 00000002 00000003"));
        assertMessage("RTP version must be 2, got 0", hex("0060 0001"));
        assertMessage("RTP version must be 2, got 3", hex("c060 0001 00000002 00000003"));
        assertMessage("RTP header size insufficient: 16 < 20 (2 CSRCs)", hex("8260 0001 00000002 00000003 00000004"));
        assertMessage("RTP header size insufficient for the extension header: 14 < 16",
                hex("9060 0001 00000002 00000003 bede"));
        assertMessage("RTP header extension of 8 bytes exceeds the packet: 20 < 24",
                hex("9060 0001 00000002 00000003 bede 0002 00000000"));
        assertMessage("RTP padding bit set but the padding count is 0", hex("a060 0001 00000002 00000003 0100"));
        assertMessage("RTP padding of 3 bytes exceeds the 2 bytes after the header",
                hex("a060 0001 00000002 00000003 0103"));
        assertMessage("RTP padding of 3 bytes exceeds the 0 bytes after the header", hex("a060 0001 00000002 00000003"));
    }

    private static void assertMessage(String expected, byte[] packet) {
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> RtpPacket.unmarshal(packet));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void everyPrefixParsesOrThrowsMalformedData() {
        for (RtpPacket p : List.of(FULL, RtpPacket.of(false, 0, 1, 2, 3, new byte[40]))) {
            byte[] b = p.marshal();
            for (int len = 0; len < b.length; len++) {
                try {
                    RtpPacket.unmarshal(b, 0, len);
                } catch (MalformedDataException expected) {
                    // fine: a clear parse error
                }
            }
            assertEquals(p, RtpPacket.unmarshal(b, 0, b.length));
        }
    }

    @Test
    void randomBytesNeverThrowAnythingButMalformedData() {
        Random random = new Random(3550);
        byte[] buf = new byte[64];
        for (int i = 0; i < 50_000; i++) {
            random.nextBytes(buf);
            if (random.nextBoolean()) {
                buf[0] = (byte) ((buf[0] & 0x3F) | 0x80);
            }
            int len = random.nextInt(buf.length + 1);
            try {
                RtpPacket p = RtpPacket.unmarshal(buf, 0, len);
                assertEquals(len, p.marshalSize());
                assertEquals(p, RtpPacket.unmarshal(p.marshal()));
            } catch (MalformedDataException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("unexpected " + e + " for " + HexFormat.of().formatHex(buf, 0, len), e);
            }
        }
    }

    @Test
    void constructorValidatesRanges() {
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.of(false, 128, 0, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.of(false, -1, 0, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.of(false, 96, 65536, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.of(false, 96, -1, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.of(false, 96, 0, 1L << 32, 0, null));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.of(false, 96, 0, -1, 0, null));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.of(false, 96, 0, 0, 1L << 32, null));
        assertThrows(IllegalArgumentException.class,
                () -> new RtpPacket(false, 96, 0, 0, 0, new int[16], null, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(false, 96, 0, 0, 0, null, null, null, 256));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket.RtpExtension(1, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket.RtpExtension(65536, new byte[4]));
    }

    @Test
    void equalityUsesArrayContents() {
        RtpPacket a = RtpPacket.of(true, 96, 1, 2, 3, new byte[] {1, 2});
        RtpPacket b = RtpPacket.of(true, 96, 1, 2, 3, new byte[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, RtpPacket.of(true, 96, 1, 2, 3, new byte[] {1, 3}));
        assertNotEquals(a, a.withSsrc(4));
        assertEquals(4, a.withSsrc(4).ssrc());
        assertEquals(new RtpPacket.RtpExtension(5, new byte[4]), new RtpPacket.RtpExtension(5, new byte[4]));
        assertNull(a.extension());
        assertTrue(FULL.toString().contains("csrcs=[16909060, -1]"), FULL.toString());
        assertTrue(RtpPacket.of(true, 96, 1, 2, 3, new byte[1000]).toString().contains("1000 bytes"));
    }
}
