package com.example.archfixture.sdk.multicast;

import com.example.archfixture.sdk.transport.tcp.TcpTransportProvider;

/** A plugin that imports another plugin. */
public final class MulticastUsesTcp {
    public static String uses() {
        return TcpTransportProvider.uses();
    }
}
