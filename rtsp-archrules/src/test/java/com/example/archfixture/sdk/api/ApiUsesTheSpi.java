package com.example.archfixture.sdk.api;

import com.example.archfixture.sdk.spi.SpiUsesALibrary;

/** An API class that names an SPI type (as ServerConfig once named SrtpSuite while it was in the SPI). */
public final class ApiUsesTheSpi {
    public static String uses() {
        return SpiUsesALibrary.uses();
    }
}
