package com.example.archfixture.sdk.stream.internal;

/** Stands in for a class of the engine's internals. */
public final class Server {
    public static String uses() {
        return "internal";
    }
}
