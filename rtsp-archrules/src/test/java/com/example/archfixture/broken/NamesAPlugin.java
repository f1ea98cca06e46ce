package com.example.archfixture.broken;

import org.rtspkit.transport.udp.UdpTransportProvider;

/** Creates a plugin itself instead of letting ServiceLoader find it. */
public final class NamesAPlugin {
    private NamesAPlugin() {
    }

    public static Object udp() {
        return new UdpTransportProvider();
    }
}
