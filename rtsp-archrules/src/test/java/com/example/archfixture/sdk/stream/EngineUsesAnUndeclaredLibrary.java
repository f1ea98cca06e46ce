package com.example.archfixture.sdk.stream;

import com.tngtech.archunit.core.domain.JavaClass;

/** Engine code that depends on a library rtsp-stream does not declare. */
public final class EngineUsesAnUndeclaredLibrary {
    public static String uses() {
        return JavaClass.class.getName();
    }
}
