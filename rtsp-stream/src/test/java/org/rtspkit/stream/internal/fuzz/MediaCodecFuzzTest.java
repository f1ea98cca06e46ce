package org.rtspkit.stream.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.RtcpPacket;
import org.rtspkit.api.RtpPacket;
import org.rtspkit.api.SessionDescription;
import org.rtspkit.protocol.sdp.SdpReader;
import org.rtspkit.protocol.sdp.SdpWriter;

/**
 * The media-level parsers of what publishers and readers send: SDP in ANNOUNCE, RTP and RTCP
 * compound packets over UDP or interleaved. Only {@link MalformedDataException} may escape; what
 * parses is written again and reads back as the same value.
 */
class MediaCodecFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void sdp(byte[] data) {
        SessionDescription parsed;
        try {
            parsed = SdpReader.parse(new String(data, StandardCharsets.UTF_8));
        } catch (MalformedDataException expected) {
            return;
        }
        String written = SdpWriter.write(parsed);
        assertEquals(parsed, SdpReader.parse(written), "written as\n" + written);
        // As served to readers of an RTSPS server: secure profile, a key per media.
        List<String> keys = new ArrayList<>();
        parsed.medias().forEach(m -> keys.add("AAAA"));
        assertEquals(parsed, SdpReader.parse(SdpWriter.write(parsed, true, "224.1.0.1", keys)));
    }

    @FuzzTest(maxDuration = "60s")
    void rtp(byte[] data) {
        RtpPacket packet;
        try {
            packet = RtpPacket.unmarshal(data);
        } catch (MalformedDataException expected) {
            return;
        }
        assertEquals(data.length, packet.marshalSize());
        byte[] written = packet.marshal();
        assertEquals(packet, RtpPacket.unmarshal(written));
        // At an offset, as the engine marshals into its pooled buffers.
        byte[] shifted = new byte[written.length + 7];
        assertEquals(written.length, packet.marshalTo(shifted, 7));
        assertEquals(packet, RtpPacket.unmarshal(shifted, 7, written.length));
    }

    @FuzzTest(maxDuration = "60s")
    void rtcpCompound(byte[] data) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpPacket.unmarshalCompound(data);
        } catch (MalformedDataException expected) {
            return;
        }
        byte[] written = RtcpPacket.marshalCompound(packets);
        assertEquals(packets, RtcpPacket.unmarshalCompound(written));
    }
}
