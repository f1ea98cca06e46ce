package org.rtspkit.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.stream.RtspServers;

/** Start-up checks of the configuration (REFERENCE §1) and a failed start leaving nothing open. */
class ConfigTest {
    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(TestServers.LOOPBACK, port);
    }

    private static String refused(ServerConfig.Builder config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtspServers.start(config.build(), new TestServers.ServingHandler()).close());
        return e.getMessage();
    }

    @Test
    void rtpPortMustBeEven() throws Exception {
        int p = TestServers.freeUdpPair();
        assertEquals("RTP port (" + (p + 1) + ") must be even",
                refused(TestServers.config(false).udpAddresses(loopback(p + 1), loopback(p + 2))));
    }

    @Test
    void rtcpPortMustFollowTheRtpPort() throws Exception {
        int p = TestServers.freeUdpPair();
        assertEquals("RTP (" + p + ") and RTCP (" + (p + 3) + ") ports must be consecutive",
                refused(TestServers.config(false).udpAddresses(loopback(p), loopback(p + 3))));
    }

    @Test
    void udpAddressesComeTogether() throws Exception {
        int p = TestServers.freeUdpPair();
        assertEquals("udpRtpAddress and udpRtcpAddress must be used together",
                refused(TestServers.config(false).udpAddresses(loopback(p), null)));
        assertEquals("udpRtpAddress and udpRtcpAddress must be used together",
                refused(TestServers.config(false).udpAddresses(null, loopback(p + 1))));
    }

    @Test
    void writeQueueSizeMustBeAPowerOfTwo() throws Exception {
        assertEquals("writeQueueSize (100) must be a power of two", refused(TestServers.config(false).writeQueueSize(100)));
        assertEquals("writeQueueSize (0) must be a power of two", refused(TestServers.config(false).writeQueueSize(0)));
    }

    /** The wording names the accepted range (the reference says "must be less than 1472"). */
    @Test
    void maxPacketSizeIsBounded() throws Exception {
        String message = refused(TestServers.config(false).maxPacketSize(2000));
        assertTrue(message.startsWith("maxPacketSize (2000) must be"), message);
        assertTrue(message.contains("1472"), message);
    }

    @Test
    void rtspAddressIsRequired() {
        assertEquals("rtspAddress not provided", refused(ServerConfig.builder()));
    }

    @Test
    void busyRtspPortFailsAndLeavesNothingOpen() throws Exception {
        int udp = TestServers.freeUdpPair();
        try (ServerSocket busy = new ServerSocket(0, 50, TestServers.LOOPBACK)) {
            ServerConfig config = ServerConfig.builder()
                    .rtspAddress(loopback(busy.getLocalPort()))
                    .udpAddresses(loopback(udp), loopback(udp + 1))
                    .build();
            assertThrows(BindException.class, () -> {
                RtspServer s = RtspServers.start(config, new TestServers.ServingHandler());
                s.close();
            });
        }
        // The UDP sockets opened before the listener failed were closed again.
        try (DatagramSocket rtp = new DatagramSocket(loopback(udp));
             DatagramSocket rtcp = new DatagramSocket(loopback(udp + 1))) {
            assertEquals(udp, rtp.getLocalPort());
            assertEquals(udp + 1, rtcp.getLocalPort());
        }
    }

    @Test
    void busyUdpPortFailsAndLeavesNothingOpen() throws Exception {
        int udp = TestServers.freeUdpPair();
        int rtsp;
        try (DatagramSocket busy = new DatagramSocket(loopback(udp + 1));
             ServerSocket probe = new ServerSocket(0, 50, TestServers.LOOPBACK)) {
            rtsp = probe.getLocalPort();
            probe.close();
            ServerConfig config = ServerConfig.builder()
                    .rtspAddress(loopback(rtsp))
                    .udpAddresses(loopback(udp), loopback(udp + 1))
                    .build();
            assertThrows(BindException.class, () -> RtspServers.start(config, new TestServers.ServingHandler()).close());
        }
        try (DatagramSocket rtp = new DatagramSocket(loopback(udp));
             ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(loopback(rtsp));
        }
    }
}
