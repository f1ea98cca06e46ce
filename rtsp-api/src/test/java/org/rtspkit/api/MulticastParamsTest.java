package org.rtspkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class MulticastParamsTest {

    private static String refusal(String group, int rtp, int rtcp) {
        return assertThrows(IllegalArgumentException.class,
                () -> new MulticastParams(InetAddress.getByName(group), rtp, rtcp)).getMessage();
    }

    @Test
    void holdsAGroupAndConsecutivePorts() throws Exception {
        MulticastParams params = new MulticastParams(InetAddress.getByName("224.2.0.50"), 9000, 9001);
        assertEquals("224.2.0.50", params.group().getHostAddress());
        assertEquals(9000, params.rtpPort());
        assertEquals(9001, params.rtcpPort());
    }

    @Test
    void refusesWhatReadersCouldNotUse() {
        assertEquals("multicast group (10.0.0.1) must be an IPv4 multicast address (224.0.0.0/4)", refusal("10.0.0.1", 9000, 9001));
        assertEquals("multicast group (ff02:0:0:0:0:0:0:1) must be an IPv4 multicast address (224.0.0.0/4)",
                refusal("ff02::1", 9000, 9001));
        assertEquals("multicast RTP port (9001) must be even", refusal("224.2.0.50", 9001, 9002));
        assertEquals("multicast RTP (9000) and RTCP (9002) ports must be consecutive", refusal("224.2.0.50", 9000, 9002));
        assertEquals("multicast RTP port (0) must be between 1 and 65534", refusal("224.2.0.50", 0, 1));
        assertEquals("multicast RTP port (65536) must be between 1 and 65534", refusal("224.2.0.50", 65_536, 65_537));
        assertThrows(NullPointerException.class, () -> new MulticastParams(null, 9000, 9001));
    }
}
