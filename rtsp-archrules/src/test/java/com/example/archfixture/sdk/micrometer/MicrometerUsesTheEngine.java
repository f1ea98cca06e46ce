package com.example.archfixture.sdk.micrometer;

import com.example.archfixture.sdk.stream.RtspServers;

/** Micrometer binding code that reaches for the engine instead of the API's stats. */
public final class MicrometerUsesTheEngine {
    public static String uses() {
        return RtspServers.uses();
    }
}
