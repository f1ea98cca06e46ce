package org.rtspkit.api;

/** Authentication schemes the server offers in {@code WWW-Authenticate}. */
public enum AuthMethod {
    /** HTTP Basic (RFC 7617): the password travels base64-encoded, so offer it over RTSPS only where that matters. */
    BASIC,
    /** HTTP Digest (RFC 7616) with MD5, which every RTSP client answers. */
    DIGEST_MD5,
    /** HTTP Digest with SHA-256. Off by default: FFmpeg cannot authenticate when it is offered. */
    DIGEST_SHA256
}
