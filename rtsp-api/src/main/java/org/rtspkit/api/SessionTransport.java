package org.rtspkit.api;

import java.util.Objects;

/**
 * The transport a session negotiated at its first SETUP.
 *
 * @param protocol how media travels: UDP, UDP multicast or interleaved in the RTSP connection
 * @param profile  plain RTP ({@code RTP/AVP}) or SRTP ({@code RTP/SAVP})
 */
public record SessionTransport(TransportProtocol protocol, TransportProfile profile) {
    /**
     * Checks that both components are present.
     *
     * @param protocol how media travels: UDP, UDP multicast or interleaved in the RTSP connection
     * @param profile plain RTP ({@code RTP/AVP}) or SRTP ({@code RTP/SAVP})
     */
    public SessionTransport {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(profile, "profile");
    }
}
