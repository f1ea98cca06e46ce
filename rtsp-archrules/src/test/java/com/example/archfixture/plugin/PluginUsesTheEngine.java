package com.example.archfixture.plugin;

import org.rtspkit.stream.RtspServers;

/** A plugin that reaches for the engine. */
public final class PluginUsesTheEngine {
    private PluginUsesTheEngine() {
    }

    public static String engine() {
        return RtspServers.class.getName();
    }
}
