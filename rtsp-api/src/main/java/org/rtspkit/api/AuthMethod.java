package org.rtspkit.api;

/** Authentication schemes the server offers in {@code WWW-Authenticate}. */
public enum AuthMethod {
    BASIC,
    DIGEST_MD5,
    /** Off by default: FFmpeg cannot authenticate when it is offered. */
    DIGEST_SHA256
}
