package com.example.archfixture.plugin;

import org.rtspkit.api.TransportProtocol;
import org.rtspkit.spi.TransportProvider;

/** A plugin written outside rtspkit, as the SPI expects: API and SPI only. */
public abstract class GoodTransportProvider implements TransportProvider {
    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.values()[0];
    }
}
