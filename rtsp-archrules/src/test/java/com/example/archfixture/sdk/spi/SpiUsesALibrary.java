package com.example.archfixture.sdk.spi;

import com.tngtech.archunit.core.domain.JavaClass;

/** An SPI class that depends on a third-party library. */
public final class SpiUsesALibrary {
    public static String uses() {
        return JavaClass.class.getName();
    }
}
