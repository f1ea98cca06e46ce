package com.example.archfixture.sdk.client;

import com.example.archfixture.sdk.stream.RtspServers;

/** A client that reaches for the engine. */
public final class ClientUsesTheEngine {
    public static String uses() {
        return RtspServers.uses();
    }
}
