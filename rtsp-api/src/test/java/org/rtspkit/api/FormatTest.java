package org.rtspkit.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatTest {
    static final byte[] SPS = Base64.getDecoder().decode("Z2QAH6zZQFAFuhAAAAMAEAAAAwPI8YMZYA==");
    static final byte[] PPS = Base64.getDecoder().decode("aOvjyyLA");
    static final byte[] VPS265 = Base64.getDecoder().decode("QAEMAf//AWAAAAMAkAAAAwAAAwBdlZgJ");
    static final byte[] SPS265 = Base64.getDecoder().decode("QgEBAWAAAAMAkAAAAwAAAwBdoAKAgC0WWVmkkyvAQAAAAwBAAAAGQg==");
    static final byte[] PPS265 = Base64.getDecoder().decode("RAHBcrRiQA==");

    /** {@code k=v; k=v} as the tests write fmtp parameters (reading the SDP text is the protocol module's job). */
    private static Map<String, String> fmtp(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String[] kv = part.strip().split("=", 2);
            out.put(kv[0].strip(), kv.length == 2 ? kv[1].strip() : "");
        }
        return out;
    }

    @Test
    void h264FromSdp() {
        Format f = Format.fromSdp(96, "H264/90000",
                fmtp("packetization-mode=1;sprop-parameter-sets=Z2QAH6zZQFAFuhAAAAMAEAAAAwPI8YMZYA==,aOvjyyLA;"
                        + "profile-level-id=64001f;level-asymmetry-allowed=1"));
        H264Format h = assertInstanceOf(H264Format.class, f);
        assertEquals(96, h.payloadType());
        assertEquals(1, h.packetizationMode());
        assertArrayEquals(SPS, h.sps());
        assertArrayEquals(PPS, h.pps());
        assertEquals("64001f", h.profileLevelId());
        assertEquals(Map.of("level-asymmetry-allowed", "1"), h.parameters());
        assertEquals(90000, h.clockRate());
        assertEquals("H264/90000", h.rtpMap());
        assertEquals(Map.of("packetization-mode", "1", "level-asymmetry-allowed", "1", "profile-level-id", "64001f",
                "sprop-parameter-sets", "Z2QAH6zZQFAFuhAAAAMAEAAAAwPI8YMZYA==,aOvjyyLA"), h.fmtp());
        assertEquals(List.of("level-asymmetry-allowed", "packetization-mode", "profile-level-id", "sprop-parameter-sets"),
                List.copyOf(h.fmtp().keySet()));
    }

    @Test
    void h264PacketizationModeIsZeroWhenAbsentAndNotWritten() {
        H264Format h = assertInstanceOf(H264Format.class, Format.fromSdp(96, "h264/90000", Map.of()));
        assertEquals(0, h.packetizationMode());
        assertEquals(Map.of(), h.fmtp());
        assertNull(h.sps());
        H264Format explicitZero = assertInstanceOf(H264Format.class,
                Format.fromSdp(96, "H264/90000", fmtp("packetization-mode=0")));
        assertEquals(h, explicitZero);
    }

    @Test
    void h264ParameterNamesAreCaseInsensitive() {
        H264Format h = assertInstanceOf(H264Format.class, Format.fromSdp(96, "H264/90000",
                fmtp("Packetization-Mode=1; SPROP-PARAMETER-SETS=Z2QAH6zZQFAFuhAAAAMAEAAAAwPI8YMZYA,aOvjyyLA; X-Custom=Yes")));
        assertEquals(1, h.packetizationMode());
        assertArrayEquals(SPS, h.sps());
        assertEquals(Map.of("x-custom", "Yes"), h.parameters());
    }

    @Test
    void h264KeepsParameterSetsItCannotSplitVerbatim() {
        for (String sets : List.of("Z2QAH6zZQFAFuhAAAAMAEAAAAwPI8YMZYA==,aOvjyyLA,aOvjyyLA", "not base64!", "BgX/", "")) {
            H264Format h = assertInstanceOf(H264Format.class,
                    Format.fromSdp(96, "H264/90000", Map.of("sprop-parameter-sets", sets)));
            assertNull(h.sps(), sets);
            assertNull(h.pps(), sets);
            assertEquals(sets, h.fmtp().get("sprop-parameter-sets"));
        }
        H264Format onlySps = assertInstanceOf(H264Format.class,
                Format.fromSdp(96, "H264/90000", Map.of("sprop-parameter-sets", "Z2QAH6zZQFAFuhAAAAMAEAAAAwPI8YMZYA==")));
        assertArrayEquals(SPS, onlySps.sps());
        assertNull(onlySps.pps());
        assertEquals("Z2QAH6zZQFAFuhAAAAMAEAAAAwPI8YMZYA==", onlySps.fmtp().get("sprop-parameter-sets"));
    }

    @Test
    void h264Factories() {
        H264Format h = H264Format.of(96, SPS, PPS);
        assertEquals(1, h.packetizationMode());
        assertEquals("64001F", h.profileLevelId());
        assertEquals("Z2QAH6zZQFAFuhAAAAMAEAAAAwPI8YMZYA==,aOvjyyLA", h.fmtp().get("sprop-parameter-sets"));

        byte[] otherSps = SPS.clone();
        otherSps[3] = 0x28;
        H264Format reloaded = h.withParameterSets(otherSps, PPS);
        assertEquals("640028", reloaded.profileLevelId());
        assertArrayEquals(otherSps, reloaded.sps());
        assertNotEquals(h, reloaded);

        H264Format verbatim = assertInstanceOf(H264Format.class,
                Format.fromSdp(96, "H264/90000", Map.of("sprop-parameter-sets", "junk!", "packetization-mode", "1")));
        H264Format fixed = verbatim.withParameterSets(SPS, PPS);
        assertArrayEquals(SPS, fixed.sps());
        assertEquals("Z2QAH6zZQFAFuhAAAAMAEAAAAwPI8YMZYA==,aOvjyyLA", fixed.fmtp().get("sprop-parameter-sets"));
    }

    @Test
    void h264CopiesArraysAndComparesByContent() {
        byte[] sps = SPS.clone();
        H264Format a = H264Format.of(96, sps, PPS);
        sps[1] = 0;
        assertArrayEquals(SPS, a.sps());
        a.sps()[1] = 0;
        assertArrayEquals(SPS, a.sps());
        H264Format b = H264Format.of(96, SPS.clone(), PPS.clone());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(a.toString().contains("sps=[6764001f"), a.toString());
    }

    @Test
    void h264RefusesOwnedKeysInParameters() {
        assertThrows(IllegalArgumentException.class,
                () -> new H264Format(96, 1, null, null, null, Map.of("packetization-mode", "1")));
        assertThrows(IllegalArgumentException.class,
                () -> new H264Format(96, 1, SPS, PPS, null, Map.of("sprop-parameter-sets", "x")));
        assertThrows(IllegalArgumentException.class, () -> new H264Format(96, 3, null, null, null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new H264Format(128, 1, null, null, null, Map.of()));
    }

    @Test
    void h265FromSdp() {
        H265Format h = assertInstanceOf(H265Format.class, Format.fromSdp(96, "H265/90000",
                fmtp("sprop-vps=QAEMAf//AWAAAAMAkAAAAwAAAwBdlZgJ; sprop-sps=QgEBAWAAAAMAkAAAAwAAAwBdoAKAgC0WWVmkkyvAQAAAAwBAAAAGQg==;"
                        + " sprop-pps=RAHBcrRiQA==; profile-id=1")));
        assertArrayEquals(VPS265, h.vps());
        assertArrayEquals(SPS265, h.sps());
        assertArrayEquals(PPS265, h.pps());
        assertEquals(0, h.maxDonDiff());
        assertEquals(Map.of("profile-id", "1"), h.parameters());
        assertEquals("H265/90000", h.rtpMap());
        assertEquals(Map.of("sprop-vps", "QAEMAf//AWAAAAMAkAAAAwAAAwBdlZgJ",
                "sprop-sps", "QgEBAWAAAAMAkAAAAwAAAwBdoAKAgC0WWVmkkyvAQAAAAwBAAAAGQg==",
                "sprop-pps", "RAHBcrRiQA==", "profile-id", "1"), h.fmtp());
        assertEquals(new H265Format(96, VPS265, SPS265, PPS265, 0, Map.of("profile-id", "1")), h);
    }

    @Test
    void h265KeepsListsVerbatimAndReadsMaxDonDiff() {
        H265Format h = assertInstanceOf(H265Format.class, Format.fromSdp(96, "H265/90000",
                fmtp("sprop-pps=RAHBcrRiQA==,RAHBcrRiQA==;sprop-max-don-diff=2")));
        assertNull(h.pps());
        assertEquals(2, h.maxDonDiff());
        assertEquals(Map.of("sprop-pps", "RAHBcrRiQA==,RAHBcrRiQA==", "sprop-max-don-diff", "2"), h.fmtp());
        assertThrows(MalformedDataException.class,
                () -> Format.fromSdp(96, "H265/90000", Map.of("sprop-max-don-diff", "lots")));
    }

    @Test
    void h265EqualityUsesContent() {
        H265Format a = H265Format.of(96, VPS265, SPS265, PPS265);
        H265Format b = H265Format.of(96, VPS265.clone(), SPS265.clone(), PPS265.clone());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, H265Format.of(96, VPS265, SPS265, null));
        assertEquals(a, a.withParameterSets(VPS265, SPS265, PPS265));
    }

    @Test
    void mpeg4AudioFromSdp() {
        Mpeg4AudioFormat f = assertInstanceOf(Mpeg4AudioFormat.class, Format.fromSdp(97, "mpeg4-generic/48000/2",
                fmtp("streamtype=5; profile-level-id=1; mode=AAC-hbr; sizelength=13; indexlength=3; "
                        + "indexdeltalength=3; config=1190")));
        assertEquals(48000, f.clockRate());
        assertEquals(2, f.channelCount());
        assertArrayEquals(new byte[] {0x11, (byte) 0x90}, f.config());
        assertEquals("MPEG4-GENERIC/48000/2", f.rtpMap());
        assertEquals(Map.of("streamtype", "5", "profile-level-id", "1", "mode", "AAC-hbr", "sizelength", "13",
                "indexlength", "3", "indexdeltalength", "3", "config", "1190"), f.fmtp());
        assertEquals(Mpeg4AudioFormat.aacHbr(97, 48000, 2, new byte[] {0x11, (byte) 0x90}), f);

        Mpeg4AudioFormat mono = assertInstanceOf(Mpeg4AudioFormat.class,
                Format.fromSdp(97, "MPEG4-GENERIC/16000", fmtp("mode=AAC-lbr;config=1408;sizelength=6")));
        assertEquals(1, mono.channelCount());
        assertEquals("MPEG4-GENERIC/16000/1", mono.rtpMap());
        assertEquals(0, mono.indexLength());
    }

    @Test
    void mpeg4GenericThatIsNotAacIsGeneric() {
        Map<String, String> celp = fmtp("streamtype=5; mode=CELP-cbr; config=440E00; frameSizeLength=6");
        assertEquals(new GenericFormat(97, 16000, "mpeg4-generic/16000/1", celp),
                Format.fromSdp(97, "mpeg4-generic/16000/1", celp));
        Map<String, String> badConfig = fmtp("mode=AAC-hbr; config=zz; sizelength=13");
        assertInstanceOf(GenericFormat.class, Format.fromSdp(97, "MPEG4-GENERIC/44100/2", badConfig));
        assertInstanceOf(GenericFormat.class, Format.fromSdp(97, "MPEG4-GENERIC/44100/2", fmtp("config=1210")));
        assertInstanceOf(GenericFormat.class, Format.fromSdp(97, "MPEG4-GENERIC/44100/x", fmtp("mode=AAC-hbr")));
    }

    @Test
    void opusFromSdp() {
        assertEquals(new OpusFormat(111, true, Map.of("minptime", "10", "useinbandfec", "1")),
                Format.fromSdp(111, "opus/48000/2", fmtp("minptime=10;useinbandfec=1; sprop-stereo=1")));
        assertEquals(OpusFormat.of(111, false), Format.fromSdp(111, "OPUS/48000", Map.of()));
        OpusFormat stereo = OpusFormat.of(111, true);
        assertEquals(Map.of("sprop-stereo", "1"), stereo.fmtp());
        assertEquals(Map.of(), OpusFormat.of(111, false).fmtp());
        // Not what RFC 7587 allows: kept exactly as given.
        assertInstanceOf(GenericFormat.class, Format.fromSdp(111, "opus/48000/1", Map.of()));
        assertInstanceOf(GenericFormat.class, Format.fromSdp(111, "opus/8000/2", Map.of()));
    }

    @Test
    void g711FromSdp() {
        assertEquals(G711Format.pcmu(), Format.fromSdp(0, null, Map.of()));
        assertEquals(G711Format.pcma(), Format.fromSdp(8, null, null));
        assertEquals(G711Format.pcmu(), Format.fromSdp(0, "PCMU/8000", Map.of()));
        assertEquals(G711Format.pcmu(), Format.fromSdp(0, "pcmu/8000/1", Map.of()));
        assertEquals(new G711Format(96, false, 16000, 2), Format.fromSdp(96, "PCMA/16000/2", Map.of()));
        assertEquals("PCMA/16000/2", new G711Format(96, false, 16000, 2).rtpMap());
        assertEquals("PCMU/8000", G711Format.pcmu().rtpMap());
        assertEquals(8000, G711Format.pcma().clockRate());
        assertEquals(Map.of(), G711Format.pcma().fmtp());
        assertInstanceOf(GenericFormat.class, Format.fromSdp(96, "PCMU/8000/zero", Map.of()));
    }

    @ParameterizedTest
    @CsvSource({"0,8000", "3,8000", "4,8000", "5,8000", "6,16000", "7,8000", "8,8000", "9,8000", "10,44100",
        "11,44100", "12,8000", "13,8000", "14,90000", "15,8000", "16,11025", "17,22050", "18,8000", "25,90000",
        "26,90000", "28,90000", "31,90000", "32,90000", "33,90000", "34,90000"})
    void staticPayloadTypesHaveTheirRfc3551ClockRate(int payloadType, int clockRate) {
        Format f = Format.fromSdp(payloadType, null, Map.of());
        assertEquals(clockRate, f.clockRate());
        if (payloadType != 0 && payloadType != 8) {
            assertEquals(new GenericFormat(payloadType, clockRate, null, Map.of()), f);
            assertNull(f.rtpMap());
        }
    }

    @Test
    void payloadTypesWithoutClockRate() {
        for (int pt : new int[] {19, 20, 35, 72, 95, 96, 127}) {
            MalformedDataException e = assertThrows(MalformedDataException.class, () -> Format.fromSdp(pt, null, Map.of()));
            assertEquals("clock rate not found", e.getMessage());
        }
        assertThrows(MalformedDataException.class, () -> Format.fromSdp(128, "H264/90000", Map.of()));
        assertThrows(MalformedDataException.class, () -> Format.fromSdp(96, "H264/0", Map.of()));
        assertThrows(MalformedDataException.class, () -> Format.fromSdp(96, "H264/90000/1/2", Map.of()));
        assertThrows(MalformedDataException.class, () -> Format.fromSdp(96, "/90000", Map.of()));
    }

    @Test
    void staticPayloadTypeWithRtpmapUsesIt() {
        assertEquals(new GenericFormat(14, 90000, "MPA/90000", Map.of()), Format.fromSdp(14, "MPA/90000", Map.of()));
        assertEquals(new GenericFormat(9, 8000, "G722/8000", Map.of()), Format.fromSdp(9, "G722/8000", Map.of()));
    }

    @Test
    void unknownEncodingsStayExactlyAsGiven() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Profile-ID", "0");
        params.put("0-15", "");
        GenericFormat g = assertInstanceOf(GenericFormat.class, Format.fromSdp(100, "VP9/90000", params));
        assertEquals("VP9/90000", g.rtpMap());
        assertEquals(90000, g.clockRate());
        assertEquals(params, g.fmtp());
        assertEquals(List.of("Profile-ID", "0-15"), List.copyOf(g.fmtp().keySet()));
        // H264 at another clock rate is not the RFC 6184 format.
        assertInstanceOf(GenericFormat.class, Format.fromSdp(96, "H264/8000", Map.of()));
        assertInstanceOf(GenericFormat.class, Format.fromSdp(96, "H265/8000", Map.of()));
    }

    @Test
    void genericValidates() {
        assertThrows(IllegalArgumentException.class, () -> new GenericFormat(-1, 0, null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new GenericFormat(96, -1, null, Map.of()));
        assertEquals(Map.of(), new GenericFormat(96, 0, null, null).fmtp());
    }

    @Test
    void audioAndGenericFormatsAlwaysHavePtsEqualDts() {
        RtpPacket p = RtpPacket.of(false, 96, 1, 1, 1, new byte[] {1, 2, 3});
        RtpPacket empty = RtpPacket.of(false, 96, 1, 1, 1, new byte[0]);
        for (Format f : List.of(G711Format.pcmu(), OpusFormat.of(96, true), Mpeg4AudioFormat.aacHbr(96, 44100, 2, null),
                new GenericFormat(96, 90000, "VP8/90000", Map.of()))) {
            assertTrue(f.ptsEqualsDts(p), f.toString());
            assertTrue(f.ptsEqualsDts(empty), f.toString());
        }
        assertFalse(H264Format.of(96, null, null).ptsEqualsDts(empty));
        assertFalse(H265Format.of(96, null, null, null).ptsEqualsDts(empty));
    }
}
