package com.example.archfixture.broken;

import org.rtspkit.stream.internal.Server;

/** Reaches into the engine's internal package. */
public final class UsesEngineInternal {
    private UsesEngineInternal() {
    }

    public static void stop(Server server) {
        server.close();
    }
}
