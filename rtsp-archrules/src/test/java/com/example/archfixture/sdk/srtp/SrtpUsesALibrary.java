package com.example.archfixture.sdk.srtp;

import com.tngtech.archunit.core.domain.JavaClass;

/** SRTP code that depends on a library other than BouncyCastle. */
public final class SrtpUsesALibrary {
    public static String uses() {
        return JavaClass.class.getName();
    }
}
