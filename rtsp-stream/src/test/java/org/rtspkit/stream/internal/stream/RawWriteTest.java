package org.rtspkit.stream.internal.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Format;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.spi.PacketSink;
import org.rtspkit.stream.internal.net.IoLoop;
import org.rtspkit.stream.internal.net.SessionOutput;

/**
 * {@code writePacketRtp(media, byte[], offset, length)}: a packet already marshalled reaches a reader
 * as the same bytes (the stream's SSRC stamped in), copied before the call returns, and counted as a
 * packet value would be; bytes that are not an RTP packet are refused with the reason, and nothing is
 * queued or kept from the pool for them.
 */
class RawWriteTest {
    private final IoLoop loop = new IoLoop("test-io");
    private final Media video = new Media(MediaType.VIDEO, null, false, null,
            List.of(Format.fromSdp(96, "H264/90000", Map.of("packetization-mode", "1"))));
    private final LinkedBlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        loop.close();
    }

    private Stream stream() {
        StreamHost host = mock(StreamHost.class);
        when(host.config()).thenReturn(ServerConfig.builder().writeQueueSize(16).senderReports(false).build());
        when(host.handler()).thenReturn(mock(ServerHandler.class));
        return new Stream(host, new SessionDescription("test", List.of(video)), new SecureRandom(), Map.of());
    }

    private void play(Stream stream) {
        PacketSink sink = (rtcp, data, offset, length) -> sent.add(Arrays.copyOfRange(data, offset, offset + length));
        SessionOutput output = new SessionOutput(e -> { }, 16, loop, new PacketSink[] {sink}, null);
        StreamReader reader = mock(StreamReader.class);
        when(reader.output()).thenReturn(output);
        when(reader.readerCounters()).thenReturn(new ReaderCounters());
        when(reader.creatorAddress()).thenReturn(InetAddress.getLoopbackAddress());
        when(reader.id()).thenReturn("reader");
        stream.addReader(reader);
        stream.activate(reader, new int[0], null);
        loop.start();
        output.start();
    }

    @Test
    void aMarshalledPacketReachesTheReaderAsWrittenWithTheStreamsSsrc() throws Exception {
        Stream stream = stream();
        play(stream);
        RtpPacket packet = RtpPacket.of(true, 96, 4242, 90_000, 0x11223344L, new byte[] {0x65, 1, 2, 3});
        byte[] buffer = new byte[100];
        int length = packet.marshalTo(buffer, 10);
        stream.writePacketRtp(video, buffer, 10, length);
        Arrays.fill(buffer, (byte) 0x7F); // the caller reuses its buffer at once

        byte[] got = sent.poll(10, TimeUnit.SECONDS);
        byte[] expected = packet.withSsrc(stream.medias().get(0).format(96).ssrc() & 0xFFFF_FFFFL).marshal();
        assertArrayEquals(expected, got);
        assertEquals(1, stream.stats().outboundRtpPackets());
        assertEquals(length, stream.stats().outboundBytes());
    }

    @Test
    void bytesThatAreNotAnRtpPacketAreRefusedWithTheReason() {
        Stream stream = stream();
        int free = stream.packetPool().freeCount();
        byte[] good = RtpPacket.of(false, 96, 1, 0, 0, new byte[] {0x41, 9}).marshal();

        assertMessage(stream, "an RTP packet needs at least 12 bytes, got 11", good, 11);
        byte[] version1 = good.clone();
        version1[0] = 0x40;
        assertMessage(stream, "RTP version must be 2, got 1", version1, version1.length);
        byte[] csrcs = good.clone();
        csrcs[0] = (byte) 0x81; // one CSRC: 16 bytes of header, the packet has 14
        assertMessage(stream, "RTP packet of 14 bytes too short for its 16-byte header", csrcs, csrcs.length);
        byte[] padding = good.clone();
        padding[0] = (byte) 0xA0;
        padding[padding.length - 1] = 3; // three bytes of padding, two after the header
        assertMessage(stream, "RTP padding of 3 bytes does not fit the 2 bytes after the header", padding, padding.length);
        byte[] otherType = good.clone();
        otherType[1] = 97;
        assertThrows(IllegalArgumentException.class, () -> stream.writePacketRtp(video, otherType, 0, otherType.length));

        assertEquals(free, stream.packetPool().freeCount(), "nothing taken from the pool");
        assertEquals(0, stream.stats().outboundRtpPackets());
    }

    private static void assertMessage(Stream stream, String message, byte[] packet, int length) {
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> stream.writePacketRtp(stream.description().medias().get(0), packet, 0, length));
        assertEquals(message, e.getMessage());
    }
}
