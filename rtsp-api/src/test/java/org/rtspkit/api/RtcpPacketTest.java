package org.rtspkit.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtcpPacketTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static final ReceptionReport BLOCK = new ReceptionReport(0xBC5E9A40L, 0x10, -1, 0x000146EEL, 0x10,
            0x4CC52238L, 0x0001_0000L);
    private static final String BLOCK_HEX = "bc5e9a40 10 ffffff 000146ee 00000010 4cc52238 00010000";

    private static final SenderReport SR = new SenderReport(0x902F9E2EL,
            NtpTime.encode(Instant.parse("2017-08-10T12:22:00Z")), 240000, 1, 1, List.of(BLOCK));
    private static final ReceiverReport RR = new ReceiverReport(0x12345678L, List.of(BLOCK,
            new ReceptionReport(0xFFFF_FFFFL, 255, ReceptionReport.MAX_TOTAL_LOST, 0xFFFF_FFFFL, 0xFFFF_FFFFL,
                    0xFFFF_FFFFL, 0xFFFF_FFFFL)));
    private static final SourceDescription SDES = new SourceDescription(List.of(
            new SourceDescription.Chunk(0x12345678L, List.of(SourceDescription.Item.cname("abc"))),
            new SourceDescription.Chunk(0x9ABCDEF0L, List.of(SourceDescription.Item.cname("user@host"),
                    new SourceDescription.Item(6, "rtspkit".getBytes(StandardCharsets.UTF_8)))),
            new SourceDescription.Chunk(1, List.of())));
    private static final Goodbye BYE = new Goodbye(List.of(0x12345678L, 0xFFFF_FFFFL), "camera unplugged");
    private static final GenericRtcpPacket PLI = new GenericRtcpPacket(206, 1, hex("12345678 9abcdef0"));
    private static final GenericRtcpPacket APP = new GenericRtcpPacket(204, 3, hex("12345678 41424344 0102030405"));

    private static final List<RtcpPacket> ALL = List.of(SR, RR, SDES, BYE, PLI, APP,
            new ReceiverReport(7, List.of()), new Goodbye(List.of(), null), new Goodbye(List.of(1L), ""),
            new SourceDescription(List.of()), new GenericRtcpPacket(207, 0, new byte[0]));

    @Test
    void senderReportWire() {
        byte[] expected = hex("81c8000c 902f9e2e dd36ce6800000000 0003a980 00000001 00000001 " + BLOCK_HEX);
        assertEquals(expected.length, SR.marshalSize());
        assertArrayEquals(expected, SR.marshal());
        assertEquals(List.of(SR), RtcpPacket.unmarshalCompound(expected));
        assertEquals(Instant.parse("2017-08-10T12:22:00Z"), NtpTime.decode(SR.ntpTime()));
    }

    @Test
    void senderReportWithoutBlocks() {
        SenderReport sr = SenderReport.of(1, -1L, 2, 3, 4);
        byte[] b = sr.marshal();
        assertArrayEquals(hex("80c80006 00000001 ffffffffffffffff 00000002 00000003 00000004"), b);
        SenderReport back = assertInstanceOf(SenderReport.class, RtcpPacket.unmarshalCompound(b).get(0));
        assertEquals(sr, back);
        assertEquals(-1L, back.ntpTime());
    }

    @Test
    void senderReportProfileExtensionIsSkipped() {
        byte[] b = hex("80c80007 00000001 0000000000000000 00000002 00000003 00000004 cafebabe");
        assertEquals(List.of(SenderReport.of(1, 0, 2, 3, 4)), RtcpPacket.unmarshalCompound(b));
    }

    @Test
    void receiverReportWire() {
        byte[] expected = hex("82c9000d 12345678 " + BLOCK_HEX + " ffffffff ff 7fffff ffffffff ffffffff ffffffff ffffffff");
        assertArrayEquals(expected, RR.marshal());
        List<RtcpPacket> back = RtcpPacket.unmarshalCompound(expected);
        assertEquals(List.of(RR), back);
        ReceptionReport first = ((ReceiverReport) back.get(0)).reports().get(0);
        assertEquals(-1, first.totalLost());
        assertEquals(0x10, first.fractionLost());
    }

    @Test
    void totalLostIsSigned24Bit() {
        for (int lost : new int[] {0, 1, 69, -1, -2, 0x7FFFFF, -0x800000}) {
            ReceiverReport rr = new ReceiverReport(1, List.of(new ReceptionReport(2, 0, lost, 0, 0, 0, 0)));
            assertEquals(rr, RtcpPacket.unmarshalCompound(rr.marshal()).get(0), "lost " + lost);
        }
        assertThrows(IllegalArgumentException.class, () -> new ReceptionReport(1, 0, 0x800000, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReceptionReport(1, 0, 0xFFFFFF, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReceptionReport(1, 0, -0x800001, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReceptionReport(1, 256, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReceptionReport(1L << 32, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReceptionReport(1, 0, 0, -1, 0, 0, 0));
    }

    @Test
    void emptyReceiverReportOpensFirewalls() {
        byte[] b = new ReceiverReport(0x11223344L, List.of()).marshal();
        assertArrayEquals(hex("80c90001 11223344"), b);
    }

    @Test
    void sourceDescriptionWire() {
        byte[] one = SourceDescription.cname(0x12345678L, "abc").marshal();
        assertArrayEquals(hex("81ca0003 12345678 0103616263 000000"), one);
        // 4 + 2 + 4 bytes of items needs a null octet and then a whole word of padding.
        byte[] aligned = SourceDescription.cname(1, "abcdef").marshal();
        assertArrayEquals(hex("81ca0004 00000001 0106616263646566 00000000"), aligned);
        assertEquals(List.of(SourceDescription.cname(1, "abcdef")), RtcpPacket.unmarshalCompound(aligned));

        byte[] all = SDES.marshal();
        assertEquals(SDES.marshalSize(), all.length);
        assertEquals(0, all.length % 4);
        SourceDescription back = assertInstanceOf(SourceDescription.class, RtcpPacket.unmarshalCompound(all).get(0));
        assertEquals(SDES, back);
        assertEquals("user@host", back.chunks().get(1).items().get(0).textAsString());
        assertEquals(List.of(), back.chunks().get(2).items());
    }

    @Test
    void sourceDescriptionChunksStartOnWordBoundaries() {
        // Chunk 1: SSRC 1, CNAME "a", terminator (word ends there); chunk 2: SSRC 2, CNAME "bc", terminator, 3 nulls.
        byte[] b = hex("82ca0005 00000001 01016100 00000002 01026263 00000000");
        assertEquals(List.of(new SourceDescription(List.of(
                new SourceDescription.Chunk(1, List.of(SourceDescription.Item.cname("a"))),
                new SourceDescription.Chunk(2, List.of(SourceDescription.Item.cname("bc")))))),
                RtcpPacket.unmarshalCompound(b));
        assertArrayEquals(b, RtcpPacket.unmarshalCompound(b).get(0).marshal());
    }

    @Test
    void goodbyeWire() {
        assertArrayEquals(hex("81cb0002 12345678 03627965"), new Goodbye(List.of(0x12345678L), "bye").marshal());
        assertArrayEquals(hex("81cb0003 12345678 04627965 21000000"), new Goodbye(List.of(0x12345678L), "bye!").marshal());
        assertArrayEquals(hex("82cb0002 00000001 00000002"), new Goodbye(List.of(1L, 2L), null).marshal());
        Goodbye back = assertInstanceOf(Goodbye.class, RtcpPacket.unmarshalCompound(BYE.marshal()).get(0));
        assertEquals(BYE, back);
        assertEquals("camera unplugged", back.reason());
        assertNull(((Goodbye) RtcpPacket.unmarshalCompound(hex("81cb0001 12345678")).get(0)).reason());
    }

    @Test
    void otherTypesAreKeptRaw() {
        byte[] pli = PLI.marshal();
        assertArrayEquals(hex("81ce0002 12345678 9abcdef0"), pli);
        assertEquals(List.of(PLI), RtcpPacket.unmarshalCompound(pli));

        // A 13-byte body is padded to a word with the P bit.
        byte[] app = APP.marshal();
        assertArrayEquals(hex("a3cc0004 12345678 41424344 0102030405 000003"), app);
        GenericRtcpPacket back = assertInstanceOf(GenericRtcpPacket.class, RtcpPacket.unmarshalCompound(app).get(0));
        assertEquals(APP, back);
        assertEquals(204, back.packetType());
        assertEquals(3, back.count());
        assertArrayEquals(hex("12345678 41424344 0102030405"), back.body());
    }

    @Test
    void paddingIsRemovedFromKnownTypes() {
        byte[] b = hex("a0c90002 00000009 00000004");
        assertEquals(List.of(new ReceiverReport(9, List.of())), RtcpPacket.unmarshalCompound(b));
    }

    @Test
    void everyTypeRoundTrips() {
        for (RtcpPacket p : ALL) {
            byte[] b = p.marshal();
            assertEquals(p.marshalSize(), b.length, p.toString());
            assertEquals(0, b.length % 4, p.toString());
            List<RtcpPacket> back = RtcpPacket.unmarshalCompound(b);
            assertEquals(List.of(p), back, p.toString());
            assertEquals(p.hashCode(), back.get(0).hashCode());
        }
    }

    @Test
    void compoundRoundTrips() {
        byte[] b = RtcpPacket.marshalCompound(ALL);
        assertEquals(ALL, RtcpPacket.unmarshalCompound(b));

        byte[] framed = new byte[b.length + 10];
        System.arraycopy(b, 0, framed, 4, b.length);
        assertEquals(ALL, RtcpPacket.unmarshalCompound(framed, 4, b.length));
        assertArrayEquals(new byte[0], RtcpPacket.marshalCompound(List.of()));
    }

    @Test
    void marshalToWritesAtAnOffsetAndChecksRoom() {
        for (RtcpPacket p : ALL) {
            byte[] buf = new byte[p.marshalSize() + 5];
            assertEquals(p.marshalSize(), p.marshalTo(buf, 5));
            assertEquals(List.of(p), RtcpPacket.unmarshalCompound(buf, 5, p.marshalSize()));
            byte[] small = new byte[p.marshalSize() - 1];
            assertThrows(IndexOutOfBoundsException.class, () -> p.marshalTo(small, 0));
            assertTrue(Arrays.equals(new byte[small.length], small), "nothing written for " + p);
        }
    }

    @Test
    void malformedInputSaysWhatIsWrong() {
        assertMessage("RTCP packet is empty", new byte[0]);
        assertMessage("RTCP header size insufficient: 2 < 4", hex("80c9"));
        assertMessage("RTCP version must be 2, got 1", hex("40c90001 00000001"));
        assertMessage("RTCP version must be 2, got 0", hex("00000000"));
        assertMessage("RTCP packet (type 200) length of 28 bytes exceeds the 8 bytes left", hex("80c80006 00000001"));
        assertMessage("RTCP sender report too short: 24 < 48 bytes for 1 report blocks",
                hex("81c80006 00000001 0000000000000000 00000002 00000003 00000004"));
        assertMessage("RTCP receiver report too short: 4 < 28 bytes for 1 report blocks", hex("81c90001 00000001"));
        assertMessage("RTCP packet (type 201) has an invalid padding count 0 for a body of 4 bytes",
                hex("a0c90001 00000000"));
        assertMessage("RTCP packet (type 201) has an invalid padding count 9 for a body of 4 bytes",
                hex("a0c90001 00000009"));
        assertMessage("RTCP source description chunk 1 has no terminating null item", hex("81ca0002 12345678 01026162"));
        assertMessage("RTCP source description item (type 1) runs past the packet", hex("81ca0002 12345678 01056162"));
        assertMessage("RTCP source description chunk 2 of 2 is truncated: 0 < 4 bytes",
                hex("82ca0002 12345678 01016100"));
        assertMessage("RTCP goodbye too short: 4 < 8 bytes for 2 sources", hex("82cb0001 12345678"));
        assertMessage("RTCP goodbye reason of 5 bytes runs past the packet", hex("81cb0002 12345678 05627965"));
        // A good packet followed by a truncated one.
        assertMessage("RTCP header size insufficient: 3 < 4", hex("80c90001 00000001 80c900"));
        assertMessage("RTCP packet (type 202) length of 16 bytes exceeds the 12 bytes left",
                hex("80c90001 00000001 81ca0003 12345678 01036162"));
    }

    private static void assertMessage(String expected, byte[] packet) {
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> RtcpPacket.unmarshalCompound(packet));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void rangeOutsideTheBufferIsAnArgumentError() {
        byte[] b = SR.marshal();
        assertThrows(IndexOutOfBoundsException.class, () -> RtcpPacket.unmarshalCompound(b, 4, b.length));
    }

    @Test
    void everyPrefixParsesOrThrowsMalformedData() {
        byte[] compound = RtcpPacket.marshalCompound(ALL);
        for (int len = 0; len <= compound.length; len++) {
            try {
                List<RtcpPacket> parsed = RtcpPacket.unmarshalCompound(compound, 0, len);
                // A prefix that parses ends on a packet boundary and holds the leading packets.
                assertEquals(ALL.subList(0, parsed.size()), parsed);
            } catch (MalformedDataException expected) {
                // fine: a clear parse error
            } catch (RuntimeException e) {
                fail("prefix of " + len + " bytes threw " + e, e);
            }
        }
        for (RtcpPacket p : ALL) {
            byte[] b = p.marshal();
            for (int len = 0; len < b.length; len++) {
                int l = len;
                assertThrows(MalformedDataException.class, () -> RtcpPacket.unmarshalCompound(b, 0, l),
                        "prefix " + len + " of " + p);
            }
        }
    }

    @Test
    void everyLengthFieldLieParsesOrThrowsMalformedData() {
        // Change each packet's count and length fields to every value a byte can take.
        for (RtcpPacket p : ALL) {
            byte[] good = p.marshal();
            for (int field = 0; field < 4; field++) {
                for (int v = 0; v < 256; v++) {
                    byte[] b = good.clone();
                    b[field] = (byte) v;
                    parseQuietly(b);
                }
            }
        }
    }

    @Test
    void randomBytesNeverThrowAnythingButMalformedData() {
        Random random = new Random(3550);
        byte[] buf = new byte[96];
        for (int i = 0; i < 50_000; i++) {
            random.nextBytes(buf);
            // Mostly well-formed headers of known types, so the decoders see the garbage.
            buf[0] = (byte) (0x80 | (buf[0] & 0x3F));
            buf[1] = (byte) (200 + random.nextInt(8));
            buf[2] = 0;
            buf[3] = (byte) random.nextInt(25);
            int len = random.nextInt(buf.length + 1);
            parseQuietly(Arrays.copyOf(buf, len));
        }
    }

    private static void parseQuietly(byte[] b) {
        try {
            List<RtcpPacket> parsed = RtcpPacket.unmarshalCompound(b);
            // What parses marshals again and parses to the same values.
            assertEquals(parsed, RtcpPacket.unmarshalCompound(RtcpPacket.marshalCompound(parsed)));
        } catch (MalformedDataException expected) {
            // fine
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for " + HexFormat.of().formatHex(b), e);
        }
    }

    @Test
    void constructorsValidate() {
        List<ReceptionReport> tooMany = Collections.nCopies(32, BLOCK);
        assertThrows(IllegalArgumentException.class, () -> new ReceiverReport(1, tooMany));
        assertThrows(IllegalArgumentException.class, () -> new SenderReport(1, 0, 0, 0, 0, tooMany));
        assertEquals(31, new ReceiverReport(1, tooMany.subList(0, 31)).reports().size());
        assertThrows(IllegalArgumentException.class, () -> new ReceiverReport(-1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> SenderReport.of(1, 0, 1L << 32, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SourceDescription.Item(0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> new SourceDescription.Item(1, new byte[256]));
        assertThrows(IllegalArgumentException.class, () -> new Goodbye(List.of(), "x".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> new Goodbye(List.of(-1L), null));
        assertThrows(IllegalArgumentException.class, () -> new GenericRtcpPacket(256, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new GenericRtcpPacket(204, 32, null));
        List<Long> sources = new ArrayList<>();
        for (long s = 0; s < 32; s++) {
            sources.add(s);
        }
        assertThrows(IllegalArgumentException.class, () -> new Goodbye(sources, null));
        assertEquals(255, new Goodbye(List.of(), "x".repeat(255)).reason().length());
    }

    @Test
    void byteArrayValuesCompareByContentAndAreCopied() {
        byte[] body = hex("01020304");
        GenericRtcpPacket g = new GenericRtcpPacket(205, 1, body);
        body[0] = 9;
        assertArrayEquals(hex("01020304"), g.body());
        assertEquals(g, new GenericRtcpPacket(205, 1, hex("01020304")));
        assertNotEquals(g, new GenericRtcpPacket(205, 2, hex("01020304")));
        assertEquals(SourceDescription.Item.cname("a"), SourceDescription.Item.cname("a"));
        assertEquals(SourceDescription.Item.cname("a").hashCode(), SourceDescription.Item.cname("a").hashCode());
        assertTrue(g.toString().contains("01020304"), g.toString());
    }
}
