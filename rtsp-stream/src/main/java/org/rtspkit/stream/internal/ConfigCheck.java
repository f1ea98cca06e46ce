package org.rtspkit.stream.internal;

import java.util.Map;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.TransportProvider;
import org.rtspkit.spi.Transports;

/** The start-up checks of a configuration, with messages that name the setting at fault. */
final class ConfigCheck {
    private ConfigCheck() {
    }

    static void validate(ServerConfig c) {
        if (c.rtspAddress() == null) {
            throw new IllegalArgumentException("rtspAddress not provided");
        }
        if ((c.udpRtpAddress() == null) != (c.udpRtcpAddress() == null)) {
            throw new IllegalArgumentException("udpRtpAddress and udpRtcpAddress must be used together");
        }
        if (c.udpEnabled()) {
            int rtp = c.udpRtpAddress().getPort();
            int rtcp = c.udpRtcpAddress().getPort();
            if (rtp % 2 != 0) {
                throw new IllegalArgumentException("RTP port (" + rtp + ") must be even");
            }
            if (rtcp != rtp + 1) {
                throw new IllegalArgumentException("RTP (" + rtp + ") and RTCP (" + rtcp + ") ports must be consecutive");
            }
        }
        int q = c.writeQueueSize();
        if (q <= 0 || (q & (q - 1)) != 0) {
            throw new IllegalArgumentException("writeQueueSize (" + q + ") must be a power of two");
        }
        if (c.maxPacketSize() > ServerConfig.MAX_UDP_PAYLOAD || c.maxPacketSize() < 64) {
            throw new IllegalArgumentException("maxPacketSize (" + c.maxPacketSize() + ") must be between 64 and "
                    + ServerConfig.MAX_UDP_PAYLOAD);
        }
        if (c.ioThreads() < 1) {
            throw new IllegalArgumentException("ioThreads (" + c.ioThreads() + ") must be at least 1");
        }
        positive("readTimeout", c.readTimeout());
        positive("writeTimeout", c.writeTimeout());
        positive("idleTimeout", c.idleTimeout());
        positive("senderReportPeriod", c.senderReportPeriod());
        positive("receiverReportPeriod", c.receiverReportPeriod());
        positive("checkStreamPeriod", c.checkStreamPeriod());
    }

    private static void positive(String name, java.time.Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " (" + d + ") must be positive");
        }
    }

    /** A configuration that asks for a transport nobody provides fails, naming what was found and what to add. */
    static void requireTransports(ServerConfig c, Map<TransportProtocol, TransportProvider> found) {
        if (found.isEmpty()) {
            throw new IllegalStateException("no transport found on the module path (found: none). "
                    + "Add org.rtspkit.transport.tcp or org.rtspkit.transport.udp.");
        }
        if (c.udpEnabled() && !found.containsKey(TransportProtocol.UDP)) {
            throw new IllegalStateException("UDP addresses are configured but no UDP transport was found on the module path"
                    + " (found: " + Transports.describe(found) + "). Add org.rtspkit.transport.udp.");
        }
    }
}
