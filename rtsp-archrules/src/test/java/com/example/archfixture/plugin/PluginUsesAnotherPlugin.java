package com.example.archfixture.plugin;

import org.rtspkit.transport.tcp.TcpTransportProvider;

/** A plugin that builds on another plugin's classes. */
public final class PluginUsesAnotherPlugin {
    private PluginUsesAnotherPlugin() {
    }

    public static Object tcp() {
        return new TcpTransportProvider();
    }
}
