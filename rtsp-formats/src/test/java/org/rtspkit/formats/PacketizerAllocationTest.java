package org.rtspkit.formats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.H265Format;
import org.rtspkit.api.Mpeg4AudioFormat;
import org.rtspkit.api.OpusFormat;
import org.rtspkit.formats.g711.G711Packetizer;
import org.rtspkit.formats.h264.H264Packetizer;
import org.rtspkit.formats.h265.H265Packetizer;
import org.rtspkit.formats.lpcm.LpcmPacketizer;
import org.rtspkit.formats.lpcm.LpcmParameters;
import org.rtspkit.formats.mjpeg.JpegImage;
import org.rtspkit.formats.mjpeg.MjpegPacketizer;
import org.rtspkit.formats.mpeg4audio.AudioSpecificConfig;
import org.rtspkit.formats.mpeg4audio.LatmConfig;
import org.rtspkit.formats.mpeg4audio.LatmPacketizer;
import org.rtspkit.formats.mpeg4audio.Mpeg4AudioPacketizer;
import org.rtspkit.formats.nal.AnnexB;
import org.rtspkit.formats.opus.OpusPacketizer;

/**
 * Packetizing into a sink allocates nothing, per packet or per unit, once warmed up. Measured with the
 * JDK's per-thread allocation counter, reached by reflection because this module does not read
 * java.management.
 */
class PacketizerAllocationTest {
    private static final int ROUNDS = 2_000;
    private long packets;
    private final RtpPacketSink sink = (buf, offset, length) -> packets += length;

    private static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Class<?> sunBean = Class.forName("com.sun.management.ThreadMXBean");
            if (!sunBean.isInstance(bean)) {
                return -1;
            }
            Method m = sunBean.getMethod("getCurrentThreadAllocatedBytes");
            return (long) m.invoke(bean);
        } catch (ReflectiveOperationException | LinkageError e) {
            return -1;
        }
    }

    interface Work {
        void run(long time);
    }

    private void assertNoAllocation(String what, Work work) {
        assertTrue(allocatedBytes() >= 0, "this JVM has no per-thread allocation counter (HotSpot has one)");
        for (int i = 0; i < ROUNDS; i++) {
            work.run(i * 40_000_000L);
        }
        long before = allocatedBytes();
        long overhead = allocatedBytes() - before;
        long start = allocatedBytes();
        long sent = packets;
        for (int i = 0; i < ROUNDS; i++) {
            work.run((ROUNDS + i) * 40_000_000L);
        }
        long used = allocatedBytes() - start - overhead;
        assertTrue(packets > sent);
        // Far below one allocation per unit, let alone per packet (each at least 16 bytes).
        assertTrue(used < ROUNDS, what + ": allocated " + used + " bytes in " + ROUNDS + " units");
    }

    @Test
    void videoPacketizers() {
        byte[] picture = AnnexB.join(List.of(new byte[] {0x09, (byte) 0xF0}, h264(0x67, 20), h264(0x68, 5),
                h264(0x65, 100_000), h264(0x65, 800)));
        H264Packetizer h264 = new H264Packetizer(H264Format.of(96, null, null), PacketizerSettings.defaults());
        assertNoAllocation("H264", t -> h264.packetize(picture, t, sink));
        byte[] hevc = AnnexB.join(List.of(h265(32, 20), h265(33, 30), h265(34, 8), h265(19, 100_000)));
        H265Packetizer h265 = new H265Packetizer(H265Format.of(96, null, null, null), PacketizerSettings.defaults());
        assertNoAllocation("H265", t -> h265.packetize(hevc, t, sink));
        JpegImage image = new JpegImage(1, 640, 480, 0, new byte[128], 0, Units.random(1, 50_000));
        MjpegPacketizer mjpeg = new MjpegPacketizer(MjpegPacketizer.defaultFormat(), PacketizerSettings.defaults());
        assertNoAllocation("MJPEG", t -> mjpeg.packetize(image, t, sink));
    }

    @Test
    void audioPacketizers() {
        AudioSpecificConfig config = AudioSpecificConfig.aacLc(48000, 2);
        byte[] frame = Units.random(2, 2000);
        Mpeg4AudioPacketizer aac = new Mpeg4AudioPacketizer(Mpeg4AudioFormat.aacHbr(97, 48000, 2, config.toBytes()),
                PacketizerSettings.defaults());
        assertNoAllocation("AAC", t -> aac.packetize(frame, t, sink));
        LatmPacketizer latm = new LatmPacketizer(LatmConfig.of(config).toFormat(97), PacketizerSettings.defaults());
        assertNoAllocation("LATM", t -> latm.packetize(frame, t, sink));
        OpusPacketizer opus = new OpusPacketizer(OpusFormat.of(111, true), PacketizerSettings.defaults());
        byte[] opusFrame = Units.random(3, 200);
        assertNoAllocation("Opus", t -> opus.packetize(opusFrame, t, sink));
        byte[] samples = Units.random(4, 3200);
        G711Packetizer g711 = new G711Packetizer(G711Format.pcmu(), PacketizerSettings.defaults());
        assertNoAllocation("G.711", t -> g711.packetize(samples, t, sink));
        LpcmPacketizer lpcm = new LpcmPacketizer(new LpcmParameters(16, 48000, 2).toFormat(98), PacketizerSettings.defaults());
        assertNoAllocation("LPCM", t -> lpcm.packetize(samples, t, sink));
    }

    private static byte[] h264(int header, int size) {
        byte[] nal = Units.random(size, size);
        nal[0] = (byte) header;
        return nal;
    }

    private static byte[] h265(int type, int size) {
        byte[] nal = Units.random(size, size);
        nal[0] = (byte) (type << 1);
        nal[1] = 1;
        return nal;
    }
}
