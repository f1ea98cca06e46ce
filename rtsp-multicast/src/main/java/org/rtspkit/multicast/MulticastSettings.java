package org.rtspkit.multicast;

import java.util.Optional;
import org.rtspkit.api.ServerConfig;

/**
 * The multicast part of a {@link ServerConfig}, checked.
 *
 * @param range         where groups are allocated from
 * @param rtpPort       RTP port of allocated groups
 * @param rtcpPort      RTCP port of allocated groups
 * @param interfaceName the one interface to use, or null for the default choice
 * @param ttl           {@code IP_MULTICAST_TTL} of the sending sockets
 * @param maxPacketSize the largest reader RTCP datagram accepted
 */
record MulticastSettings(Ipv4Range range, int rtpPort, int rtcpPort, String interfaceName, int ttl, int maxPacketSize) {

    /**
     * Empty when none of the range and ports is set.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    static Optional<MulticastSettings> from(ServerConfig config) {
        String rangeText = config.multicastIpRange();
        int rtpPort = config.multicastRtpPort();
        int rtcpPort = config.multicastRtcpPort();
        boolean hasRange = rangeText != null && !rangeText.isBlank();
        if (!hasRange && rtpPort == 0 && rtcpPort == 0) {
            return Optional.empty();
        }
        if (!hasRange || rtpPort == 0 || rtcpPort == 0) {
            throw new IllegalArgumentException(
                    "multicastIpRange, multicastRtpPort and multicastRtcpPort must be used together");
        }
        checkPort("RTP", rtpPort);
        checkPort("RTCP", rtcpPort);
        if (rtpPort % 2 != 0) {
            throw new IllegalArgumentException(String.format("multicast RTP port (%d) must be even", rtpPort));
        }
        if (rtcpPort != rtpPort + 1) {
            throw new IllegalArgumentException(String.format(
                    "multicast RTP (%d) and RTCP (%d) ports must be consecutive", rtpPort, rtcpPort));
        }
        int ttl = config.multicastTtl();
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException(String.format("multicast TTL (%d) must be between 0 and 255", ttl));
        }
        if (config.maxPacketSize() <= 0) {
            throw new IllegalArgumentException(
                    String.format("MaxPacketSize (%d) must be positive", config.maxPacketSize()));
        }
        String name = config.multicastInterface();
        if (name != null && name.isBlank()) {
            name = null;
        }
        return Optional.of(new MulticastSettings(Ipv4Range.parseMulticast(rangeText), rtpPort, rtcpPort,
                name == null ? null : name.strip(), ttl, config.maxPacketSize()));
    }

    private static void checkPort(String what, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(
                    String.format("multicast %s port (%d) must be between 1 and 65535", what, port));
        }
    }
}
