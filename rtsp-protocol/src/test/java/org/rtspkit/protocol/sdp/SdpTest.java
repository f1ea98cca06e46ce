package org.rtspkit.protocol.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtspkit.api.Format;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.H265Format;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.api.OpusFormat;
import org.rtspkit.api.SessionDescription;

class SdpTest {
    /** What `ffmpeg -c:v libx264 -c:a aac -f rtsp` announces. */
    static final String FFMPEG_H264_AAC = String.join("\r\n",
            "v=0",
            "o=- 0 0 IN IP4 127.0.0.1",
            "s=No Name",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "a=tool:libavformat 61.1.100",
            "m=video 0 RTP/AVP 96",
            "b=AS:2000",
            "a=rtpmap:96 H264/90000",
            "a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z2QAHqzZQLQ9sBEAAAMAAQAAAwAyDxYtlg==,aOvjyyLA;"
                    + " profile-level-id=64001E",
            "a=control:streamid=0",
            "m=audio 0 RTP/AVP 97",
            "b=AS:128",
            "a=rtpmap:97 MPEG4-GENERIC/44100/2",
            "a=fmtp:97 profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;"
                    + " config=121056E500",
            "a=control:streamid=1",
            "");

    /** What FFmpeg announces for H264 + Opus (stereo). */
    static final String FFMPEG_H264_OPUS = String.join("\r\n",
            "v=0",
            "o=- 0 0 IN IP4 127.0.0.1",
            "s=No Name",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "a=tool:libavformat 60.16.100",
            "m=video 0 RTP/AVP 96",
            "a=rtpmap:96 H264/90000",
            "a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0IAKeKQFAe2AtwEBAaQeJEV,aM48gA==;"
                    + " profile-level-id=420029",
            "a=control:streamid=0",
            "m=audio 0 RTP/AVP 97",
            "a=rtpmap:97 opus/48000/2",
            "a=fmtp:97 sprop-stereo=1",
            "a=control:streamid=1",
            "");

    /** What GStreamer's rtspclientsink announces for x264enc + opusenc. */
    static final String GSTREAMER_H264_OPUS = String.join("\r\n",
            "v=0",
            "o=- 1188340656180883 1 IN IP4 127.0.0.1",
            "s=Session streamed with GStreamer",
            "i=rtsp-server",
            "t=0 0",
            "a=tool:GStreamer",
            "a=type:broadcast",
            "m=video 0 RTP/AVP 96",
            "c=IN IP4 0.0.0.0",
            "a=rtpmap:96 H264/90000",
            "a=framerate:30",
            "a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z2QAH6zZQFAFuhAAAAMAEAAAAwPI8YMZYA==,aOvjyyLA;"
                    + "profile-level-id=64001f;level-asymmetry-allowed=1",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtcp-fb:96 ccm fir",
            "a=ts-refclk:local",
            "a=mediaclk:sender",
            "a=control:stream=0",
            "m=audio 0 RTP/AVP 97",
            "c=IN IP4 0.0.0.0",
            "a=rtpmap:97 OPUS/48000/2",
            "a=fmtp:97 sprop-stereo=0;sprop-maxcapturerate=48000",
            "a=ts-refclk:local",
            "a=mediaclk:sender",
            "a=control:stream=1",
            "");

    /** rtspclientsink with x265enc + avenc_aac, Unix line ends and trailing blanks. */
    static final String GSTREAMER_H265_AAC = String.join("\n",
            "v=0",
            "o=- 1188340656180883 1 IN IP4 127.0.0.1 ",
            "s=Session streamed with GStreamer",
            "i=rtsp-server",
            "t=0 0",
            "a=tool:GStreamer",
            "a=type:broadcast",
            "m=video 0 RTP/AVP 96",
            "c=IN IP4 0.0.0.0",
            "a=rtpmap:96 H265/90000\t",
            "a=fmtp:96 sprop-vps=QAEMAf//AWAAAAMAkAAAAwAAAwBdlZgJ;"
                    + "sprop-sps=QgEBAWAAAAMAkAAAAwAAAwBdoAKAgC0WWVmkkyvAQAAAAwBAAAAGQg==;sprop-pps=RAHBcrRiQA==",
            "a=ts-refclk:local",
            "a=mediaclk:sender",
            "a=control:stream=0  ",
            "m=audio 0 RTP/AVP 97",
            "c=IN IP4 0.0.0.0",
            "a=rtpmap:97 MPEG4-GENERIC/48000/2",
            "a=fmtp:97 streamtype=5;profile-level-id=2;mode=AAC-hbr;config=1190;sizelength=13;indexlength=3;"
                    + "indexdeltalength=3;",
            "a=ts-refclk:local",
            "a=mediaclk:sender",
            "a=control:stream=1",
            "");

    /** A camera: static PCMU without rtpmap, telephone events, an ONVIF metadata track, LATM audio. */
    static final String CAMERA = String.join("\r\n",
            "v=0",
            "o=- 1109162014219182 1109162014219192 IN IP4 192.168.1.64",
            "s=Media Presentation",
            "e=NONE",
            "b=AS:5050",
            "t=0 0",
            "a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/",
            "a=range:npt=now-",
            "m=video 0 RTP/AVP 96",
            "c=IN IP4 0.0.0.0",
            "b=AS:5000",
            "a=recvonly",
            "a=x-dimensions:1920,1080",
            "a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1",
            "a=rtpmap:96 H264/90000",
            "a=fmtp:96 profile-level-id=420029; packetization-mode=1; "
                    + "sprop-parameter-sets=Z00AKp2oHgCJ+WbgICAoAAADAAgAAAMBlCA=,aO48gA==,BgX/",
            "a=Media_header:MEDIAINFO=494D4B48010100000400000100000000000000000000000000000000000000000000000000000000;",
            "a=appversion:1.0",
            "m=audio 0 RTP/AVP 0 101",
            "c=IN IP4 0.0.0.0",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=2",
            "m=audio 0 RTP/AVP 98",
            "a=rtpmap:98 MP4A-LATM/24000/1",
            "a=fmtp:98 profile-level-id=15; object=2; cpresent=0; config=400026103fc0",
            "a=control:trackID=3",
            "m=application 0 RTP/AVP 107",
            "a=rtpmap:107 vnd.onvif.metadata/90000",
            "a=control:trackID=4",
            "m=video 0 RTP/AVP 26",
            "a=control:trackID=5",
            "");

    @Test
    void parsesFfmpegH264Aac() {
        SessionDescription d = SdpReader.parse(FFMPEG_H264_AAC);
        assertEquals("No Name", d.title());
        assertEquals(2, d.medias().size());

        Media video = d.medias().get(0);
        assertEquals(MediaType.VIDEO, video.type());
        assertEquals("streamid=0", video.control());
        assertNull(video.id());
        assertFalse(video.backChannel());
        H264Format h264 = assertInstanceOf(H264Format.class, video.format(96));
        assertEquals(1, h264.packetizationMode());
        assertArrayEquals(Base64.getDecoder().decode("Z2QAHqzZQLQ9sBEAAAMAAQAAAwAyDxYtlg=="), h264.sps());
        assertArrayEquals(Base64.getDecoder().decode("aOvjyyLA"), h264.pps());
        assertEquals("64001E", h264.profileLevelId());
        assertEquals(Map.of(), h264.parameters());
        assertEquals(90000, h264.clockRate());

        Media audio = d.medias().get(1);
        assertEquals(MediaType.AUDIO, audio.type());
        assertEquals("streamid=1", audio.control());
        Mpeg4AudioFormat aac = assertInstanceOf(Mpeg4AudioFormat.class, audio.format(97));
        assertEquals(44100, aac.clockRate());
        assertEquals(2, aac.channelCount());
        assertArrayEquals(HexFormat.of().parseHex("121056e500"), aac.config());
        assertEquals(13, aac.sizeLength());
        assertEquals(3, aac.indexLength());
        assertEquals(3, aac.indexDeltaLength());
        assertEquals("AAC-hbr", aac.mode());
        assertEquals(Map.of("mode", "AAC-hbr", "profile-level-id", "1"), aac.parameters());
    }

    @Test
    void parsesFfmpegH264Opus() {
        SessionDescription d = SdpReader.parse(FFMPEG_H264_OPUS);
        H264Format h264 = assertInstanceOf(H264Format.class, d.medias().get(0).formats().get(0));
        assertEquals("420029", h264.profileLevelId());
        OpusFormat opus = assertInstanceOf(OpusFormat.class, d.medias().get(1).formats().get(0));
        assertEquals(97, opus.payloadType());
        assertTrue(opus.stereo());
        assertEquals(2, opus.channelCount());
        assertEquals(48000, opus.clockRate());
        assertEquals("opus/48000/2", opus.rtpMap());
    }

    @Test
    void parsesGstreamerH264Opus() {
        SessionDescription d = SdpReader.parse(GSTREAMER_H264_OPUS);
        assertEquals("Session streamed with GStreamer", d.title());
        Media video = d.medias().get(0);
        assertEquals("stream=0", video.control());
        H264Format h264 = assertInstanceOf(H264Format.class, video.format(96));
        assertEquals(1, h264.packetizationMode());
        assertEquals("64001f", h264.profileLevelId());
        assertEquals(Map.of("level-asymmetry-allowed", "1"), h264.parameters());
        assertEquals(7, h264.sps()[0] & 0x1F);
        assertEquals(8, h264.pps()[0] & 0x1F);

        Media audio = d.medias().get(1);
        assertEquals("stream=1", audio.control());
        OpusFormat opus = assertInstanceOf(OpusFormat.class, audio.format(97));
        assertFalse(opus.stereo());
        assertEquals(Map.of("sprop-maxcapturerate", "48000"), opus.parameters());
    }

    @Test
    void parsesGstreamerH265AacWithUnixLineEndsAndTrailingBlanks() {
        SessionDescription d = SdpReader.parse(GSTREAMER_H265_AAC);
        Media video = d.medias().get(0);
        assertEquals("stream=0", video.control());
        H265Format h265 = assertInstanceOf(H265Format.class, video.format(96));
        assertEquals(32, (h265.vps()[0] >> 1) & 0x3F);
        assertEquals(33, (h265.sps()[0] >> 1) & 0x3F);
        assertEquals(34, (h265.pps()[0] >> 1) & 0x3F);
        assertEquals(Map.of(), h265.parameters());
        Mpeg4AudioFormat aac = assertInstanceOf(Mpeg4AudioFormat.class, d.medias().get(1).format(97));
        assertEquals(48000, aac.clockRate());
        assertArrayEquals(new byte[] {0x11, (byte) 0x90}, aac.config());
        assertEquals(Map.of("mode", "AAC-hbr", "profile-level-id", "2", "streamtype", "5"), aac.parameters());
    }

    @Test
    void parsesCamera() {
        SessionDescription d = SdpReader.parse(CAMERA);
        assertEquals("Media Presentation", d.title());
        assertEquals(5, d.medias().size());

        Media video = d.medias().get(0);
        assertEquals("rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1", video.control());
        assertFalse(video.backChannel());
        H264Format h264 = assertInstanceOf(H264Format.class, video.format(96));
        // Three parameter sets (SPS, PPS, SEI) do not fit sps/pps and are kept verbatim.
        assertNull(h264.sps());
        assertNull(h264.pps());
        assertEquals("Z00AKp2oHgCJ+WbgICAoAAADAAgAAAMBlCA=,aO48gA==,BgX/",
                h264.parameters().get("sprop-parameter-sets"));
        assertEquals(h264.parameters().get("sprop-parameter-sets"), h264.fmtp().get("sprop-parameter-sets"));

        Media audio = d.medias().get(1);
        assertEquals(List.of(G711Format.pcmu(), new GenericFormat(101, 8000, "telephone-event/8000", Map.of("0-15", ""))),
                audio.formats());

        GenericFormat latm = assertInstanceOf(GenericFormat.class, d.medias().get(2).format(98));
        assertEquals(24000, latm.clockRate());
        assertEquals("MP4A-LATM/24000/1", latm.rtpMap());
        assertEquals(List.of("profile-level-id", "object", "cpresent", "config"), List.copyOf(latm.fmtp().keySet()));

        Media metadata = d.medias().get(3);
        assertEquals(MediaType.APPLICATION, metadata.type());
        assertEquals(new GenericFormat(107, 90000, "vnd.onvif.metadata/90000", Map.of()), metadata.format(107));

        assertEquals(new GenericFormat(26, 90000, null, Map.of()), d.medias().get(4).format(26));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffmpegAac", "ffmpegOpus", "gstreamerOpus", "gstreamerH265", "camera"})
    void roundTripsThroughToSdp(String which) {
        String sdp = switch (which) {
            case "ffmpegAac" -> FFMPEG_H264_AAC;
            case "ffmpegOpus" -> FFMPEG_H264_OPUS;
            case "gstreamerOpus" -> GSTREAMER_H264_OPUS;
            case "gstreamerH265" -> GSTREAMER_H265_AAC;
            default -> CAMERA;
        };
        SessionDescription first = SdpReader.parse(sdp);
        String written = SdpWriter.write(first);
        SessionDescription second = SdpReader.parse(written);
        assertEquals(first, second, written);
        assertEquals(first.hashCode(), second.hashCode());
        assertEquals(written, SdpWriter.write(second));
        assertEquals(first, SdpReader.parse(SdpWriter.write(first, true, "224.1.0.0")));
    }

    @Test
    void writesTheServedShape() {
        SessionDescription d = SdpReader.parse(FFMPEG_H264_AAC);
        List<Media> medias = List.of(d.medias().get(0).withControl("trackID=0"), d.medias().get(1).withControl("trackID=1"));
        String expected = String.join("\r\n",
                "v=0",
                "o=- 0 0 IN IP4 127.0.0.1",
                "s=No Name",
                "c=IN IP4 0.0.0.0",
                "t=0 0",
                "m=video 0 RTP/AVP 96",
                "a=control:trackID=0",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 packetization-mode=1; profile-level-id=64001E; "
                        + "sprop-parameter-sets=Z2QAHqzZQLQ9sBEAAAMAAQAAAwAyDxYtlg==,aOvjyyLA",
                "m=audio 0 RTP/AVP 97",
                "a=control:trackID=1",
                "a=rtpmap:97 MPEG4-GENERIC/44100/2",
                "a=fmtp:97 config=121056e500; indexdeltalength=3; indexlength=3; mode=AAC-hbr; "
                        + "profile-level-id=1; sizelength=13",
                "");
        assertEquals(expected, SdpWriter.write(new SessionDescription(d.title(), medias)));
    }

    @Test
    void writesSecureProfileConnectionAddressAndSpaceForEmptyTitle() {
        SessionDescription d = new SessionDescription("", List.of(
                Media.of(MediaType.AUDIO, "trackID=0", G711Format.pcma(), new GenericFormat(3, 8000, null, Map.of())),
                Media.of(MediaType.APPLICATION, null, new GenericFormat(107, 90000, "vnd.onvif.metadata/90000", Map.of()))));
        String expected = String.join("\r\n",
                "v=0",
                "o=- 0 0 IN IP4 127.0.0.1",
                "s= ",
                "c=IN IP4 224.1.0.0",
                "t=0 0",
                "m=audio 0 RTP/SAVP 8 3",
                "a=control:trackID=0",
                "a=rtpmap:8 PCMA/8000",
                "m=application 0 RTP/SAVP 107",
                "a=rtpmap:107 vnd.onvif.metadata/90000",
                "");
        assertEquals(expected, SdpWriter.write(d, true, "224.1.0.0"));
        assertEquals(d, SdpReader.parse(SdpWriter.write(d)));
    }

    @Test
    void writesDirectionsWhenABackChannelIsPresent() {
        SessionDescription d = new SessionDescription("back", List.of(
                new Media(MediaType.VIDEO, "v", false, "trackID=0", List.of(H264Format.of(96, null, null))),
                new Media(MediaType.AUDIO, "a", true, "trackID=1", List.of(G711Format.pcmu()))));
        String expected = String.join("\r\n",
                "v=0",
                "o=- 0 0 IN IP4 127.0.0.1",
                "s=back",
                "c=IN IP4 0.0.0.0",
                "t=0 0",
                "m=video 0 RTP/AVP 96",
                "a=mid:v",
                "a=control:trackID=0",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 packetization-mode=1",
                "a=recvonly",
                "m=audio 0 RTP/AVP 0",
                "a=mid:a",
                "a=sendonly",
                "a=control:trackID=1",
                "a=rtpmap:0 PCMU/8000",
                "");
        assertEquals(expected, SdpWriter.write(d));

        // Directions are not read back (see SessionDescription.parse): the back channel flag is lost.
        SessionDescription parsed = SdpReader.parse(expected);
        assertEquals("v", parsed.medias().get(0).id());
        assertEquals("a", parsed.medias().get(1).id());
        assertFalse(parsed.medias().get(1).backChannel());
    }

    @Test
    void sendonlyInAnAnnounceIsNoBackChannel() {
        String sdp = "v=0\r\ns=x\r\nm=audio 0 RTP/AVP 0\r\na=sendonly\r\na=control:trackID=0\r\n";
        assertFalse(SdpReader.parse(sdp).medias().get(0).backChannel());
    }

    @Test
    void nullTitleBecomesEmpty() {
        assertEquals("", new SessionDescription(null, List.of()).title());
    }

    @Test
    void toleratesUnknownLinesAttributesAndBlankLines() {
        String sdp = "v=0\n\n   \r\nx=future\nZ=upper\na=session-level\nm=video 9 RTP/AVPF 96\r\n"
                + "a=rtpmap:96 VP8/90000\na=unknown\na=rtcp-fb:96 goog-remb\na=\na=control:\ny=also\n";
        SessionDescription d = SdpReader.parse(sdp);
        assertEquals("", d.title());
        Media m = d.medias().get(0);
        assertEquals("", m.control());
        assertEquals(new GenericFormat(96, 90000, "VP8/90000", Map.of()), m.format(96));
    }

    @Test
    void firstControlAndRtpmapWin() {
        String sdp = "v=0\nm=video 0 RTP/AVP 96\na=control:one\na=control:two\n"
                + "a=rtpmap:96 H264/90000\na=rtpmap:96 H265/90000\na=rtpmap:97 H265/90000\n";
        Media m = SdpReader.parse(sdp).medias().get(0);
        assertEquals("one", m.control());
        assertInstanceOf(H264Format.class, m.format(96));
        assertEquals(1, m.formats().size());
    }

    @Test
    void multipleFormatsKeepLineOrder() {
        String sdp = "v=0\nm=audio 0 RTP/AVP 97 8 0 96\na=rtpmap:96 opus/48000/2\na=rtpmap:97 PCMU/16000/2\n";
        List<Format> formats = SdpReader.parse(sdp).medias().get(0).formats();
        assertEquals(List.of(new G711Format(97, true, 16000, 2), G711Format.pcma(), G711Format.pcmu(), OpusFormat.of(96, false)),
                formats);
    }

    @Test
    void invalidLineNamesTheLine() {
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> SdpReader.parse("\u0001\u0002\u0003\u0004"));
        assertEquals("invalid line: (\u0001\u0002\u0003\u0004)", e.getMessage());

        e = assertThrows(MalformedDataException.class, () -> SdpReader.parse("v=0\r\nhello world\r\n"));
        assertEquals("invalid line: (hello world)", e.getMessage());
        e = assertThrows(MalformedDataException.class, () -> SdpReader.parse("v=0\r\n1=2\r\n"));
        assertEquals("invalid line: (1=2)", e.getMessage());
        e = assertThrows(MalformedDataException.class, () -> SdpReader.parse("v=0\r\nm\r\n"));
        assertEquals("invalid line: (m)", e.getMessage());
    }

    @Test
    void dynamicPayloadTypeWithoutRtpmapHasNoClockRate() {
        String sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Stream\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                + "m=video 0 RTP/AVP 96\r\na=control:trackID=0\r\n";
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> SdpReader.parse(sdp));
        assertEquals("media 1 is invalid: clock rate not found", e.getMessage());

        String second = "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\nm=audio 0 RTP/AVP 35\n";
        e = assertThrows(MalformedDataException.class, () -> SdpReader.parse(second));
        assertEquals("media 2 is invalid: clock rate not found", e.getMessage());
    }

    @Test
    void otherErrorsSayWhatIsWrong() {
        assertMessage("session description is empty", "");
        assertMessage("session description is empty", "\r\n \r\n");
        assertMessage("session description is missing", null);
        assertMessage("media 1 is invalid: invalid media line (video 0)", "v=0\nm=video 0\n");
        assertMessage("media 1 is invalid: no formats found", "v=0\nm=video 0 RTP/AVP\n");
        assertMessage("media 1 is invalid: unsupported media type (data)", "v=0\nm=data 0 RTP/AVP 96\n");
        assertMessage("media 1 is invalid: invalid payload type (128)", "v=0\nm=video 0 RTP/AVP 128\n");
        assertMessage("media 1 is invalid: invalid payload type (x)", "v=0\nm=video 0 RTP/AVP x\n");
        assertMessage("media 1 is invalid: duplicate payload type (96)",
                "v=0\nm=video 0 RTP/AVP 96 96\na=rtpmap:96 H264/90000\n");
        assertMessage("media 1 is invalid: invalid rtpmap (96)", "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96\n");
        assertMessage("media 1 is invalid: invalid rtpmap (x H264/90000)",
                "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:x H264/90000\n");
        assertMessage("media 1 is invalid: invalid fmtp (abc)",
                "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=fmtp:abc\n");
        assertMessage("media 1 is invalid: invalid rtpmap (H264)", "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264\n");
        assertMessage("media 1 is invalid: invalid clock rate in rtpmap (H264/fast)",
                "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/fast\n");
        assertMessage("media 1 is invalid: invalid packetization-mode (x)",
                "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=fmtp:96 packetization-mode=x\n");
    }

    private static void assertMessage(String expected, String sdp) {
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> SdpReader.parse(sdp));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void zeroMediasIsAValidDescription() {
        SessionDescription d = SdpReader.parse("v=0\r\ns=Empty\r\n");
        assertEquals(new SessionDescription("Empty", List.of()), d);
        assertEquals("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Empty\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n", SdpWriter.write(d));
    }

    @Test
    void titleKeepsInnerSpacesAndMediaLevelLinesDoNotReplaceIt() {
        SessionDescription d = SdpReader.parse("v=0\ns=  My  Stream \nm=video 0 RTP/AVP 26\ns=other\n");
        assertEquals("  My  Stream", d.title());
    }

    @Test
    void mangledDescriptionsParseOrThrowMalformedData() {
        Random random = new Random(8866);
        String alphabet = "=:;/, \r\n\t0123456789avmsbc-+AHPx\u0001";
        List<String> seeds = List.of(FFMPEG_H264_AAC, FFMPEG_H264_OPUS, GSTREAMER_H264_OPUS, GSTREAMER_H265_AAC, CAMERA);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sdp = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && sdp.length() > 0; e++) {
                int at = random.nextInt(sdp.length());
                switch (random.nextInt(3)) {
                    case 0 -> sdp.deleteCharAt(at);
                    case 1 -> sdp.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> sdp.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                SessionDescription d = SdpReader.parse(sdp.toString());
                assertEquals(d, SdpReader.parse(SdpWriter.write(d)), sdp.toString());
            } catch (MalformedDataException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("unexpected " + e + " for:\n" + sdp, e);
            }
        }
    }
}
