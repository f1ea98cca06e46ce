package com.example.archfixture.sdk.multicast;

import com.example.archfixture.sdk.stream.internal.Server;

/** A plugin that reaches into the engine's internals. */
public final class MulticastUsesEngineInternals {
    public static String uses() {
        return Server.uses();
    }
}
