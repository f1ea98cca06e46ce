package org.rtspkit.benchmarks.jmh;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rtspkit.api.H264Format;
import org.rtspkit.formats.PacketizerSettings;
import org.rtspkit.formats.RtpPacketSink;
import org.rtspkit.formats.h264.H264Packetizer;
import org.rtspkit.formats.nal.AnnexB;

/**
 * Packetizing a 100 kB H264 picture (delimiter, SPS, PPS and one IDR slice, Annex-B) into RTP packets
 * of at most 1472 bytes: one STAP-A and FU-A fragments. Scores are per packet
 * ({@link OperationsPerInvocation}), so {@code -prof gc}'s {@code gc.alloc.rate.norm} is the bytes
 * allocated per packet. {@code packetize} hands each packet to a sink that only reads it;
 * {@code packetizeAndCopy} copies each into a reused buffer, as an engine copies into its pooled packets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PacketizerBenchmark {
    /** The picture's size in bytes, start codes included. */
    static final int PICTURE_SIZE = 100_000;
    /** Packets per picture at the default payload of 1460 bytes: checked in {@link #setUp()}. */
    static final int PACKETS = 70;

    private H264Packetizer packetizer;
    private byte[] picture;
    private long time;
    private long checksum;
    private final byte[] pooled = new byte[1500];
    private final RtpPacketSink reader = (buf, offset, length) -> checksum += length + buf[offset + length - 1];
    private final RtpPacketSink copier = (buf, offset, length) -> {
        System.arraycopy(buf, offset, pooled, 0, length);
        checksum += pooled[length - 1];
    };

    static final byte[] SPS = {0x67, 0x64, 0x00, 0x1F, (byte) 0xAC, (byte) 0xD9, 0x40, 0x50, 0x05, (byte) 0xBA, 0x10};
    static final byte[] PPS = {0x68, (byte) 0xEB, (byte) 0xE3, (byte) 0xCB, 0x22, (byte) 0xC0};

    /** The picture: delimiter, SPS, PPS and one IDR slice of random bytes, {@link #PICTURE_SIZE} bytes in all. */
    static byte[] picture() {
        byte[] aud = {0x09, (byte) 0xF0};
        byte[] idr = new byte[PICTURE_SIZE - 4 * 4 - aud.length - SPS.length - PPS.length];
        new Random(1).nextBytes(idr);
        idr[0] = 0x65;
        for (int i = 1; i < idr.length; i++) {
            // No start code inside the slice, as emulation prevention guarantees in a real one.
            if (idr[i] == 0) {
                idr[i] = 1;
            }
        }
        byte[] picture = AnnexB.join(List.of(aud, SPS, PPS, idr));
        if (picture.length != PICTURE_SIZE) {
            throw new IllegalStateException("picture of " + picture.length + " bytes");
        }
        return picture;
    }

    @Setup
    public void setUp() {
        picture = picture();
        packetizer = new H264Packetizer(H264Format.of(96, SPS, PPS), PacketizerSettings.defaults());
        int packets = packetizer.packetize(picture, 0, reader);
        if (packets != PACKETS) {
            throw new IllegalStateException("a picture makes " + packets + " packets, not " + PACKETS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long packetize() {
        time += 40_000_000;
        packetizer.packetize(picture, 0, picture.length, time, reader);
        return checksum;
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long packetizeAndCopy() {
        time += 40_000_000;
        packetizer.packetize(picture, 0, picture.length, time, copier);
        return checksum;
    }
}
