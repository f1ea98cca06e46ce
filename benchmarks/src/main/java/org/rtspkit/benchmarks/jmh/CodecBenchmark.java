package org.rtspkit.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.RtspRequest;
import org.rtspkit.api.SenderReport;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.protocol.rtsp.RequestDecoder;
import org.rtspkit.protocol.sdp.SdpReader;

/**
 * The codecs beside the fan-out: RTP and RTCP marshalling (once per written packet and per report),
 * RTP parsing (once per received packet), and the parsing of what clients send, SDP (ANNOUNCE) and
 * RTSP requests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    /** An ANNOUNCE body as FFmpeg writes it for H264 with AAC. */
    private static final String SDP = """
            v=0\r
            o=- 0 0 IN IP4 127.0.0.1\r
            s=No Name\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            a=tool:libavformat 59.27.100\r
            m=video 0 RTP/AVP 96\r
            b=AS:2000\r
            a=rtpmap:96 H264/90000\r
            a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z2QAH6zZQFAFuhAAAAMAEAAAAwPA8YMZYA==,aOvjyyLA; profile-level-id=64001F\r
            a=control:streamid=0\r
            m=audio 0 RTP/AVP 97\r
            b=AS:128\r
            a=rtpmap:97 MPEG4-GENERIC/48000/2\r
            a=fmtp:97 profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3; config=119056E500\r
            a=control:streamid=1\r
            """;
    /** A SETUP as GStreamer sends it. */
    private static final byte[] SETUP = ("SETUP rtsp://127.0.0.1:8554/cam/trackID=0 RTSP/1.0\r\n"
            + "CSeq: 3\r\n"
            + "Transport: RTP/AVP;unicast;client_port=50000-50001\r\n"
            + "User-Agent: GStreamer/1.22.0\r\n"
            + "Session: 8b0f3a1c2d4e5f60\r\n"
            + "Date: Sun, 29 Nov 2026 17:00:00 GMT\r\n"
            + "\r\n").getBytes(StandardCharsets.ISO_8859_1);

    private RtpPacket packet;
    private byte[] marshalled;
    private final byte[] buffer = new byte[1500];
    private SenderReport report;
    private final RequestDecoder decoder = new RequestDecoder();
    private final ByteBuffer input = ByteBuffer.allocate(RequestDecoder.MIN_BUFFER_CAPACITY);

    @Setup
    public void setUp() {
        byte[] payload = new byte[1400 - RtpPacket.HEADER_SIZE];
        new Random(1).nextBytes(payload);
        packet = RtpPacket.of(true, 96, 4711, 123_456_789L, 0xCAFE_BABEL, payload);
        marshalled = packet.marshal();
        report = SenderReport.of(0xCAFE_BABEL, 0xE7A0_0000_0000_0000L, 123_456_789L, 1000, 1_400_000);
    }

    @Benchmark
    public int rtpMarshal() {
        return packet.marshalTo(buffer, 0);
    }

    @Benchmark
    public RtpPacket rtpUnmarshal() {
        return RtpPacket.unmarshal(marshalled, 0, marshalled.length);
    }

    @Benchmark
    public int senderReportMarshal() {
        return report.marshalTo(buffer, 0);
    }

    @Benchmark
    public SessionDescription sdpParse() {
        return SdpReader.parse(SDP);
    }

    @Benchmark
    public void rtspRequestDecode(Blackhole blackhole) {
        input.clear();
        input.put(SETUP).flip();
        decoder.decode(input, new RequestDecoder.Listener() {
            @Override
            public void frame(int channel, byte[] array, int offset, int length) {
                blackhole.consume(length);
            }

            @Override
            public void request(RtspRequest request) {
                blackhole.consume(request);
            }
        });
    }
}
