package org.rtspkit.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.Format;
import org.rtspkit.api.G711Format;
import org.rtspkit.api.GenericFormat;
import org.rtspkit.api.H264Format;
import org.rtspkit.api.Media;
import org.rtspkit.api.MediaType;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.ServerSession;
import org.rtspkit.api.ServerStream;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.api.StreamStats;
import org.rtspkit.formats.h264.H264Depacketizer;
import org.rtspkit.formats.nal.AnnexB;

/**
 * {@link FrameWriter} and {@link FrameReceiver} against a stream and a session that record what they
 * are given (the real engine's path is tested with FFmpeg and GStreamer in the examples): units become
 * the packetizer's packets, written as bytes; the description follows new parameter sets, once per
 * change; what a receiver is fed comes back as whole units.
 */
class FrameApiTest {
    private static final byte[] SPS = {0x67, 0x64, 0x00, 0x1F, (byte) 0xAC, (byte) 0xD9, 0x40, 0x50};
    private static final byte[] OTHER_SPS = {0x67, 0x64, 0x00, 0x28, (byte) 0xAC, (byte) 0xD9, 0x40, 0x78};
    private static final byte[] PPS = {0x68, (byte) 0xEB, (byte) 0xE3, (byte) 0xCB};

    private final H264Format h264 = H264Format.of(96, null, null);
    private final Media video = Media.of(MediaType.VIDEO, null, h264);

    /** Records raw writes and format reloads; nothing else is expected of it. */
    private static final class RecordingStream implements ServerStream {
        final List<RtpPacket> packets = new ArrayList<>();
        final List<Format> reloads = new ArrayList<>();

        @Override
        public void writePacketRtp(Media media, byte[] packet, int offset, int length) {
            packets.add(RtpPacket.unmarshal(packet, offset, length));
        }

        @Override
        public void reloadFormat(Media media, Format updated) {
            reloads.add(updated);
        }

        @Override
        public SessionDescription description() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void writePacketRtp(Media media, RtpPacket packet) {
            throw new AssertionError("the frame writer writes bytes, not packet values");
        }

        @Override
        public void writePacketRtp(Media media, RtpPacket packet, Instant ntpTime) {
            throw new AssertionError("the frame writer writes bytes, not packet values");
        }

        @Override
        public void writePacketRtcp(Media media, RtcpPacket packet) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StreamStats stats() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void reloadDescription(SessionDescription updated) {
            throw new AssertionError("the frame writer reloads one format, not the description");
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isClosed() {
            return false;
        }
    }

    private static byte[] picture(byte[]... nals) {
        return AnnexB.join(List.of(nals));
    }

    private static byte[] slice(int header, int size) {
        byte[] slice = Units.random(size, size);
        slice[0] = (byte) header;
        return slice;
    }

    @Test
    void unitsGoOutAsThePacketizersPacketsAndTheDescriptionFollowsNewParameterSets() {
        RecordingStream stream = new RecordingStream();
        FrameWriter writer = FrameWriter.create(stream, video, h264);
        byte[] idr = picture(SPS, PPS, slice(0x65, 100_000));
        int packets = writer.write(idr, 0);
        assertEquals(packets, stream.packets.size());
        assertTrue(packets > 60, "a 100 kB picture is many packets: " + packets);
        assertTrue(stream.packets.stream().allMatch(p -> p.marshalSize() <= 12 + PacketizerSettings.DEFAULT_MAX_PAYLOAD_SIZE));
        assertEquals(List.of(h264.withParameterSets(SPS, PPS)), stream.reloads, "one reload, with the SPS and PPS seen");
        assertArrayEquals(SPS, ((H264Format) writer.format()).sps());

        writer.write(picture(slice(0x41, 3000)), 40_000_000);
        writer.write(picture(SPS, PPS, slice(0x65, 5000)), 80_000_000);
        assertEquals(1, stream.reloads.size(), "the same parameter sets again change nothing");
        writer.write(picture(OTHER_SPS, PPS, slice(0x65, 5000)), 120_000_000);
        assertEquals(2, stream.reloads.size());
        assertArrayEquals(OTHER_SPS, ((H264Format) stream.reloads.get(1)).sps());

        // The packets are the units: a depacketizer rebuilds them, with their times.
        H264Depacketizer depacketizer = new H264Depacketizer(h264);
        List<AccessUnit> units = new ArrayList<>();
        stream.packets.forEach(p -> depacketizer.push(p, units::add));
        assertEquals(4, units.size());
        assertArrayEquals(AnnexB.normalize(idr), AnnexB.normalize(units.get(0).data()));
        assertEquals(120_000_000, units.get(3).presentationTime());
    }

    @Test
    void whatCannotBeWrittenIsRefusedBeforeAnyPacket() {
        RecordingStream stream = new RecordingStream();
        Media audio = Media.of(MediaType.AUDIO, null, G711Format.pcmu());
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.create(stream, audio, h264),
                "a format of another media");
        GenericFormat unknown = new GenericFormat(98, 90000, "X-UNKNOWN/90000", Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameWriter.create(stream, Media.of(MediaType.VIDEO, null, unknown), unknown));
        assertEquals("no packetizer for X-UNKNOWN/90000 (payload type 98)", e.getMessage());

        FrameWriter writer = FrameWriter.create(stream, video, h264);
        assertThrows(IllegalArgumentException.class, () -> writer.write(new byte[] {1, 2, 3, 4}, 0), "not Annex-B");
        assertEquals(List.of(), stream.packets);
    }

    @Test
    void aReceiverHandsOnWholeUnitsAndCountsWhatItDropped() {
        Consumer<RtpPacket>[] registered = captureOnPacketRtp();
        ServerSession session = session(registered);
        List<AccessUnit> units = new ArrayList<>();
        FrameReceiver receiver = FrameReceiver.attach(session, video, h264, units::add);

        RecordingStream stream = new RecordingStream();
        FrameWriter writer = FrameWriter.create(stream, video, h264);
        byte[] first = picture(SPS, PPS, slice(0x65, 4000));
        byte[] second = picture(slice(0x41, 4000));
        writer.write(first, 0);
        int firstPackets = stream.packets.size();
        writer.write(second, 40_000_000);
        writer.write(picture(SPS, PPS, slice(0x65, 3000)), 80_000_000);
        for (int i = 0; i < stream.packets.size(); i++) {
            if (i != firstPackets + 1) { // a fragment of the second picture is lost
                registered[0].accept(stream.packets.get(i));
            }
        }
        assertEquals(2, units.size(), "the picture that lost a packet is dropped, the others come whole");
        assertArrayEquals(AnnexB.normalize(first), AnnexB.normalize(units.get(0).data()));
        assertEquals(80_000_000, units.get(1).presentationTime());
        assertEquals(1, receiver.stats().packetsLost());
        assertArrayEquals(SPS, ((H264Format) receiver.format()).sps());
    }

    @SuppressWarnings("unchecked")
    private static Consumer<RtpPacket>[] captureOnPacketRtp() {
        return new Consumer[1];
    }

    /** A session whose only working method is onPacketRtp, which keeps the callback. */
    @SuppressWarnings("unchecked")
    private static ServerSession session(Consumer<RtpPacket>[] registered) {
        return (ServerSession) Proxy.newProxyInstance(FrameApiTest.class.getClassLoader(), new Class<?>[] {ServerSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("onPacketRtp")) {
                        registered[0] = (Consumer<RtpPacket>) args[2];
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
