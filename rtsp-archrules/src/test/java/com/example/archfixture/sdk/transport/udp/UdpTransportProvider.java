package com.example.archfixture.sdk.transport.udp;

/** Stands in for the UDP transport. */
public final class UdpTransportProvider {
    public static String uses() {
        return "udp";
    }
}
