package org.rtspkit.api;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The multicast group and ports of one media of a stream, replacing the address the server would
 * allocate from its range and its configured ports. Readers are told {@code port=rtpPort-rtcpPort},
 * and clients take RTCP to be the next port after RTP, so the two must be consecutive.
 *
 * @param group    an IPv4 multicast address (224.0.0.0/4)
 * @param rtpPort  where RTP is sent; even, as RTP ports are
 * @param rtcpPort where RTCP is sent and readers' RTCP is received: {@code rtpPort + 1}
 */
public record MulticastParams(InetAddress group, int rtpPort, int rtcpPort) {
    /**
     * Checks that the group is an IPv4 multicast address and the ports are usable.
     *
     * @param group an IPv4 multicast address (224.0.0.0/4)
     * @param rtpPort where RTP is sent; even, as RTP ports are
     * @param rtcpPort where RTCP is sent and readers' RTCP is received: {@code rtpPort + 1}
     */
    public MulticastParams {
        Objects.requireNonNull(group, "group");
        if (!(group instanceof Inet4Address) || !group.isMulticastAddress()) {
            throw new IllegalArgumentException("multicast group (" + group.getHostAddress()
                    + ") must be an IPv4 multicast address (224.0.0.0/4)");
        }
        if (rtpPort <= 0 || rtpPort >= 65_535) {
            throw new IllegalArgumentException(String.format("multicast RTP port (%d) must be between 1 and 65534", rtpPort));
        }
        if (rtpPort % 2 != 0) {
            throw new IllegalArgumentException(String.format("multicast RTP port (%d) must be even", rtpPort));
        }
        if (rtcpPort != rtpPort + 1) {
            throw new IllegalArgumentException(String.format(
                    "multicast RTP (%d) and RTCP (%d) ports must be consecutive", rtpPort, rtcpPort));
        }
    }
}
