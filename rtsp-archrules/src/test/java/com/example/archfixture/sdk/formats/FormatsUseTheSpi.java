package com.example.archfixture.sdk.formats;

import com.example.archfixture.sdk.spi.SpiUsesALibrary;

/** A packetizer that reaches for the plugin SPI. */
public final class FormatsUseTheSpi {
    public static String uses() {
        return SpiUsesALibrary.uses();
    }
}
