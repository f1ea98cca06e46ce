package org.rtspkit.protocol.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.MalformedDataException;
import org.rtspkit.api.TransportProfile;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.PortPair;
import org.rtspkit.spi.TransportSpec;

class TransportHeaderTest {

    private static TransportSpec one(String value) {
        List<TransportSpec> list = TransportHeader.parseList(value);
        assertEquals(1, list.size(), () -> "entries of " + value);
        return list.get(0);
    }

    private static TransportSpec spec(TransportProtocol protocol, TransportProfile profile) {
        return new TransportSpec(protocol, profile, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void ffmpegUdpPlay() {
        TransportSpec t = one("RTP/AVP/UDP;unicast;client_port=5000-5001");
        assertEquals(TransportProtocol.UDP, t.protocol());
        assertEquals(TransportProfile.AVP, t.profile());
        assertEquals(new PortPair(5000, 5001), t.clientPort());
        assertNull(t.mode());
        assertNull(t.interleaved());
    }

    @Test
    void ffmpegTcpPlay() {
        TransportSpec t = one("RTP/AVP/TCP;unicast;interleaved=0-1");
        assertEquals(TransportProtocol.TCP, t.protocol());
        assertEquals(new PortPair(0, 1), t.interleaved());
        assertNull(t.clientPort());
    }

    @Test
    void ffmpegUdpRecord() {
        TransportSpec t = one("RTP/AVP/UDP;unicast;client_port=5000-5001;mode=record");
        assertEquals(TransportProtocol.UDP, t.protocol());
        assertEquals(TransportSpec.Mode.RECORD, t.mode());
        t = one("RTP/AVP;unicast;client_port=5000-5001;mode=record");
        assertEquals(TransportProtocol.UDP, t.protocol());
        assertEquals(TransportSpec.Mode.RECORD, t.mode());
    }

    @Test
    void tcpRecord() {
        TransportSpec t = one("RTP/AVP/TCP;unicast;interleaved=2-3;mode=record");
        assertEquals(TransportProtocol.TCP, t.protocol());
        assertEquals(new PortPair(2, 3), t.interleaved());
        assertEquals(TransportSpec.Mode.RECORD, t.mode());
        assertEquals(TransportSpec.Mode.RECORD, one("RTP/AVP/TCP;unicast;interleaved=0-1;mode=\"RECORD\"").mode());
        assertEquals(TransportSpec.Mode.RECORD, one("RTP/AVP/TCP;unicast;interleaved=0-1;mode=receive").mode());
        assertEquals(TransportSpec.Mode.PLAY, one("RTP/AVP/TCP;unicast;interleaved=0-1;mode=\"PLAY\"").mode());
    }

    @Test
    void gstreamerOfferKeepsOrder() {
        List<TransportSpec> list = TransportHeader.parseList(
                "RTP/AVP;unicast;client_port=41002-41003,RTP/AVP/TCP;unicast;interleaved=0-1");
        assertEquals(2, list.size());
        assertEquals(TransportProtocol.UDP, list.get(0).protocol());
        assertEquals(new PortPair(41002, 41003), list.get(0).clientPort());
        assertEquals(TransportProtocol.TCP, list.get(1).protocol());
        assertEquals(new PortPair(0, 1), list.get(1).interleaved());
    }

    @Test
    void gstreamerFullOfferWithMulticast() {
        List<TransportSpec> list = TransportHeader.parseList(
                "RTP/AVP;multicast;client_port=41002-41003, RTP/AVP;unicast;client_port=41002-41003, "
                        + "RTP/AVP/TCP;unicast;interleaved=0-1");
        assertEquals(3, list.size());
        assertEquals(TransportProtocol.UDP_MULTICAST, list.get(0).protocol());
        assertEquals(TransportProtocol.UDP, list.get(1).protocol());
        assertEquals(TransportProtocol.TCP, list.get(2).protocol());
    }

    @Test
    void gstreamerSrtpOffer() {
        TransportSpec t = one("RTP/SAVP;unicast;client_port=50000-50001;mode=record");
        assertEquals(TransportProfile.SAVP, t.profile());
        assertEquals(TransportProtocol.UDP, t.protocol());
        t = one("RTP/SAVP/TCP;unicast;interleaved=0-1");
        assertEquals(TransportProfile.SAVP, t.profile());
        assertEquals(TransportProtocol.TCP, t.protocol());
        assertEquals(TransportProtocol.UDP, one("RTP/SAVP/UDP;unicast;client_port=4-5").protocol());
    }

    @Test
    void tokenIsCaseInsensitiveAndDeliveryDefaultsToUnicast() {
        assertEquals(TransportProtocol.TCP, one("rtp/avp/tcp;interleaved=0-1").protocol());
        assertEquals(TransportProtocol.UDP, one("RTP/AVP;client_port=5000-5001").protocol());
    }

    @Test
    void singleValuesMeanAPair() {
        TransportSpec t = one("RTP/AVP;unicast;client_port=5000");
        assertEquals(new PortPair(5000, 5001), t.clientPort());
        assertEquals(new PortPair(4, 5), one("RTP/AVP/TCP;interleaved=4").interleaved());
        assertEquals(new PortPair(9000, 9001), one("RTP/AVP;multicast;port=9000").port());
    }

    @Test
    void multicastParameters() {
        TransportSpec t = one("RTP/AVP;multicast;destination=224.1.0.1;port=8002-8003;ttl=127");
        assertEquals(TransportProtocol.UDP_MULTICAST, t.protocol());
        assertEquals("224.1.0.1", t.destination());
        assertEquals(new PortPair(8002, 8003), t.port());
        assertEquals(127, t.ttl());
    }

    @Test
    void ssrcAndServerPortAndSource() {
        TransportSpec t = one("RTP/AVP;unicast;source=10.0.0.1;client_port=5000-5001;server_port=8000-8001;ssrc=0A1b2C3d");
        assertEquals("10.0.0.1", t.source());
        assertEquals(new PortPair(8000, 8001), t.serverPort());
        assertEquals(0x0A1B2C3DL, t.ssrc());
        assertEquals(0xFFFFFFFFL, one("RTP/AVP;unicast;client_port=5000-5001;ssrc=FFFFFFFF").ssrc());
        assertEquals(0x1234L, one("RTP/AVP;unicast;client_port=5000-5001;ssrc=1234").ssrc());
    }

    @Test
    void unreadableSsrcIsDropped() {
        assertNull(one("RTP/AVP;unicast;client_port=5000-5001;ssrc=123456789").ssrc());
        assertNull(one("RTP/AVP;unicast;client_port=5000-5001;ssrc=xyz").ssrc());
        assertNull(one("RTP/AVP;unicast;client_port=5000-5001;ssrc=").ssrc());
    }

    @Test
    void unknownParametersAreIgnored() {
        TransportSpec t = one("RTP/AVP;unicast;client_port=5000-5001;append;layers=2;x-dynamic-rate=1");
        assertEquals(new PortPair(5000, 5001), t.clientPort());
    }

    @Test
    void entryInUnknownTransportIsSkipped() {
        List<TransportSpec> list = TransportHeader.parseList("x-Real-RDT/UDP;client_port=6970,RTP/AVP/TCP;interleaved=0-1");
        assertEquals(1, list.size());
        assertEquals(TransportProtocol.TCP, list.get(0).protocol());
    }

    @Test
    void malformedValues() {
        assertMessage("invalid transport header: value not provided", null);
        assertMessage("invalid transport header: value not provided", "");
        assertMessage("invalid transport header: value not provided", "   ");
        assertMessage("invalid transport header: value not provided", " , ");
        assertMessage("invalid transport header: unsupported transport 'RAW/RAW/UDP'", "RAW/RAW/UDP;unicast");
        assertMessage("invalid transport header: no transport protocol in 'unicast;client_port=5000-5001'",
                "unicast;client_port=5000-5001");
        assertMessage("invalid transport header: invalid client_port 'abc'", "RTP/AVP;client_port=abc-5001");
        assertMessage("invalid transport header: invalid client_port '70000'", "RTP/AVP;client_port=70000");
        assertMessage("invalid transport header: invalid client_port '65535'", "RTP/AVP;client_port=65535");
        assertMessage("invalid transport header: invalid client_port ''", "RTP/AVP;client_port=-5001");
        assertMessage("invalid transport header: parameter 'client_port' has no value", "RTP/AVP;client_port=");
        assertMessage("invalid transport header: parameter 'client_port' has no value", "RTP/AVP;client_port");
        assertMessage("invalid transport header: invalid interleaved '256'", "RTP/AVP/TCP;interleaved=0-256");
        assertMessage("invalid transport header: invalid ttl '300'", "RTP/AVP;multicast;ttl=300");
        assertMessage("invalid transport header: invalid mode 'sideways'", "RTP/AVP;client_port=1-2;mode=sideways");
        assertMessage("invalid transport header: parameter 'mode' has no value", "RTP/AVP;client_port=1-2;mode=\"\"");
        assertMessage("invalid transport header: TCP transport cannot be multicast ('RTP/AVP/TCP;multicast')",
                "RTP/AVP/TCP;multicast");
        assertMessage("invalid transport header: more than one transport in 'RTP/AVP;RTP/AVP/TCP'", "RTP/AVP;RTP/AVP/TCP");
        // one bad entry spoils the whole offer, as in the server we follow
        assertThrows(MalformedDataException.class,
                () -> TransportHeader.parseList("RTP/AVP;client_port=x,RTP/AVP/TCP;interleaved=0-1"));
    }

    private static void assertMessage(String expected, String header) {
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> TransportHeader.parseList(header));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void formatUdpReply() {
        TransportSpec t = new TransportSpec(TransportProtocol.UDP, TransportProfile.AVP, null, null, null, null, null,
                new PortPair(5000, 5001), new PortPair(8000, 8001), 0xABCL, TransportSpec.Mode.PLAY);
        assertEquals("RTP/AVP;unicast;client_port=5000-5001;server_port=8000-8001;ssrc=00000ABC;mode=play", TransportHeader.format(t));
        assertEquals("RTP/AVP;unicast;client_port=5000-5001;server_port=8000-8001;ssrc=00000ABC",
                TransportHeader.format(t.withMode(null)));
    }

    @Test
    void formatMulticastReply() {
        TransportSpec t = new TransportSpec(TransportProtocol.UDP_MULTICAST, TransportProfile.AVP, "224.1.0.1", null, null,
                new PortPair(8002, 8003), 127, null, null, 0xDEADBEEFL, null);
        assertEquals("RTP/AVP;multicast;destination=224.1.0.1;port=8002-8003;ttl=127;ssrc=DEADBEEF", TransportHeader.format(t));
    }

    @Test
    void formatTcpReplies() {
        TransportSpec t = spec(TransportProtocol.TCP, TransportProfile.AVP);
        assertEquals("RTP/AVP/TCP;unicast", TransportHeader.format(t));
        t = new TransportSpec(TransportProtocol.TCP, TransportProfile.SAVP, null, null, new PortPair(0, 1), null, null,
                null, null, 1L, TransportSpec.Mode.RECORD);
        assertEquals("RTP/SAVP/TCP;unicast;interleaved=0-1;ssrc=00000001;mode=record", TransportHeader.format(t));
        assertEquals("RTP/SAVP;unicast", TransportHeader.format(spec(TransportProtocol.UDP, TransportProfile.SAVP)));
    }

    @Test
    void formatAllFieldsInOrder() {
        TransportSpec t = new TransportSpec(TransportProtocol.UDP_MULTICAST, TransportProfile.SAVP, "224.2.0.1", "10.0.0.1",
                new PortPair(0, 1), new PortPair(9000, 9001), 16, new PortPair(5000, 5001), new PortPair(8000, 8001),
                0x12345678L, TransportSpec.Mode.PLAY);
        assertEquals("RTP/SAVP;multicast;source=10.0.0.1;destination=224.2.0.1;interleaved=0-1;port=9000-9001;ttl=16;"
                + "client_port=5000-5001;server_port=8000-8001;ssrc=12345678;mode=play", TransportHeader.format(t));
    }

    @Test
    void formatThenParseRoundTrips() {
        for (String header : List.of(
                "RTP/AVP;unicast;client_port=5000-5001;server_port=8000-8001;ssrc=00000ABC",
                "RTP/AVP;multicast;destination=224.1.0.1;port=8002-8003;ttl=127;ssrc=DEADBEEF",
                "RTP/AVP/TCP;unicast;interleaved=0-1;mode=record",
                "RTP/SAVP/TCP;unicast;interleaved=6-7;ssrc=00000001")) {
            assertEquals(header, TransportHeader.format(one(header)));
        }
        assertEquals("RTP/AVP;unicast;client_port=5000-5001", TransportHeader.format(one("RTP/AVP/UDP;unicast;client_port=5000-5001")));
    }

    @Test
    void aDestinationHoldingSeparatorsIsNotAnAddress() {
        // Quoted, it parses; but it would be written back unquoted and split the header, so refuse it.
        org.rtspkit.api.MalformedDataException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.rtspkit.api.MalformedDataException.class,
                () -> one("RTP/AVP;multicast;destination=\"a;b,c\";port=1-2"));
        assertTrue(e.getMessage().contains("destination 'a;b,c' is not an address"), e.getMessage());
        assertEquals("224.2.0.1", one("RTP/AVP;multicast;destination=\"224.2.0.1\";port=1-2").destination());
    }
}
