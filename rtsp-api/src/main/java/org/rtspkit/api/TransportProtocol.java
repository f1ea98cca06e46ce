package org.rtspkit.api;

/** How media travels to or from a session. */
public enum TransportProtocol {
    /** UDP unicast to the client's ports ({@code RTP/AVP/UDP;unicast}). */
    UDP,
    /** UDP to a multicast group shared by the readers of a media ({@code multicast}). */
    UDP_MULTICAST,
    /** Interleaved in the RTSP connection, {@code $}-framed ({@code RTP/AVP/TCP}). */
    TCP
}
