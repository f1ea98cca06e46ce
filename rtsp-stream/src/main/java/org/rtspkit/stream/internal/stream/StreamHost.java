package org.rtspkit.stream.internal.stream;

import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.api.SrtpSuite;
import org.rtspkit.spi.MulticastService;
import org.rtspkit.spi.SrtpProvider;
import org.rtspkit.stream.internal.net.IoLoop;

/** What a {@link Stream} uses of the server that created it. */
public interface StreamHost {
    ServerConfig config();

    ServerHandler handler();

    /** Whether secure media (SAVP) can be served: RTSPS is on and an SRTP provider was found. */
    boolean srtpAvailable();

    /** The SRTP provider, or null when none is on the module path. */
    SrtpProvider srtp();

    /** The suite of the keys this server makes for its streams and sessions. */
    SrtpSuite srtpSuite();

    /** The multicast service, or null when multicast is off. */
    MulticastService multicast();

    /** A loop for work that belongs to no connection (multicast writers), spread like connections. */
    IoLoop nextLoop();

    /** After a fan-out that marked readers' outputs ready quietly (see {@link IoLoop#wakeAfterFanOut}). */
    void wakeLoopsAfterFanOut();

    /** The stream closed: the server stops sending its reports. */
    void streamClosed(Stream stream);
}
