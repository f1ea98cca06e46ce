package org.rtspkit.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.ServerConfig;

class MulticastSettingsTest {

    private static ServerConfig config(UnaryOperator<ServerConfig.Builder> settings) {
        return settings.apply(ServerConfig.builder().rtspAddress(new InetSocketAddress("127.0.0.1", 0))).build();
    }

    private static ServerConfig multicast(String range, int rtp, int rtcp) {
        return config(b -> b.multicastIpRange(range).multicastRtpPort(rtp).multicastRtcpPort(rtcp));
    }

    private static String refusal(ServerConfig config) {
        return assertThrows(IllegalArgumentException.class, () -> MulticastSettings.from(config)).getMessage();
    }

    @Test
    void offWhenNothingIsSet() {
        ServerConfig config = config(b -> b);
        assertTrue(MulticastSettings.from(config).isEmpty());
        assertEquals(false, config.multicastEnabled());
        // Interface and TTL alone do not turn multicast on.
        assertTrue(MulticastSettings.from(config(b -> b.multicastInterface("lo").multicastTtl(3))).isEmpty());
    }

    @Test
    void providerOpensNothingWhenMulticastIsOff() throws Exception {
        assertTrue(new UdpMulticastProvider().open(config(b -> b)).isEmpty());
    }

    @Test
    void theConventionalSettings() {
        ServerConfig config = multicast("224.1.0.0/16", 8002, 8003);
        assertTrue(config.multicastEnabled());
        MulticastSettings settings = MulticastSettings.from(config).orElseThrow();
        assertEquals("224.1.0.0/16", settings.range().toString());
        assertEquals(8002, settings.rtpPort());
        assertEquals(8003, settings.rtcpPort());
        assertEquals(16, settings.ttl());
        assertNull(settings.interfaceName());
        assertEquals(ServerConfig.MAX_UDP_PAYLOAD, settings.maxPacketSize());
    }

    @Test
    void interfaceAndTtlAreCarried() {
        MulticastSettings settings = MulticastSettings.from(config(b -> b.multicastIpRange("239.0.0.0/8")
                .multicastRtpPort(9000).multicastRtcpPort(9001).multicastInterface(" lo ").multicastTtl(0))).orElseThrow();
        assertEquals("lo", settings.interfaceName());
        assertEquals(0, settings.ttl());
        assertNull(MulticastSettings.from(config(b -> b.multicastIpRange("239.0.0.0/8")
                .multicastRtpPort(9000).multicastRtcpPort(9001).multicastInterface(" "))).orElseThrow().interfaceName());
    }

    @Test
    void allThreeOrNone() {
        String message = "multicastIpRange, multicastRtpPort and multicastRtcpPort must be used together";
        assertEquals(message, refusal(multicast("224.1.0.0/16", 0, 0)));
        assertEquals(message, refusal(multicast("224.1.0.0/16", 8002, 0)));
        assertEquals(message, refusal(multicast(null, 8002, 8003)));
        assertEquals(message, refusal(multicast(null, 0, 8003)));
    }

    @Test
    void ports() {
        assertEquals("multicast RTP port (8001) must be even", refusal(multicast("224.1.0.0/16", 8001, 8002)));
        assertEquals("multicast RTP (8002) and RTCP (8004) ports must be consecutive",
                refusal(multicast("224.1.0.0/16", 8002, 8004)));
        assertEquals("multicast RTP (8002) and RTCP (8001) ports must be consecutive",
                refusal(multicast("224.1.0.0/16", 8002, 8001)));
        assertEquals("multicast RTP port (-2) must be between 1 and 65535", refusal(multicast("224.1.0.0/16", -2, -1)));
        assertEquals("multicast RTCP port (65536) must be between 1 and 65535",
                refusal(multicast("224.1.0.0/16", 65_535, 65_536)));
        assertEquals("multicast RTP port (65535) must be even", refusal(multicast("224.1.0.0/16", 65_535, 1)));
    }

    @Test
    void range() {
        assertEquals("invalid multicast IP range (224.1.0.0): expected an IPv4 network such as 224.1.0.0/16",
                refusal(multicast("224.1.0.0", 8002, 8003)));
        assertEquals("multicast IP range (192.168.0.0/16) is not inside the IPv4 multicast range 224.0.0.0/4",
                refusal(multicast("192.168.0.0/16", 8002, 8003)));
    }

    @Test
    void ttl() {
        assertEquals("multicast TTL (256) must be between 0 and 255", refusal(config(b -> b.multicastIpRange("224.1.0.0/16")
                .multicastRtpPort(8002).multicastRtcpPort(8003).multicastTtl(256))));
        assertEquals("multicast TTL (-1) must be between 0 and 255", refusal(config(b -> b.multicastIpRange("224.1.0.0/16")
                .multicastRtpPort(8002).multicastRtcpPort(8003).multicastTtl(-1))));
    }

    @Test
    void providerChecksBeforeOpeningAnything() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UdpMulticastProvider().open(multicast("224.1.0.0/16", 8002, 0)));
        assertEquals("multicastIpRange, multicastRtpPort and multicastRtcpPort must be used together", e.getMessage());
    }
}
