package com.example.archfixture.sdk.multicast;

import com.example.archfixture.sdk.protocol.ProtocolUsesTheEngine;

/** A plugin that uses the codecs, which rtspkit exports to its own modules only. */
public final class MulticastUsesTheProtocol {
    public static String uses() {
        return ProtocolUsesTheEngine.class.getName();
    }
}
