package com.example.archfixture.sdk.transport.udp;

import com.example.archfixture.sdk.stream.RtspServers;

/** A transport that imports the engine. */
public final class UdpUsesTheEngine {
    public static String uses() {
        return RtspServers.uses();
    }
}
