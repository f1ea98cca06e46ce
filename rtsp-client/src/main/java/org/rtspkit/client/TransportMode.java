package org.rtspkit.client;

/** How a client asks the server to carry media. */
public enum TransportMode {
    /** RTP and RTCP in UDP datagrams to the client's own ports. */
    UDP,
    /** RTP and RTCP interleaved in the RTSP connection. */
    TCP,
    /** RTP and RTCP in UDP datagrams to a multicast group the server chooses (reading only). */
    MULTICAST,
    /**
     * UDP first; TCP when the server answers {@code 461 Unsupported Transport}, or when no packet
     * arrives within {@link ClientConfig#udpFallbackTimeout()} of PLAY (a firewall or NAT in between).
     */
    AUTO
}
