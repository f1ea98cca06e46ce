package org.rtspkit.api;

/** How media travels to or from a session. */
public enum TransportProtocol {
    UDP,
    UDP_MULTICAST,
    TCP
}
