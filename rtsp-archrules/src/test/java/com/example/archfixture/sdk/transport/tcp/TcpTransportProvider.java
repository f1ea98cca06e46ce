package com.example.archfixture.sdk.transport.tcp;

/** Stands in for the TCP transport. */
public final class TcpTransportProvider {
    public static String uses() {
        return "tcp";
    }
}
