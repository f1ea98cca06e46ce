package com.example.archfixture.sdk.srtp;

import com.tngtech.archunit.core.domain.JavaClass;

/** SRTP code that depends on a third-party library. */
public final class SrtpUsesALibrary {
    public static String uses() {
        return JavaClass.class.getName();
    }
}
