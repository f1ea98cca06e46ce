package com.example.archfixture.clean;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.rtspkit.api.RtspServer;
import org.rtspkit.api.ServerConfig;
import org.rtspkit.api.ServerHandler;
import org.rtspkit.spi.MulticastProviders;
import org.rtspkit.spi.SrtpProviders;
import org.rtspkit.spi.SrtpSuite;
import org.rtspkit.spi.Transports;
import org.rtspkit.stream.RtspServers;

/** Uses everything an application may: the API, the engine's entry point, the SPI's lookup facades. */
public final class CleanApplication {
    private CleanApplication() {
    }

    public static RtspServer start(ServerHandler handler) throws IOException {
        ServerConfig.Builder config = ServerConfig.builder().rtspAddress(new InetSocketAddress("127.0.0.1", 0));
        if (SrtpProviders.find().isPresent()) {
            config.srtpSuite(SrtpSuite.DEFAULT);
        }
        System.out.println(Transports.describe(Transports.available()) + MulticastProviders.find().isPresent());
        return RtspServers.start(config.build(), handler);
    }
}
