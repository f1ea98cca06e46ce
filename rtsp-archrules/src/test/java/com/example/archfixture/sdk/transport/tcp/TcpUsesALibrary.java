package com.example.archfixture.sdk.transport.tcp;

import com.tngtech.archunit.core.domain.JavaClass;

/** A transport that depends on a third-party library. */
public final class TcpUsesALibrary {
    public static String uses() {
        return JavaClass.class.getName();
    }
}
