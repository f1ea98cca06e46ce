package com.example.archfixture.sdk.stream;

/** Stands in for the engine's entry point. */
public final class RtspServers {
    public static String uses() {
        return "entry point";
    }
}
