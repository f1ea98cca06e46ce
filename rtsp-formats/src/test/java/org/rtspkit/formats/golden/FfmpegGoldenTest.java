package org.rtspkit.formats.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtspkit.api.Format;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.H265Format;
import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.api.OpusFormat;
import org.rtspkit.formats.AccessUnit;
import org.rtspkit.formats.Depacketizer;
import org.rtspkit.formats.DepacketizerStats;
import org.rtspkit.formats.Packetizer;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.g711.G711Depacketizer;
import org.rtspkit.formats.g711.G711Packetizer;
import org.rtspkit.formats.h264.H264Depacketizer;
import org.rtspkit.formats.h264.H264Packetizer;
import org.rtspkit.formats.h265.H265Depacketizer;
import org.rtspkit.formats.h265.H265Packetizer;
import org.rtspkit.formats.mjpeg.JpegImage;
import org.rtspkit.formats.mjpeg.MjpegDepacketizer;
import org.rtspkit.formats.mjpeg.MjpegPacketizer;
import org.rtspkit.formats.mpeg4audio.Adts;
import org.rtspkit.formats.mpeg4audio.AdtsFrame;
import org.rtspkit.formats.mpeg4audio.AudioSpecificConfig;
import org.rtspkit.formats.mpeg4audio.LatmConfig;
import org.rtspkit.formats.mpeg4audio.LatmDepacketizer;
import org.rtspkit.formats.mpeg4audio.LatmPacketizer;
import org.rtspkit.formats.mpeg4audio.Mpeg4AudioDepacketizer;
import org.rtspkit.formats.mpeg4audio.Mpeg4AudioPacketizer;
import org.rtspkit.formats.nal.AnnexB;
import org.rtspkit.formats.opus.OpusDepacketizer;
import org.rtspkit.formats.opus.OpusPacketizer;
import org.rtspkit.formats.g722.G722Depacketizer;
import org.rtspkit.formats.g722.G722Packetizer;
import org.rtspkit.formats.mpegts.MpegTsDepacketizer;
import org.rtspkit.formats.mpegts.MpegTsPacketizer;
import org.rtspkit.formats.vp8.Vp8Depacketizer;
import org.rtspkit.formats.vp8.Vp8Packetizer;
import org.rtspkit.formats.vp9.Vp9Depacketizer;
import org.rtspkit.formats.vp9.Vp9Packetizer;

/**
 * Golden tests against FFmpeg at the RTP level, over 127.0.0.1, one clip per format made by FFmpeg.
 *
 * <p>From FFmpeg: FFmpeg sends the clip as RTP ({@code -f rtp}); the depacketizer rebuilds access units
 * that must equal the clip's packets ({@code -c copy -f framemd5}) one for one, H264 and H265 once start
 * codes are all written with 4 bytes, with the same time steps. To FFmpeg: the packetizer sends the
 * clip's packets as RTP to FFmpeg reading an SDP file, and the hashes of the frames FFmpeg decodes
 * ({@code -f framemd5}) must equal those of the clip decoded directly, in order, from the first.
 *
 * <p>FFmpeg must be installed: without it these tests fail (they never skip). Every wait has a deadline.
 */
class FfmpegGoldenTest {
    @TempDir
    static Path dir;

    private static final Map<String, Path> CLIPS = new ConcurrentHashMap<>();

    /** H264 with B-frames, IDR pictures above 64 kB (noise), in MPEG-TS (Annex-B packets with PTS and DTS). */
    static Path h264Clip() {
        return clip("h264.ts", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25,noise=alls=20", "-t", "1",
                "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "12", "-pix_fmt", "yuv420p", "-qp", "24",
                "-f", "mpegts");
    }

    static Path h265Clip() {
        return clip("h265.ts", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "1", "-c:v", "libx265",
                "-preset", "ultrafast", "-x265-params", "log-level=error:bframes=2:keyint=12", "-pix_fmt", "yuv420p",
                "-f", "mpegts");
    }

    /** NUT keeps the encoder's sample-exact timestamps and raw frames. */
    static Path aacClip() {
        return clip("aac.nut", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "1", "-c:a", "aac",
                "-b:a", "128k", "-ac", "2", "-f", "nut");
    }

    static Path opusClip() {
        return clip("opus.nut", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "1", "-c:a",
                "libopus", "-b:a", "64k", "-ac", "2", "-f", "nut");
    }

    /** Standard Huffman tables, as RFC 2435 requires; FFmpeg writes one quantization table for all components. */
    static Path mjpegClip() {
        return clip("mjpeg.nut", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10", "-t", "1", "-c:v", "mjpeg",
                "-huffman", "default", "-pix_fmt", "yuvj420p", "-q:v", "5", "-f", "nut");
    }

    static Path pcmuClip() {
        return clip("pcmu.wav", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "1", "-c:a",
                "pcm_mulaw", "-ac", "1", "-f", "wav");
    }

    static Path vp8Clip() {
        return clip("vp8.nut", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "1", "-c:v", "libvpx",
                "-b:v", "1M", "-g", "12", "-deadline", "realtime", "-cpu-used", "8", "-f", "nut");
    }

    static Path vp9Clip() {
        return clip("vp9.nut", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "1", "-c:v", "libvpx-vp9",
                "-b:v", "1M", "-g", "12", "-deadline", "realtime", "-cpu-used", "8", "-f", "nut");
    }

    static Path g722Clip() {
        return clip("g722.nut", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000", "-t", "1", "-c:a", "g722",
                "-f", "nut");
    }

    private static Path clip(String name, String... args) {
        return CLIPS.computeIfAbsent(name, n -> {
            Path file = dir.resolve(n);
            List<String> command = new ArrayList<>(List.of("-y"));
            command.addAll(List.of(args));
            command.add(file.toString());
            Ffmpeg.run(dir, 120, null, command.toArray(new String[0]));
            return file;
        });
    }

    // ---- from FFmpeg: its RTP muxer sends, the depacketizer rebuilds ----

    @Test
    void h264FromFfmpeg() {
        SourceClip clip = SourceClip.load(dir, h264Clip());
        assertTrue(clip.packets().stream().anyMatch(p -> p.data().length > 64 * 1024),
                "the H264 clip needs a picture above 64 kB");
        assertTrue(clip.packets().stream().anyMatch(p -> p.pts() != p.dts()), "the H264 clip needs B-frames");
        List<AccessUnit> units = fromFfmpeg(clip, "1400", sdp -> new H264Depacketizer(
                new H264Format(sdp.payloadType(), sdp.intParameter("packetization-mode"), null, null, null, Map.of())));
        assertSameUnits(clip, units, 90000, AnnexB::normalize);
        assertTrue(units.get(0).randomAccess());
    }

    @Test
    void h265FromFfmpeg() {
        SourceClip clip = SourceClip.load(dir, h265Clip());
        List<AccessUnit> units = fromFfmpeg(clip, "1400",
                sdp -> new H265Depacketizer(H265Format.of(sdp.payloadType(), null, null, null)));
        assertSameUnits(clip, units, 90000, AnnexB::normalize);
    }

    @Test
    void aacFromFfmpeg() {
        SourceClip clip = SourceClip.load(dir, aacClip());
        int[] sentFrames = new int[1];
        List<AccessUnit> units = fromFfmpeg(clip, "1400", packets -> sentFrames[0] = auHeaders(packets),
                sdp -> new Mpeg4AudioDepacketizer(new Mpeg4AudioFormat(
                sdp.payloadType(), sdp.clockRate(), sdp.channels(), HexFormat.of().parseHex(sdp.fmtp().get("config")),
                sdp.intParameter("sizelength"), sdp.intParameter("indexlength"), sdp.intParameter("indexdeltalength"),
                Map.of("mode", sdp.fmtp().get("mode")))));
        // FFmpeg's AAC-hbr muxer puts several frames in a packet and never sends the frames it still holds
        // when the input ends: the units must be the clip's frames up to there, every one of them.
        int sent = sentFrames[0];
        assertTrue(sent >= clip.packets().size() - 4 && sent <= clip.packets().size(), "frames FFmpeg sent: " + sent);
        assertSameUnits(new SourceClip(clip.file(), clip.timeBaseNum(), clip.timeBaseDen(),
                clip.packets().subList(0, sent)), units, 48000, Function.identity());
    }

    /** AU headers (16 bits each with sizelength 13, indexlength 3) in the packets FFmpeg sent. */
    private static int auHeaders(List<byte[]> packets) {
        int count = 0;
        for (byte[] p : packets) {
            count += (((p[12] & 0xFF) << 8) | (p[13] & 0xFF)) / 16;
        }
        return count;
    }

    @Test
    void latmFromFfmpeg() {
        SourceClip clip = SourceClip.load(dir, aacClip());
        List<AccessUnit> units = fromFfmpeg(clip, "1400", sdp -> new LatmDepacketizer(
                new GenericFormat(sdp.payloadType(), sdp.clockRate(), sdp.rtpMap(), sdp.fmtp())), "-rtpflags", "latm");
        assertSameUnits(clip, units, 48000, Function.identity());
    }

    @Test
    void opusFromFfmpeg() {
        SourceClip clip = SourceClip.load(dir, opusClip());
        List<AccessUnit> units = fromFfmpeg(clip, "1400", sdp -> new OpusDepacketizer(OpusFormat.of(sdp.payloadType(),
                "1".equals(sdp.fmtp().get("sprop-stereo")))));
        assertSameUnits(clip, units, 48000, Function.identity());
    }

    @Test
    void mjpegFromFfmpeg() {
        SourceClip clip = SourceClip.load(dir, mjpegClip());
        List<AccessUnit> units = fromFfmpeg(clip, "1400", sdp -> {
            assertEquals(26, sdp.payloadType());
            return new MjpegDepacketizer(MjpegPacketizer.defaultFormat());
        });
        assertEquals(clip.packets().size(), units.size(), "images rebuilt");
        // The rebuilt JFIF files carry headers of their own, so the images are compared by what RTP
        // carries (scan, size, tables) and by their decoded pictures.
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        for (int i = 0; i < units.size(); i++) {
            JpegImage source = JpegImage.parse(clip.packets().get(i).data());
            JpegImage image = JpegImage.parse(units.get(i).data());
            assertEquals(source, image, "image " + i);
            rebuilt.writeBytes(units.get(i).data());
        }
        Path file = write("mjpeg-rebuilt.mjpeg", rebuilt.toByteArray());
        assertEquals(decoded(clip.file()), FrameMd5.parse(Ffmpeg.output(dir, 60, "-f", "mjpeg", "-i", file.toString(),
                "-map", "0:0", "-fps_mode", "passthrough", "-f", "framemd5", "-")).hashes());
        assertTimesFollow(clip, units, 90000);
        System.out.println("golden: mjpeg from FFmpeg, " + units.size() + " images rebuilt, decoded like the clip's");
    }

    @Test
    void pcmuFromFfmpeg() {
        SourceClip clip = SourceClip.load(dir, pcmuClip());
        // Payloads of 1024 bytes, so that FFmpeg's packets cut the clip's 4096-byte ones evenly.
        List<AccessUnit> units = fromFfmpeg(clip, "1036", sdp -> {
            assertEquals(0, sdp.payloadType());
            return new G711Depacketizer(G711Format.pcmu());
        });
        // A block of samples is whatever a packet holds: the units put back together make the clip's packets.
        int u = 0;
        for (int i = 0; i < clip.packets().size(); i++) {
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            while (packet.size() < clip.packets().get(i).data().length && u < units.size()) {
                packet.writeBytes(units.get(u++).data());
            }
            assertEquals(clip.packets().get(i).md5(), SourceClip.md5(packet.toByteArray()), "packet " + i);
        }
        assertEquals(units.size(), u, "units beyond the clip");
        System.out.println("golden: pcmu from FFmpeg, " + units.size() + " blocks make the clip's " + clip.packets().size()
                + " packets");
    }

    @Test
    void vp8FromFfmpeg() {
        SourceClip clip = SourceClip.load(dir, vp8Clip());
        List<AccessUnit> units = fromFfmpeg(clip, "1400", sdp -> new Vp8Depacketizer(Vp8Packetizer.format(sdp.payloadType())));
        assertSameUnits(clip, units, 90000, Function.identity());
    }

    @Test
    void vp9FromFfmpeg() {
        SourceClip clip = SourceClip.load(dir, vp9Clip());
        List<AccessUnit> units = fromFfmpeg(clip, "1400", sdp -> new Vp9Depacketizer(Vp9Packetizer.format(sdp.payloadType())),
                "-strict", "experimental");
        assertSameUnits(clip, units, 90000, Function.identity());
    }

    @Test
    void g722FromFfmpeg() {
        SourceClip clip = SourceClip.load(dir, g722Clip());
        // Payloads of one 160-byte frame of the clip each.
        List<AccessUnit> units = fromFfmpeg(clip, "172", sdp -> {
            assertEquals(9, sdp.payloadType());
            return new G722Depacketizer(G722Packetizer.defaultFormat());
        });
        assertSameUnits(clip, units, 8000, Function.identity());
    }

    /** MPEG-TS: FFmpeg muxes the clip's H264 into TS and sends it; the TS that arrives holds the clip's pictures. */
    @Test
    void mpegTsFromFfmpeg() {
        SourceClip clip = SourceClip.load(dir, h264Clip());
        List<AccessUnit> units = fromFfmpegMuxer(clip, "1400", "rtp_mpegts",
                sdp -> new MpegTsDepacketizer(MpegTsPacketizer.defaultFormat()));
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        units.forEach(u -> ts.writeBytes(u.data()));
        SourceClip received = SourceClip.load(dir, write("mpegts-received.ts", ts.toByteArray()));
        // FFmpeg's rtp_mpegts muxer does not send the TS packets it still holds when its input ends, so the
        // last picture arrives cut short: every other one must be whole, and the last a beginning of its own.
        int n = clip.packets().size();
        assertEquals(n, received.packets().size(), "pictures in the TS received");
        for (int i = 0; i < n - 1; i++) {
            assertEquals(clip.packets().get(i).md5(), received.packets().get(i).md5(), "picture " + i);
        }
        byte[] last = received.packets().get(n - 1).data();
        assertArrayEquals(java.util.Arrays.copyOf(clip.packets().get(n - 1).data(), last.length), last, "the last picture");
        System.out.println("golden: mpegts from FFmpeg, " + units.size() + " units of TS packets carry the clip's "
                + received.packets().size() + " pictures");
    }

    /** FFmpeg sends the clip as RTP (in real time); returns what the depacketizer made of the packets. */
    private static List<AccessUnit> fromFfmpeg(SourceClip clip, String packetSize, Function<SdpFile, Depacketizer> make,
                                               String... muxerOptions) {
        return fromFfmpeg(clip, packetSize, packets -> { }, make, muxerOptions);
    }

    private static List<AccessUnit> fromFfmpeg(SourceClip clip, String packetSize,
                                               Consumer<List<byte[]>> observe,
                                               Function<SdpFile, Depacketizer> make, String... muxerOptions) {
        return fromFfmpeg(clip, packetSize, "rtp", observe, make, muxerOptions);
    }

    private static List<AccessUnit> fromFfmpegMuxer(SourceClip clip, String packetSize, String muxer,
                                                    Function<SdpFile, Depacketizer> make) {
        return fromFfmpeg(clip, packetSize, muxer, packets -> { }, make);
    }

    private static List<AccessUnit> fromFfmpeg(SourceClip clip, String packetSize, String muxer,
                                               Consumer<List<byte[]>> observe,
                                               Function<SdpFile, Depacketizer> make, String... muxerOptions) {
        try (Loopback.Receiver receiver = new Loopback.Receiver()) {
            Path sdp = dir.resolve(clip.file().getFileName() + "-" + receiver.port() + ".sdp");
            List<String> args = new ArrayList<>(List.of("-v", "error", "-re", "-i", clip.file().toString(), "-map", "0:0",
                    "-c", "copy", "-f", muxer));
            if (muxer.equals("rtp")) {
                args.addAll(List.of("-sdp_file", sdp.toString()));
            } else {
                write(sdp.getFileName().toString(), ("m=video " + receiver.port() + " RTP/AVP 33\r\n").getBytes(
                        StandardCharsets.US_ASCII));
            }
            args.addAll(List.of(muxerOptions));
            args.add("rtp://127.0.0.1:" + receiver.port() + "?pkt_size=" + packetSize);
            Ffmpeg.Running ffmpeg = Ffmpeg.start(dir, args.toArray(new String[0]));
            assertEquals(0, ffmpeg.await(60), ffmpeg::log);
            List<byte[]> packets = receiver.drain(300, 5000);
            observe.accept(packets);
            Depacketizer depacketizer = make.apply(SdpFile.read(sdp));
            List<AccessUnit> units = new ArrayList<>();
            for (byte[] packet : packets) {
                depacketizer.push(packet, 0, packet.length, units::add);
            }
            DepacketizerStats stats = depacketizer.stats();
            assertEquals(packets.size(), stats.packets());
            assertEquals(0, stats.packetsLost() + stats.packetsLate() + stats.packetsMalformed() + stats.unitsBroken()
                    + stats.unitsOversized() + stats.unitsSkipped(), stats::toString);
            return units;
        }
    }

    private static void assertSameUnits(SourceClip clip, List<AccessUnit> units, int clockRate,
                                        Function<byte[], byte[]> normalize) {
        assertEquals(clip.packets().size(), units.size(), "access units");
        for (int i = 0; i < units.size(); i++) {
            assertArrayEquals(normalize.apply(clip.packets().get(i).data()), normalize.apply(units.get(i).data()),
                    "access unit " + i);
        }
        assertTimesFollow(clip, units, clockRate);
        System.out.println("golden: " + clip.file().getFileName() + " from FFmpeg, " + units.size() + " of "
                + units.size() + " access units equal to the clip's packets");
    }

    /** The units' RTP timestamps step as the clip's presentation times do. */
    private static void assertTimesFollow(SourceClip clip, List<AccessUnit> units, int clockRate) {
        long firstPts = clip.packets().get(0).pts();
        long firstTs = units.get(0).rtpTimestamp();
        for (int i = 0; i < units.size(); i++) {
            long expected = clip.ticks(clip.packets().get(i).pts() - firstPts, clockRate);
            assertEquals(expected & 0xFFFF_FFFFL, (units.get(i).rtpTimestamp() - firstTs) & 0xFFFF_FFFFL, "timestamp of unit " + i);
            assertEquals(units.get(i).presentationTime() - units.get(0).presentationTime(),
                    clip.nanos(clip.packets().get(i).pts() - firstPts), 100_000, "presentation time of unit " + i);
        }
    }

    // ---- to FFmpeg: the packetizer sends, FFmpeg decodes ----

    @Test
    void h264ToFfmpeg() {
        SourceClip clip = SourceClip.load(dir, h264Clip());
        List<byte[]> first = AnnexB.split(clip.packets().get(0).data());
        H264Format format = H264Format.of(96, nal(first, n -> (n[0] & 0x1F) == 7), nal(first, n -> (n[0] & 0x1F) == 8));
        toFfmpeg(clip, "video", new H264Packetizer(format, settings(1400)));
    }

    @Test
    void h265ToFfmpeg() {
        SourceClip clip = SourceClip.load(dir, h265Clip());
        List<byte[]> first = AnnexB.split(clip.packets().get(0).data());
        H265Format format = H265Format.of(96, nal(first, n -> (n[0] >> 1 & 0x3F) == 32),
                nal(first, n -> (n[0] >> 1 & 0x3F) == 33), nal(first, n -> (n[0] >> 1 & 0x3F) == 34));
        toFfmpeg(clip, "video", new H265Packetizer(format, settings(1400)));
    }

    @Test
    void aacToFfmpeg() {
        SourceClip clip = SourceClip.load(dir, aacClip());
        AudioSpecificConfig config = configOf(clip);
        toFfmpeg(clip, "audio", new Mpeg4AudioPacketizer(Mpeg4AudioFormat.aacHbr(97, 48000, 2, config.toBytes()),
                settings(1400)));
    }

    @Test
    void latmToFfmpeg() {
        SourceClip clip = SourceClip.load(dir, aacClip());
        GenericFormat format = LatmConfig.of(configOf(clip)).toFormat(97);
        toFfmpeg(clip, "audio", new LatmPacketizer(format, settings(1400)));
    }

    @Test
    void opusToFfmpeg() {
        SourceClip clip = SourceClip.load(dir, opusClip());
        // RTP has no Opus pre-skip (RFC 7587), so FFmpeg decodes the first frame whole; the clip is
        // decoded the same way (skip_manual: the container's pre-skip reported, not applied).
        toFfmpeg(clip, "audio", new OpusPacketizer(OpusFormat.of(97, true), settings(1400)), "-flags2", "+skip_manual");
    }

    @Test
    void mjpegToFfmpeg() {
        SourceClip clip = SourceClip.load(dir, mjpegClip());
        toFfmpeg(clip, "video", new MjpegPacketizer(MjpegPacketizer.defaultFormat(), settings(1400)));
    }

    @Test
    void pcmuToFfmpeg() {
        SourceClip clip = SourceClip.load(dir, pcmuClip());
        // FFmpeg makes a frame of every RTP packet: payloads as large as the clip's packets keep the frames alike.
        toFfmpeg(clip, "audio", new G711Packetizer(G711Format.pcmu(), settings(4096)));
    }

    @Test
    void vp8ToFfmpeg() {
        toFfmpeg(SourceClip.load(dir, vp8Clip()), "video", new Vp8Packetizer(Vp8Packetizer.format(96), settings(1400)));
    }

    @Test
    void vp9ToFfmpeg() {
        toFfmpeg(SourceClip.load(dir, vp9Clip()), "video", new Vp9Packetizer(Vp9Packetizer.format(96), settings(1400)));
    }

    @Test
    void g722ToFfmpeg() {
        toFfmpeg(SourceClip.load(dir, g722Clip()), "audio", new G722Packetizer(G722Packetizer.defaultFormat(),
                settings(160)));
    }

    /** MPEG-TS: the packetizer sends the clip's file as TS over RTP; FFmpeg demuxes and decodes it. */
    @Test
    void mpegTsToFfmpeg() {
        Path file = h264Clip();
        byte[] ts;
        try {
            ts = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SourceClip.Packet> chunks = new ArrayList<>();
        for (int at = 0; at < ts.length; at += 7 * 188) {
            byte[] chunk = java.util.Arrays.copyOfRange(ts, at, Math.min(ts.length, at + 7 * 188));
            chunks.add(new SourceClip.Packet(chunks.size(), chunks.size(), chunk, SourceClip.md5(chunk)));
        }
        // Chunk times one millisecond apart: FFmpeg takes the times from the TS itself. FFmpeg's RTP reader
        // of MPEG-TS never hands on the last video PES (its length is open, and no PES follows), so the
        // frames decoded are the clip's but its last.
        SourceClip asChunks = new SourceClip(file, 1, 1000, chunks);
        toFfmpeg(asChunks, "video", new MpegTsPacketizer(MpegTsPacketizer.defaultFormat(), settings(1400)), 1);
    }

    /** The clip's AudioSpecificConfig, from the ADTS header FFmpeg writes when it remuxes the clip. */
    private static AudioSpecificConfig configOf(SourceClip clip) {
        byte[] adts = Ffmpeg.output(dir, 60, "-i", clip.file().toString(), "-map", "0:0", "-c", "copy", "-f", "adts", "-");
        List<AdtsFrame> frames = Adts.split(adts);
        assertEquals(clip.packets().size(), frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(clip.packets().get(i).md5(), SourceClip.md5(frames.get(i).data()), "ADTS frame " + i);
        }
        return frames.get(0).config();
    }

    private static PacketizerSettings settings(int maxPayload) {
        return PacketizerSettings.defaults().withMaxPayloadSize(maxPayload);
    }

    private static byte[] nal(List<byte[]> nals, Predicate<byte[]> which) {
        return nals.stream().filter(which).findFirst().orElseThrow(() -> new AssertionError("parameter set missing"));
    }

    /**
     * Sends the clip's packets through the packetizer to FFmpeg, which decodes them; then ends the stream
     * with an RTCP BYE. FFmpeg's frames must be the clip's, decoded directly.
     */
    private static void toFfmpeg(SourceClip clip, String media, Packetizer packetizer, String... decoderOptions) {
        toFfmpeg(clip, media, packetizer, 0, decoderOptions);
    }

    private static void toFfmpeg(SourceClip clip, String media, Packetizer packetizer, int lastFramesKept,
                                 String... decoderOptions) {
        int port = Loopback.freePair();
        Path sdp = write(clip.file().getFileName() + "-in-" + port + ".sdp",
                SdpFile.describe(media, port, packetizer.format()).getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve(clip.file().getFileName() + "-" + port + ".framemd5");
        List<String> args = new ArrayList<>(List.of("-v", "error"));
        args.addAll(List.of(decoderOptions));
        args.addAll(List.of("-protocol_whitelist", "file,udp,rtp", "-i", sdp.toString(), "-map", "0:0",
                "-fps_mode", "passthrough", "-f", "framemd5", out.toString()));
        Ffmpeg.Running ffmpeg = Ffmpeg.start(dir, args.toArray(new String[0]));
        try (Loopback.Sender sender = new Loopback.Sender(port)) {
            Loopback.awaitBound(port, 10_000, ffmpeg);
            Loopback.awaitBound(port + 1, 10_000, ffmpeg);
            int packets = 0;
            for (SourceClip.Packet packet : clip.packets()) {
                packets += packetizer.packetize(packet.data(), clip.nanos(packet.pts()), sender::send);
                Loopback.sleep(2);
            }
            assertTrue(packets >= clip.packets().size());
            Loopback.sleep(300);
            sender.bye(0);
            assertEquals(0, ffmpeg.await(30), ffmpeg::log);
        } finally {
            ffmpeg.kill();
        }
        List<String> got;
        try {
            got = FrameMd5.parse(Files.readAllBytes(out)).hashes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = decoded(clip.file(), decoderOptions);
        List<String> expected = all.subList(0, all.size() - lastFramesKept);
        assertFalse(expected.isEmpty());
        assertEquals(expected, got, "frames FFmpeg decoded from the packetizer's RTP");
        System.out.println("golden: " + clip.file().getFileName() + " to FFmpeg, " + got.size() + " of " + all.size()
                + " decoded frames equal to the clip's");
    }

    /** The hashes of the frames FFmpeg decodes from a file. */
    private static List<String> decoded(Path file, String... decoderOptions) {
        List<String> args = new ArrayList<>(List.of(decoderOptions));
        args.addAll(List.of("-i", file.toString(), "-map", "0:0", "-fps_mode", "passthrough", "-f", "framemd5", "-"));
        return FrameMd5.parse(Ffmpeg.output(dir, 60, args.toArray(new String[0]))).hashes();
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
