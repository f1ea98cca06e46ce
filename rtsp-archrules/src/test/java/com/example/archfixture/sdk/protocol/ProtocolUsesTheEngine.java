package com.example.archfixture.sdk.protocol;

import com.example.archfixture.sdk.stream.RtspServers;

/** A codec that reaches into the engine. */
public final class ProtocolUsesTheEngine {
    public static String uses() {
        return RtspServers.class.getName();
    }
}
