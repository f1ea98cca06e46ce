package com.example.archfixture.sdk.stream;

import com.example.archfixture.sdk.transport.udp.UdpTransportProvider;

/** Engine code that imports a plugin. */
public final class EngineNamesAPlugin {
    public static String uses() {
        return UdpTransportProvider.uses();
    }
}
